// A VM paused on a question (the datastore ran out of space): vSphere's "Virtual Machine Message",
// answered with Retry or Abort. It never locks the page: the learner frees space (deletes a
// snapshot, grows the datastore) with it open, or closes it and opens it again from the VM.
import { useMemo } from 'react';
import { answerQuestion } from '../../app/commands';
import { useLab } from '../../app/store';
import { Dialog } from '../common/Dialog';
import './question.css';
import { closeQuestion, shownQuestion, useQuestionUi, type Asking } from './questionState';

export function QuestionDialog() {
  // As text, so that a state post that changes nothing here renders nothing.
  const key = useLab((s) => JSON.stringify(s.state.vms.filter((v) => v.question)
    .map((v): Asking => ({ vm: v.id, name: v.name, id: v.question!.id, text: v.question!.text }))));
  const asking = useMemo(() => JSON.parse(key) as Asking[], [key]);
  const ui = useQuestionUi();
  const shown = shownQuestion(asking, ui);
  if (!shown) return null;
  const q = shown.question;
  return (
    <Dialog key={`${q.vm}/${q.id}/${shown.opened}`} title={`Virtual Machine Message - ${q.name}`} role="alertdialog"
      modal={false} takeFocus={shown.opened} className="question-dialog" onClose={() => closeQuestion(q.id)}
      footer={<>
        <button type="button" className="btn btn-primary" data-autofocus onClick={() => void answerQuestion(q.vm, 'retry')}>Retry</button>
        <button type="button" className="btn" onClick={() => void answerQuestion(q.vm, 'abort')}>Abort</button>
      </>}>
      <p className="question-text">{q.text}</p>
      <p className="muted small">{q.name} stays paused until you answer. The rest of the lab stays usable: free space first (delete a snapshot, grow the datastore), then Retry.</p>
    </Dialog>
  );
}
