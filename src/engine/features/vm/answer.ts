// vm.answer: the question a VM paused on (the datastore filled while a delta grew, rule 15).
import type { LabContext } from '../context';
import type { CommandOf } from '../../core/commands';
import { refuse, type CommandResult } from '../../core/result';
import { applyWrite, releaseHeld } from '../guest/write';
import { setPower } from './power';

/** vm.answer: Retry resumes only once there is room (rule 15); Abort powers the VM off. */
export function answerCommand(lab: LabContext, cmd: CommandOf<'vm.answer'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  if (!vm.question) return refuse('NO_QUESTION', `${vm.name} is not waiting for an answer.`);
  if (cmd.answer === 'abort') {
    lab.log(vm, 'host', 'vm.answered', `Abort: ${vm.name} is powered off.`);
    vm.question = null;
    vm.pending = [];
    vm.held = [];
    setPower(lab, vm, 'poweredOff');
    return { ok: true };
  }
  const pending = vm.pending;
  vm.pending = [];
  vm.question = null;
  for (let i = 0; i < pending.length; i++) {
    const w = pending[i];
    if (!applyWrite(lab, vm, w.disk, w.offset, w.length)) {
      vm.pending.push(...pending.slice(i + 1));
      lab.log(vm, 'host', 'vm.answered', `Retry: there is still not enough space on ${vm.datastore.id}; ${vm.name} stays paused.`);
      return { ok: true };
    }
  }
  lab.log(vm, 'host', 'vm.answered', `Retry: ${vm.name} resumes.`);
  releaseHeld(lab, vm);
  return { ok: true };
}
