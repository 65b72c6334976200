// The questions vSphere asks before deleting snapshots. In the lab's past they also say that Yes starts
// a new branch (asked once).
import type { VmView } from '../../engine/core/view';
import { deleteAllSnapshots, deleteSnapshot } from '../../app/commands';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { BranchNote, usePastBranch } from '../controls/BranchNote';

export type DeleteRequest = { kind: 'one'; snapshot: string } | { kind: 'all' };

export function DeleteConfirm({ vm, request, onDone }: { vm: VmView; request: DeleteRequest; onDone(): void }) {
  const branch = usePastBranch();
  if (request.kind === 'all') {
    return (
      <ConfirmDialog title="Confirm Delete All" onNo={onDone}
        onYes={() => { onDone(); void deleteAllSnapshots(vm.id, branch?.newBranch); }}>
        <p>Are you sure you want to delete all snapshots of {vm.name}? Their changes are merged into the base disks.</p>
        <BranchNote branch={branch} answer="Yes" />
      </ConfirmDialog>
    );
  }
  const s = vm.snapshots.find((x) => x.id === request.snapshot);
  return (
    <ConfirmDialog title="Confirm Delete" onNo={onDone}
      onYes={() => { onDone(); void deleteSnapshot(vm.id, request.snapshot, false, branch?.newBranch); }}>
      <p>Are you sure you want to delete the snapshot “{s?.name ?? request.snapshot}”?</p>
      <BranchNote branch={branch} answer="Yes" />
    </ConfirmDialog>
  );
}
