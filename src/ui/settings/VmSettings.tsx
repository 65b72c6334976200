// "VM settings": VMware Tools, the VSS service, disk.EnableUUID and tools.conf, applied with vm.configure.
import { useState } from 'react';
import type { VmView } from '../../engine/core/view';
import { configureVm } from '../../app/commands';
import { useLab, useSelectedVm } from '../../app/store';
import { Region } from '../common/Region';
import { configureChanges, fieldsOf, type SettingsFields } from './settingsForm';

export function VmSettings({ id }: { id?: string }) {
  const vm = useSelectedVm();
  return (
    <Region name="VM settings" id={id} title={`VM settings${vm ? ` · ${vm.name}` : ''}`} className="settings">
      {vm ? <SettingsForm key={vm.id} vm={vm} /> : <p className="muted">Select a virtual machine.</p>}
    </Region>
  );
}

function SettingsForm({ vm }: { vm: VmView }) {
  const hostVersion = useLab((s) => s.state.hosts.find((h) => h.id === vm.host)?.version ?? '');
  const [fields, setFields] = useState<SettingsFields>(() => fieldsOf(vm));
  const set = <K extends keyof SettingsFields>(k: K, v: SettingsFields[K]) => setFields((f) => ({ ...f, [k]: v }));
  const changes = configureChanges(vm, fields);
  const dirty = Object.keys(changes).length > 0;
  const setRow = (i: number, part: 'key' | 'value', v: string) =>
    set('toolsConf', fields.toolsConf.map((r, j) => (j === i ? { ...r, [part]: v } : r)));

  return (
    <form className="form compact" onSubmit={(e) => {
      e.preventDefault();
      void configureVm(vm.id, changes).then((r) => { if (r.ok) setFields((f) => ({ ...f, toolsConf: f.toolsConf.filter((x) => x.key.trim()) })); });
    }}>
      <p className="muted small">Host {vm.host}: ESX {hostVersion}</p>
      <fieldset>
        <legend>VMware Tools</legend>
        <label className="field">Status
          <select value={fields.toolsStatus} onChange={(e) => set('toolsStatus', e.target.value as SettingsFields['toolsStatus'])}>
            <option value="running">Running</option>
            <option value="notRunning">Not running</option>
            <option value="notInstalled">Not installed</option>
          </select>
        </label>
        <label className="field">Build
          <input type="number" min={0} step={1} value={fields.toolsBuild} onChange={(e) => set('toolsBuild', e.target.value)} />
        </label>
        <label className="check"><input type="checkbox" checked={fields.toolsVss} onChange={(e) => set('toolsVss', e.target.checked)} />VSS support component installed</label>
      </fieldset>
      <label className="field">Volume Shadow Copy service
        <select value={fields.vssService} onChange={(e) => set('vssService', e.target.value as SettingsFields['vssService'])}>
          <option value="automatic">Automatic</option>
          <option value="manual">Manual</option>
          <option value="disabled">Disabled</option>
        </select>
      </label>
      <label className="check"><input type="checkbox" checked={fields.diskEnableUUID} onChange={(e) => set('diskEnableUUID', e.target.checked)} />disk.EnableUUID</label>
      <fieldset>
        <legend>tools.conf</legend>
        {fields.toolsConf.map((r, i) => (
          <div className="conf-row" key={i}>
            <input aria-label={`tools.conf key ${i + 1}`} value={r.key} placeholder="vss.disableAppQuiescing" onChange={(e) => setRow(i, 'key', e.target.value)} />
            <input aria-label={`tools.conf value ${i + 1}`} value={r.value} placeholder="true" onChange={(e) => setRow(i, 'value', e.target.value)} />
            <button type="button" className="icon-btn" aria-label={`Remove tools.conf key ${r.key || i + 1}`}
              onClick={() => set('toolsConf', fields.toolsConf.filter((_, j) => j !== i))}>×</button>
          </div>
        ))}
        <button type="button" className="btn btn-ghost small" onClick={() => set('toolsConf', [...fields.toolsConf, { key: '', value: '' }])}>Add key</button>
      </fieldset>
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={!dirty}>OK</button>
        <button type="button" className="btn" disabled={!dirty} onClick={() => setFields(fieldsOf(vm))}>Cancel</button>
      </div>
    </form>
  );
}
