// "Break something": inject any fault of docs/commands.md into the selected VM, or clear them.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { clearFaults, injectFault } from '../../app/commands';
import { useLab, useSelectedVmId } from '../../app/store';
import { Region } from '../common/Region';
import { defaultFields, describeFault, faultOf, FAULT_KINDS, PHASE_WORDS, WRITER_ERRORS, WRITER_PHASES, type FaultFields, type FaultKind } from './faultForm';

export function BreakSomething({ id }: { id?: string }) {
  const vmId = useSelectedVmId();
  const vmName = useLab((s) => s.state.vms.find((v) => v.id === vmId)?.name ?? '');
  const writers = useLab(useShallow((s) => s.state.vms.find((v) => v.id === vmId)?.writers.map((w) => w.name) ?? []));
  const datastores = useLab(useShallow((s) => s.state.datastores.map((d) => d.id)));
  const [fields, setFields] = useState<FaultFields>(() => defaultFields(writers[0] ?? '', datastores[0] ?? ''));
  // Active faults come from the engine, so faults injected by scripts or a lesson show here too.
  const active = useLab(useShallow((s) => s.state.vms.find((v) => v.id === vmId)?.faults ?? []));
  const set = <K extends keyof FaultFields>(k: K, v: FaultFields[K]) => setFields((f) => ({ ...f, [k]: v }));
  const writer = writers.includes(fields.writer) ? fields.writer : writers[0] ?? '';
  const datastore = datastores.includes(fields.datastore) ? fields.datastore : datastores[0] ?? '';
  const help = FAULT_KINDS.find((k) => k.kind === fields.kind)?.help;

  const inject = async () => {
    if (!vmId) return;
    const fault = faultOf({ ...fields, writer, datastore });
    await injectFault(vmId, fault);
  };
  const clear = async () => {
    if (!vmId) return;
    await clearFaults(vmId);
  };

  return (
    <Region name="Break something" id={id} title={`Break something${vmName ? ` · ${vmName}` : ''}`} className="faults">
      <form className="form compact" onSubmit={(e) => { e.preventDefault(); void inject(); }}>
        <label className="field">Fault
          <select value={fields.kind} onChange={(e) => set('kind', e.target.value as FaultKind)}>
            {FAULT_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </select>
        </label>
        <p className="muted small">{help}</p>
        {(fields.kind === 'writerError' || fields.kind === 'writerHang') && <>
          <label className="field">Writer
            <select value={writer} onChange={(e) => set('writer', e.target.value)} disabled={!writers.length}>
              {writers.map((w) => <option key={w} value={w}>{w}</option>)}
            </select>
          </label>
          <label className="field">Event
            <select value={fields.phase} onChange={(e) => set('phase', e.target.value)}>
              {WRITER_PHASES.map((p) => <option key={p} value={p}>{PHASE_WORDS[p]}</option>)}
            </select>
          </label>
        </>}
        {fields.kind === 'writerError' && (
          <label className="field">Error
            <select value={fields.error} onChange={(e) => set('error', e.target.value)}>
              {WRITER_ERRORS.map((x) => <option key={x.value} value={x.value}>{x.label}</option>)}
            </select>
          </label>
        )}
        {fields.kind === 'slowCommit' && (
          <label className="field">Hold (ms)
            <input type="number" min={0} step={500} value={fields.holdMs} onChange={(e) => set('holdMs', e.target.value)} />
          </label>
        )}
        {fields.kind === 'scriptFail' && <>
          <label className="field">Script
            <select value={fields.script} onChange={(e) => set('script', e.target.value)}>
              <option value="pre-freeze">pre-freeze</option>
              <option value="post-thaw">post-thaw</option>
            </select>
          </label>
          <label className="field">Exit code
            <input type="number" step={1} value={fields.exitCode} onChange={(e) => set('exitCode', e.target.value)} />
          </label>
        </>}
        {fields.kind === 'datastoreSlow' && <>
          <label className="field">Datastore
            <select value={datastore} onChange={(e) => set('datastore', e.target.value)}>
              {datastores.map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </label>
          <label className="field">Throughput (MB/s)
            <input type="number" min={0.1} step={1} value={fields.MBps} onChange={(e) => set('MBps', e.target.value)} />
          </label>
        </>}
        <label className="check"><input type="checkbox" checked={fields.once} onChange={(e) => set('once', e.target.checked)} />Only once</label>
        <div className="btn-row">
          <button type="submit" className="btn btn-danger" disabled={!vmId}>Inject fault</button>
          <button type="button" className="btn" disabled={!vmId} onClick={() => void clear()}>Clear all faults</button>
        </div>
      </form>
      {active.length > 0 && (
        <ul className="fault-list" aria-label="Active faults">
          {active.map((f) => <li key={f.id}><span className="badge badge-err">{f.id}</span> {describeFault(f.spec)}{f.once ? ' (once)' : ''}</li>)}
        </ul>
      )}
    </Region>
  );
}
