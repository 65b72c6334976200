// The "Snapshot tree" region: the toolbar of snapshot actions, the tree, and their dialogs.
import { lazy, useState } from 'react';
import { consolidate } from '../../app/commands';
import { useLab, useSelectedVm } from '../../app/store';
import { Region } from '../common/Region';
import { DeleteConfirm, type DeleteRequest } from './DeleteConfirm';
import { RevertConfirm } from './RevertConfirm';
import { SnapshotManager } from './SnapshotManager';
import { TakeSnapshotDialog } from './TakeSnapshotDialog';

const SnapshotFlow = lazy(() => import('./SnapshotFlow'));

type Open = null | { kind: 'take' } | { kind: 'manager' } | { kind: 'revert'; snapshot: string } | { kind: 'delete'; request: DeleteRequest };

export function SnapshotTree() {
  const vm = useSelectedVm();
  const selected = useLab((s) => s.selectedSnapshot);
  const [open, setOpen] = useState<Open>(null);
  // Dialogs opened from the Snapshot Manager return to it when they close.
  const [managerOpen, setManagerOpen] = useState(false);
  const close = () => setOpen(null);
  const hasSelection = vm !== undefined && selected !== null && vm.snapshots.some((s) => s.id === selected);

  const tools = vm && (
    <div className="toolbar" role="toolbar" aria-label="Snapshot actions">
      <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'take' })}>Take Snapshot...</button>
      <button type="button" className="btn" disabled={!hasSelection} onClick={() => selected && setOpen({ kind: 'revert', snapshot: selected })}>Revert to Snapshot</button>
      <button type="button" className="btn" disabled={!hasSelection} onClick={() => selected && setOpen({ kind: 'delete', request: { kind: 'one', snapshot: selected } })}>Delete Snapshot</button>
      <button type="button" className="btn" disabled={!vm.snapshots.length} onClick={() => setOpen({ kind: 'delete', request: { kind: 'all' } })}>Delete All</button>
      <button type="button" className={`btn ${vm.consolidationNeeded ? 'btn-warn' : ''}`} onClick={() => void consolidate(vm.id)}>Consolidate</button>
      <button type="button" className="btn" onClick={() => setManagerOpen(true)}>Snapshot Manager</button>
    </div>
  );

  return (
    <Region name="Snapshot tree" className="tree" tools={tools}>
      {vm ? <>
        {vm.consolidationNeeded && <p className="banner warn" role="status">Virtual machine disks consolidation is needed.</p>}
        <div className="flow-box"><SnapshotFlow vm={vm} /></div>
        {managerOpen && !open && (
          <SnapshotManager vm={vm} onClose={() => setManagerOpen(false)}
            onRevert={(id) => setOpen({ kind: 'revert', snapshot: id })}
            onDelete={(id) => setOpen({ kind: 'delete', request: { kind: 'one', snapshot: id } })}
            onDeleteAll={() => setOpen({ kind: 'delete', request: { kind: 'all' } })} />
        )}
        {open?.kind === 'take' && <TakeSnapshotDialog vm={vm} onClose={close} />}
        {open?.kind === 'revert' && <RevertConfirm vm={vm} snapshot={open.snapshot} onDone={close} />}
        {open?.kind === 'delete' && <DeleteConfirm vm={vm} request={open.request} onDone={close} />}
      </> : <p className="muted">Select a virtual machine in the inventory.</p>}
    </Region>
  );
}
