// vSphere's "Take Virtual Machine Snapshot" dialog. In the lab's past it says that OK also starts a
// new branch (asked once).
import { useId, useState, type FormEvent } from 'react';
import type { VmView } from '../../engine/core/view';
import { takeSnapshot } from '../../app/commands';
import { Dialog } from '../common/Dialog';
import { BranchNote, usePastBranch } from '../controls/BranchNote';

export function TakeSnapshotDialog({ vm, onClose }: { vm: VmView; onClose(): void }) {
  const [name, setName] = useState(`Snapshot ${vm.snapshotCount + 1}`);
  const [description, setDescription] = useState('');
  const [memory, setMemory] = useState(false);
  const [quiesce, setQuiesce] = useState(false);
  const formId = useId();
  const on = vm.power === 'poweredOn';
  const branch = usePastBranch();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    onClose();
    // A quiesce may be asked of a VM that is off: vSphere takes an ordinary snapshot and says it ignored it.
    void takeSnapshot(vm.id, { name: name.trim(), description, memory: on && memory, quiesce: !(on && memory) && quiesce }, branch?.newBranch);
  };
  return (
    <Dialog title={`Take Virtual Machine Snapshot for ${vm.name}`} onClose={onClose}
      footer={<>
        <button type="submit" form={formId} className="btn btn-primary" disabled={!name.trim()}>OK</button>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </>}>
      <form id={formId} className="form" onSubmit={submit}>
        <label className="field">Name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} data-autofocus />
        </label>
        <label className="field">Description
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
        </label>
        <label className="check">
          <input type="checkbox" checked={on && memory} disabled={!on} onChange={(e) => setMemory(e.target.checked)} />
          Snapshot the virtual machine's memory
        </label>
        <label className="check">
          <input type="checkbox" checked={!(on && memory) && quiesce} disabled={on && memory} onChange={(e) => setQuiesce(e.target.checked)} />
          Quiesce guest file system (Needs VMware Tools installed)
        </label>
        {!on && <p className="muted small">The virtual machine is not powered on: there is no memory to save, and nothing runs in the guest to quiesce.</p>}
        <BranchNote branch={branch} answer="OK" />
      </form>
    </Dialog>
  );
}
