// vSphere's "Increase Datastore Capacity": the storage team grows the LUN and the datastore with it. In
// the lab's past it says that OK also starts a new branch (asked once).
import { useId, useState, type FormEvent } from 'react';
import type { DatastoreView } from '../../engine/core/view';
import { formatBytes } from '../../app/format';
import { resizeDatastore } from '../../app/commands';
import { Dialog } from '../common/Dialog';
import { BranchNote, usePastBranch } from '../controls/BranchNote';

const GB = 1024 ** 3;

export function IncreaseDialog({ ds, onClose }: { ds: DatastoreView; onClose(): void }) {
  const now = ds.capacityBytes / GB;
  const [gb, setGb] = useState(String(Math.ceil(now + Math.max(10, now * 0.5))));
  const formId = useId();
  const branch = usePastBranch();
  const value = Number(gb);
  const ok = Number.isFinite(value) && value > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    onClose();
    void resizeDatastore(ds.id, value, branch?.newBranch);
  };
  return (
    <Dialog title="Increase Datastore Capacity" onClose={onClose}
      footer={<>
        <button type="submit" form={formId} className="btn btn-primary" disabled={!ok}>OK</button>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </>}>
      <form id={formId} className="form" onSubmit={submit}>
        <p className="muted small">{ds.id}: {formatBytes(ds.capacityBytes)}, {formatBytes(ds.freeBytes)} free.</p>
        <label className="field">New capacity (GB)
          <input type="number" min={1} step={1} value={gb} onChange={(e) => setGb(e.target.value)} required data-autofocus />
        </label>
        <BranchNote branch={branch} answer="OK" />
      </form>
    </Dialog>
  );
}
