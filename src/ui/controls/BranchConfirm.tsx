// Asked before a click changes the lab in its past: the change starts a new branch at this moment, and
// what happened next stays as the branch it was. Continue sends the change; Cancel (or Escape) changes
// nothing. The words come from the worker's history view (app/branchConfirm.ts holds the question).
import { answerBranchQuestion, useBranchQuestion } from '../../app/branchConfirm';
import { formatClock } from '../../app/clockFace';
import { Dialog } from '../common/Dialog';

export function BranchConfirm() {
  const q = useBranchQuestion((s) => s.question);
  if (!q) return null;
  return (
    <Dialog title="Start a new branch?" role="alertdialog" onClose={() => answerBranchQuestion(false)} className="branch-confirm"
      footer={<>
        <button type="button" className="btn btn-primary" data-autofocus onClick={() => answerBranchQuestion(true)}>Continue</button>
        <button type="button" className="btn" onClick={() => answerBranchQuestion(false)}>Cancel</button>
      </>}>
      <p>The lab is at <strong>{formatClock(q.position)}</strong>, in the past. A change here starts <strong>{q.newBranch}</strong> from this moment.</p>
      <p>The old future is kept as <strong>{q.keptAs}</strong>: choose it in the Branch list to go back to it.</p>
      <p className="muted">Cancel changes nothing.</p>
    </Dialog>
  );
}
