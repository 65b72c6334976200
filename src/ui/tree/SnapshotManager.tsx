// vSphere's Snapshot Manager: the tree as a keyboard list beside the selected snapshot's details.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { VmView } from '../../engine/core/view';
import { consistencyLabel, formatSimTime } from '../../app/format';
import { selectSnapshot, useLab } from '../../app/store';
import { Dialog } from '../common/Dialog';
import { HERE_ID } from './layout';
import { changesSince, fileLineText, snapshotFiles } from './nodes';
import { snapshotRows } from './snapshotOrder';

interface Props { vm: VmView; onClose(): void; onRevert(id: string): void; onDelete(id: string): void; onDeleteAll(): void }

export function SnapshotManager({ vm, onClose, onRevert, onDelete, onDeleteAll }: Props) {
  const selected = useLab((s) => s.selectedSnapshot);
  const rows = snapshotRows(vm.snapshots, vm.currentSnapshot);
  const [focus, setFocus] = useState(() => Math.max(0, rows.findIndex((r) => r.id === (selected ?? HERE_ID))));
  const list = useRef<HTMLUListElement>(null);
  const chosen = vm.snapshots.find((s) => s.id === selected) ?? null;
  const diskLabel = (id: string) => vm.disks.find((d) => d.id === id)?.label ?? id;

  const move = (i: number) => {
    const n = Math.max(0, Math.min(rows.length - 1, i));
    setFocus(n);
    (list.current?.querySelectorAll<HTMLElement>('[role="treeitem"]')[n])?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); move(focus + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); move(focus - 1); }
    else if (e.key === 'Home') { e.preventDefault(); move(0); }
    else if (e.key === 'End') { e.preventDefault(); move(rows.length - 1); }
  };
  const choose = (id: string) => selectSnapshot(id === HERE_ID ? null : id);

  return (
    <Dialog title={`Snapshot Manager - ${vm.name}`} onClose={onClose} wide
      footer={<button type="button" className="btn" onClick={onClose}>Close</button>}>
      <div className="manager">
        <ul className="manager-tree" role="tree" aria-label={`Snapshots of ${vm.name}`} ref={list} onKeyDown={onKey}>
          {rows.map((r, i) => (
            <li key={r.id} role="treeitem" aria-level={r.depth + 1} aria-selected={r.snapshot ? r.id === selected : selected === null}
              tabIndex={i === focus ? 0 : -1} style={{ paddingLeft: `${0.5 + r.depth * 1.1}rem` }}
              className={r.snapshot ? '' : 'here-row'}
              onClick={() => { setFocus(i); choose(r.id); }}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(r.id); } }}>
              {r.snapshot ? <><span className="ico ico-snap" aria-hidden="true" />{r.snapshot.name}</> : <><span className="here-pin" aria-hidden="true">▼</span>You are here</>}
            </li>
          ))}
        </ul>
        <div className="manager-detail">
          {chosen ? (
            <dl className="props">
              <dt>Name</dt><dd>{chosen.name}</dd>
              <dt>Description</dt><dd>{chosen.description || <span className="muted">None</span>}</dd>
              <dt>Created</dt><dd>{formatSimTime(chosen.createdAt, false)}</dd>
              <dt>Consistency</dt><dd>{consistencyLabel(chosen.consistency)}</dd>
              <dt>Memory</dt><dd>{chosen.memory ? 'Included' : 'Not included'}</dd>
              <dt>Quiesced</dt><dd>{chosen.quiesced ? 'Yes' : 'No'}</dd>
              <dt>Disk files when taken</dt><dd>{snapshotFiles(chosen).map((f) => <div key={f.disk}>{diskLabel(f.disk)}: {f.file}</div>)}</dd>
              <dt>Writes since</dt><dd>{changesSince(chosen).length === 0 ? <span className="muted">None</span>
                : changesSince(chosen).map((f) => <div key={`${f.disk}${f.file}`}>{diskLabel(f.disk)}: {fileLineText(f)}</div>)}</dd>
            </dl>
          ) : <p className="muted">Select a snapshot to see its details.</p>}
          <div className="btn-row">
            <button type="button" className="btn" disabled={!chosen} onClick={() => chosen && onRevert(chosen.id)}>Revert to Snapshot</button>
            <button type="button" className="btn" disabled={!chosen} onClick={() => chosen && onDelete(chosen.id)}>Delete Snapshot</button>
            <button type="button" className="btn" disabled={!vm.snapshots.length} onClick={onDeleteAll}>Delete All</button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
