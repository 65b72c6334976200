// "Restore VM": bring a restore point back as the original VM (overwritten), as a new VM on a chosen
// datastore, or at once by Instant VM Recovery (docs/restores.md). The engine checks and refuses; the
// dialog only gathers the choice. In the lab's past it says that OK also starts a new branch (asked once).
import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RestorePointView } from '../../engine/core/view';
import { instantRecovery, restoreVm } from '../../app/commands';
import { useLab } from '../../app/store';
import { Dialog } from '../common/Dialog';
import { BranchNote, usePastBranch } from '../controls/BranchNote';

type Mode = 'overwrite' | 'newVm' | 'instant';

export function RestoreDialog({ point, vmName, onClose }: { point: RestorePointView; vmName: string; onClose(): void }) {
  const [mode, setMode] = useState<Mode>('overwrite');
  const [name, setName] = useState(`${vmName}-restored`);
  const [powerOn, setPowerOn] = useState(true);
  const datastores = useLab(useShallow((s) => s.state.datastores.filter((d) => d.fs !== 'nfs' || !s.state.repositories?.some((r) => r.id === d.id)).map((d) => d.id)));
  const [datastore, setDatastore] = useState(datastores[0] ?? '');
  // Overwrite may restore some disks only (the point's VM's disks, as vSphere numbers them).
  const disks = useLab(useShallow((s) => s.state.vms.find((v) => v.id === point.vm)?.disks.filter((d) => d.mode === 'dependent').map((d) => d.id) ?? []));
  const [picked, setPicked] = useState<string[]>(disks);
  const formId = useId();
  const past = usePastBranch();
  const branch = past?.newBranch;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onClose();
    if (mode === 'instant') void instantRecovery(point.id, name.trim() || undefined, branch);
    else if (mode === 'newVm') void restoreVm(point.id, { mode, name: name.trim(), datastore, powerOn }, branch);
    else void restoreVm(point.id, { mode, vm: point.vm, powerOn, ...(picked.length < disks.length ? { disks: picked } : {}) }, branch);
  };
  const radio = (m: Mode, label: string, autofocus = false) => (
    <label className="check">
      <input type="radio" name={`${formId}-mode`} checked={mode === m} onChange={() => setMode(m)} {...(autofocus ? { 'data-autofocus': true } : {})} />{label}
    </label>
  );
  return (
    <Dialog title="Restore VM" onClose={onClose}
      footer={<>
        <button type="submit" form={formId} className="btn btn-primary" disabled={mode === 'overwrite' ? picked.length === 0 : !name.trim()}>OK</button>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </>}>
      <form id={formId} className="form" onSubmit={submit}>
        <p className="muted small">{vmName} as at restore point {point.id} ({point.kind}, {point.consistency}{point.applicationAware ? ', application-aware' : ''})</p>
        <fieldset>
          <legend>Restore mode</legend>
          {radio('overwrite', 'Overwrite the original VM', true)}
          {radio('newVm', 'Restore as a new VM')}
          {radio('instant', 'Instant VM Recovery')}
        </fieldset>
        {mode === 'overwrite' && disks.length > 1 && (
          <fieldset>
            <legend>Disks</legend>
            {disks.map((id, i) => (
              <label className="check" key={id}>
                <input type="checkbox" checked={picked.includes(id)} onChange={(e) => setPicked(e.target.checked ? [...picked, id] : picked.filter((x) => x !== id))} />
                Hard disk {i + 1} ({id})
              </label>
            ))}
          </fieldset>
        )}
        {mode !== 'overwrite' && (
          <label className="field">VM name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
          </label>
        )}
        {mode === 'newVm' && (
          <label className="field">Datastore
            <select value={datastore} onChange={(e) => setDatastore(e.target.value)}>
              {datastores.map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </label>
        )}
        {mode !== 'instant' && (
          <label className="check"><input type="checkbox" checked={powerOn} onChange={(e) => setPowerOn(e.target.checked)} />Power on VM after restoring</label>
        )}
        {mode === 'overwrite' && <p className="muted small">{vmName} is powered off first; its snapshots and its current disks are replaced.</p>}
        <BranchNote branch={past} answer="OK" />
        {mode === 'instant' && <p className="muted small">The VM starts at once from the backup repository, mounted as an NFS datastore; its writes go to redo logs there until you migrate it to production storage.</p>}
      </form>
    </Dialog>
  );
}
