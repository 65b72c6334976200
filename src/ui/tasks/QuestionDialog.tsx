// A VM paused on a question (the datastore ran out of space): vSphere's "Virtual Machine Message"
// dialog, answered with Retry or Abort.
import { useShallow } from 'zustand/react/shallow';
import { answerQuestion } from '../../app/commands';
import { useLab } from '../../app/store';
import { Dialog } from '../common/Dialog';

export function QuestionDialog() {
  const asking = useLab(useShallow((s) => {
    const vm = s.state.vms.find((v) => v.question);
    return vm ? { vm: vm.id, name: vm.name, id: vm.question!.id, text: vm.question!.text } : null;
  }));
  if (!asking) return null;
  return (
    <Dialog key={`${asking.vm}/${asking.id}`} title={`Virtual Machine Message - ${asking.name}`} role="alertdialog"
      dismissable={false} onClose={() => { /* the VM stays paused until answered */ }}
      footer={<>
        <button type="button" className="btn btn-primary" onClick={() => void answerQuestion(asking.vm, 'retry')}>Retry</button>
        <button type="button" className="btn" onClick={() => void answerQuestion(asking.vm, 'abort')}>Abort</button>
      </>}>
      <p className="question-text">{asking.text}</p>
    </Dialog>
  );
}
