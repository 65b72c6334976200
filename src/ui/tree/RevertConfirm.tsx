// vSphere asks before a revert, because the current state is lost. In the lab's past the same question
// says that Yes also starts a new branch (asked once).
import type { VmView } from '../../engine/core/view';
import { revertToSnapshot } from '../../app/commands';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { BranchNote, usePastBranch } from '../controls/BranchNote';

export function RevertConfirm({ vm, snapshot, onDone }: { vm: VmView; snapshot: string; onDone(): void }) {
  const s = vm.snapshots.find((x) => x.id === snapshot);
  const branch = usePastBranch();
  return (
    <ConfirmDialog title="Confirm Revert to Snapshot" onNo={onDone}
      onYes={() => { onDone(); void revertToSnapshot(vm.id, snapshot, branch?.newBranch); }}>
      <p>Revert {vm.name} to “{s?.name ?? snapshot}”? The current state of the virtual machine will be lost unless you take a snapshot of it first.</p>
      <BranchNote branch={branch} answer="Yes" />
    </ConfirmDialog>
  );
}
