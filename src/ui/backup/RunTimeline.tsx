// A run's timeline: one lane per VM, a bar per step (snapshot, transfer, log truncation, snapshot
// removal) from its start to its end, and under the bars each step in words with its duration, a
// failed one marked "failed", so a step of a second in a run of an hour still reads. Bars are laid out
// from the state view's step times; nothing is computed about the domain.
import type { BackupRunView } from '../../engine/core/view';
import { formatDuration, formatSimTime } from '../../app/format';

const STEP_CLASS: Record<string, string> = { snapshot: 'step-snapshot', transfer: 'step-transfer', truncate: 'step-truncate', remove: 'step-remove' };

export function RunTimeline({ run, now, vmName }: { run: BackupRunView; now: number; vmName: (id: string) => string }) {
  const end = run.end ?? now;
  const span = Math.max(1, end - run.start);
  const pct = (t: number) => `${(100 * (t - run.start)) / span}%`;
  return (
    <figure className="run-timeline" aria-label={`Timeline of run ${run.number}`}>
      <figcaption>Run {run.number}: {formatSimTime(run.start, false)} to {run.end === null ? 'now' : formatSimTime(run.end, false)} ({formatDuration(end - run.start)})</figcaption>
      <ol className="lanes">
        {run.vms.map((v) => (
          <li key={v.vm} className="lane">
            <span className="lane-name">{vmName(v.vm)}</span>
            <div className="lane-track" aria-hidden="true">
              {v.steps.map((s, i) => (
                <span key={i} className={`step ${STEP_CLASS[s.kind]} step-${s.state}`}
                  style={{ left: `min(${pct(s.start)}, calc(100% - 8px))`, width: `max(8px, ${(100 * ((s.end ?? now) - s.start)) / span}%)` }} />
              ))}
            </div>
            <ol className="lane-steps">
              {v.steps.map((s, i) => (
                <li key={i} className={`step-words step-${s.state}`}>
                  <span className={`swatch ${STEP_CLASS[s.kind]} step-${s.state}`} aria-hidden="true" />
                  {s.label} · {formatDuration((s.end ?? now) - s.start)}{s.state === 'error' ? ' · failed' : ''}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </figure>
  );
}
