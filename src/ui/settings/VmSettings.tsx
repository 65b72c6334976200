// "VM settings": VMware Tools, the VSS service, disk.EnableUUID, Changed Block Tracking, tools.conf and
// the quiescing scripts, applied with vm.configure. In the lab's past a note beside OK says that OK also
// starts a new branch (asked once).
import { useState } from 'react';
import type { VmView } from '../../engine/core/view';
import { configureVm } from '../../app/commands';
import { useLab, useSelectedVm } from '../../app/store';
import { Region } from '../common/Region';
import { BranchNote, usePastBranch } from '../controls/BranchNote';
import { configureChanges, fieldsOf, settingsProblems, TOOLS_CONF_FLAGS, type FlagValue, type SettingsFields } from './settingsForm';

export function VmSettings({ id }: { id?: string }) {
  const vm = useSelectedVm();
  // A new lab (or lesson) mounts a new form even when its VM has the same id as the last lab's.
  const lab = useLab((s) => `${s.state.name}\u0000${s.state.seed}`);
  return (
    <Region name="VM settings" id={id} title={`VM settings${vm ? ` · ${vm.name}` : ''}`} className="settings">
      {vm ? <SettingsForm key={`${lab}\u0000${vm.id}`} vm={vm} /> : <p className="muted">Select a virtual machine.</p>}
    </Region>
  );
}

/** The learner's edits, kept only while the VM's settings are those they were made against. */
interface Draft { base: string; fields: SettingsFields }

function SettingsForm({ vm }: { vm: VmView }) {
  const branch = usePastBranch();
  const hostVersion = useLab((s) => s.state.hosts.find((h) => h.id === vm.host)?.version ?? '');
  const current = fieldsOf(vm);
  const base = JSON.stringify(current);
  const [draft, setDraft] = useState<Draft | null>(null);
  // The form always shows the VM as the state view has it, unless the learner is editing that very
  // state: when the lab changes the VM (a load, a reset, a lesson's solution, time travel) edits go.
  const fields = draft && draft.base === base ? draft.fields : current;
  const set = <K extends keyof SettingsFields>(k: K, v: SettingsFields[K]) => setDraft({ base, fields: { ...fields, [k]: v } });
  const setFlag = (key: string, v: FlagValue) => set('flags', { ...fields.flags, [key]: v });
  const changes = configureChanges(vm, fields);
  const problems = settingsProblems(fields);
  const dirty = Object.keys(changes).length > 0 || problems.length > 0;
  const setRow = (i: number, part: 'key' | 'value', v: string) =>
    set('toolsConf', fields.toolsConf.map((r, j) => (j === i ? { ...r, [part]: v } : r)));

  return (
    <form className="form compact" onSubmit={(e) => {
      e.preventDefault();
      if (problems.length) return;
      void configureVm(vm.id, changes, branch?.newBranch).then((r) => { if (r.ok) setDraft(null); });
    }}>
      <p className="muted small">Host {vm.host}: ESX {hostVersion}</p>
      <fieldset>
        <legend>VMware Tools</legend>
        <label className="field">VMware Tools status
          <select value={fields.toolsStatus} onChange={(e) => set('toolsStatus', e.target.value as SettingsFields['toolsStatus'])}>
            <option value="running">Running</option>
            <option value="notRunning">Not running</option>
            <option value="notInstalled">Not installed</option>
          </select>
        </label>
        <label className="field">VMware Tools build
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
      {vm.diskEnableUUIDInEffect !== vm.diskEnableUUID && (
        <p className="muted small">The running VM still uses disk.EnableUUID = {vm.diskEnableUUIDInEffect ? 'TRUE' : 'FALSE'} until it is powered off and on.</p>
      )}
      <label className="check"><input type="checkbox" checked={fields.ctkEnabled} onChange={(e) => set('ctkEnabled', e.target.checked)} />Changed Block Tracking</label>
      <fieldset>
        <legend>tools.conf</legend>
        {TOOLS_CONF_FLAGS.map(({ key, help }) => (
          <label className="field conf-flag" key={key} title={help}>{key}
            <select value={fields.flags[key] ?? ''} onChange={(e) => setFlag(key, e.target.value as FlagValue)}>
              <option value="">Not set</option>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          </label>
        ))}
        {fields.toolsConf.map((r, i) => (
          <div className="conf-row" key={i}>
            <input aria-label={`tools.conf key ${i + 1}`} value={r.key} placeholder="timeout" onChange={(e) => setRow(i, 'key', e.target.value)} />
            <input aria-label={`tools.conf value ${i + 1}`} value={r.value} placeholder="60" onChange={(e) => setRow(i, 'value', e.target.value)} />
            <button type="button" className="icon-btn" aria-label={`Remove tools.conf key ${r.key || i + 1}`}
              onClick={() => set('toolsConf', fields.toolsConf.filter((_, j) => j !== i))}>×</button>
          </div>
        ))}
        <button type="button" className="btn btn-ghost small" onClick={() => set('toolsConf', [...fields.toolsConf, { key: '', value: '' }])}>Add key</button>
      </fieldset>
      <fieldset>
        <legend>Quiescing scripts (exit code; empty for none)</legend>
        <label className="field">Pre-freeze script
          <input inputMode="numeric" value={fields.preFreeze} placeholder="none" onChange={(e) => set('preFreeze', e.target.value)} />
        </label>
        <label className="field">Post-thaw script
          <input inputMode="numeric" value={fields.postThaw} placeholder="none" onChange={(e) => set('postThaw', e.target.value)} />
        </label>
      </fieldset>
      {problems.map((p) => <p key={p} className="banner warn small" role="alert">{p}</p>)}
      <BranchNote branch={branch} answer="OK" />
      {/* OK and Cancel stay at the bottom of the view while the form scrolls, as a dialog's footer does. */}
      <div className="btn-row form-foot">
        <button type="submit" className="btn btn-primary" disabled={!dirty || problems.length > 0}>OK</button>
        <button type="button" className="btn" disabled={!dirty} onClick={() => setDraft(null)}>Cancel</button>
      </div>
    </form>
  );
}
