// The live checklist: each objective ticks as the lab's state meets it; an open one says why not.
import type { LessonView } from '../../engine/core/view';

export function Objectives({ view }: { view: LessonView }) {
  const met = view.objectives.filter((o) => o.done).length;
  return (
    <section aria-label="Objectives" className="lesson-objectives">
      <h3>Objectives</h3>
      <p className="muted small" role="status" aria-live="polite">{met} of {view.objectives.length} met</p>
      <ol className="objectives">
        {view.objectives.map((o) => (
          <li key={o.id} className={o.done ? 'done' : 'open'} data-objective={o.id}>
            <span className="obj-mark" aria-hidden="true">{o.done ? '✓' : '○'}</span>
            <span className="obj-body">
              <span className="obj-text">{o.text}</span>
              <span className="visually-hidden">{o.done ? ' (met)' : ' (not met yet)'}</span>
              {!o.done && <span className="obj-why small">{o.why}</span>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
