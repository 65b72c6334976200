// In the lab's past, a dialog that already asks before it changes the lab (Revert, Delete, Delete All,
// Restore VM, Take Snapshot, Increase Datastore Capacity, Host settings, Edit backup job, Edit backup
// proxy, and the VM settings panel's OK) says there that its answer also starts a new branch, and hands
// the branch it named to its command: the learner is asked once, not by the dialog and then by "Start a
// new branch?". The words are the worker's history view, as the sign "In the past" shows them.
import type { WouldBranch } from '../../worker/branchTree';
import { useLab } from '../../app/store';

/** The branch a change would start now, or null at the newest moment of the branch. */
export function usePastBranch(): WouldBranch | null {
  return useLab((s) => (s.history && !s.history.atEnd ? s.history.wouldBranch : null));
}

/** "Yes also starts Branch 2 …" inside a dialog, or nothing at the present. */
export function BranchNote({ branch, answer }: { branch: WouldBranch | null; answer: 'Yes' | 'OK' }) {
  if (!branch) return null;
  return (
    <p className="branch-note" role="note">
      <span aria-hidden="true">⟲ </span>The lab shows its past: <strong>{answer}</strong> also starts <strong>{branch.newBranch}</strong> from
      this moment. The old future is kept as <strong>{branch.keptAs}</strong>.
    </p>
  );
}
