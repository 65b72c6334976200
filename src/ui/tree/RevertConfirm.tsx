// vSphere asks before a revert, because the current state is lost.
import type { VmView } from '../../engine/core/view';
import { revertToSnapshot } from '../../app/commands';
import { ConfirmDialog } from '../common/ConfirmDialog';

export function RevertConfirm({ vm, snapshot, onDone }: { vm: VmView; snapshot: string; onDone(): void }) {
  const s = vm.snapshots.find((x) => x.id === snapshot);
  return (
    <ConfirmDialog title="Confirm Revert to Snapshot" onNo={onDone}
      onYes={() => { onDone(); void revertToSnapshot(vm.id, snapshot); }}>
      <p>Revert {vm.name} to “{s?.name ?? snapshot}”? The current state of the virtual machine will be lost unless you take a snapshot of it first.</p>
    </ConfirmDialog>
  );
}
