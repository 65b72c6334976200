// The slot for the "Lesson" region. The lesson panel itself belongs to src/lessons' engineer; until
// it plugs in here, a lesson loaded into the lab shows its objectives as the state view reports them.
import { useLab } from '../../app/store';
import { Region } from '../common/Region';

export function LessonSlot() {
  const lesson = useLab((s) => s.state.lesson);
  if (!lesson) return null;
  return (
    <Region name="Lesson" title={lesson.title} className="lesson">
      <ol className="objectives">
        {lesson.objectives.map((o) => (
          <li key={o.id} className={o.done ? 'done' : ''}>
            <span className="obj-mark" aria-hidden="true">{o.done ? '✓' : '○'}</span>
            <span>{o.text}{!o.done && o.why && <span className="muted small"> — {o.why}</span>}</span>
            <span className="visually-hidden">{o.done ? ' (done)' : ' (not yet)'}</span>
          </li>
        ))}
      </ol>
      {lesson.complete && <p className="banner ok" role="status">Lesson complete.</p>}
    </Region>
  );
}
