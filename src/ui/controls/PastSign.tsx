// Said plainly while the lab shows a moment in its past (the worker's history view: not at the end of
// the current branch): which moment, that a change here starts a new branch, and a way back to the
// present. Gone at the present. Its words are not live (they would be read out with every tick while
// time replays); the scrubber announces going into the past once.
import { seekTo } from '../../app/commands';
import { formatClock } from '../../app/clockFace';
import { useLab } from '../../app/store';

export function PastSign({ compact = false }: { compact?: boolean }) {
  const history = useLab((s) => s.history);
  const liveTime = useLab((s) => s.liveTime);
  if (!history || history.atEnd || !history.wouldBranch) return null;
  const now = Math.max(history.reached, liveTime);
  const { newBranch } = history.wouldBranch;
  const current = history.branches.find((b) => b.current)?.name ?? 'this branch';
  return (
    <div className={`past-sign ${compact ? 'past-sign-compact' : ''}`} role="region" aria-label="In the past">
      <span className="past-sign-icon" aria-hidden="true">⟲</span>
      <p>
        <strong>You are looking at {formatClock(liveTime)}, the past.</strong>{' '}
        {compact ? 'A change here starts a new branch.' : <>Changes here start a new branch ({newBranch}); {current} keeps what happened next, up to {formatClock(now)}.</>}
      </p>
      <button type="button" className="btn btn-primary" onClick={() => void seekTo(now)}>Return to the present</button>
    </div>
  );
}
