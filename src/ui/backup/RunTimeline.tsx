// A run's timeline: one lane per VM, a bar per step (snapshot, transfer, log truncation, snapshot
// removal) from its start to its end, labelled in visible text, next to the VSS timeline's freeze and
// thaw. Bars are laid out from the state view's step times; nothing is computed about the domain.
import type { BackupRunView } from '../../engine/core/view';
import { formatDuration, formatSimTime } from '../../app/format';

const STEP_CLASS: Record<string, string> = { snapshot: 'step-snapshot', transfer: 'step-transfer', truncate: 'step-truncate', remove: 'step-remove' };

export function RunTimeline({ run, now }: { run: BackupRunView; now: number }) {
  const end = run.end ?? now;
  const span = Math.max(1, end - run.start);
  const pct = (t: number) => `${(100 * (t - run.start)) / span}%`;
  return (
    <figure className="run-timeline" aria-label={`Timeline of run ${run.number}`}>
      <figcaption>Run {run.number}: {formatSimTime(run.start, false)} to {run.end === null ? 'now' : formatSimTime(run.end, false)} ({formatDuration(end - run.start)})</figcaption>
      <ol className="lanes">
        {run.vms.map((v) => (
          <li key={v.vm} className="lane">
            <span className="lane-name">{v.vm}</span>
            <ol className="lane-steps">
              {v.steps.map((s, i) => {
                const stop = s.end ?? now;
                return (
                  <li key={i} className={`step ${STEP_CLASS[s.kind]} step-${s.state}`}
                    style={{ left: pct(s.start), width: `max(2px, ${(100 * (stop - s.start)) / span}%)` }}
                    title={`${s.label}: ${formatDuration(stop - s.start)}`}>
                    <span className="step-label">{s.label} · {formatDuration(stop - s.start)}{s.state === 'error' ? ' · failed' : ''}</span>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </figure>
  );
}
