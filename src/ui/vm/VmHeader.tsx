// The selected VM: its summary and power actions, above the panels that work on it.
import { powerOff, powerOn, reset, suspend } from '../../app/commands';
import { useSelectedVm } from '../../app/store';
import { openQuestion } from '../tasks/questionState';

const GUEST: Record<string, string> = {
  windows2003: 'Microsoft Windows Server 2003', windows2008: 'Microsoft Windows Server 2008',
  windows2008r2: 'Microsoft Windows Server 2008 R2', windows2012: 'Microsoft Windows Server 2012',
  windows2016: 'Microsoft Windows Server 2016', linux: 'Linux',
};
const POWER: Record<string, string> = { poweredOn: 'Powered On', poweredOff: 'Powered Off', suspended: 'Suspended' };
const TOOLS: Record<string, string> = { running: 'Running', notRunning: 'Not running', notInstalled: 'Not installed' };

export function VmHeader() {
  const vm = useSelectedVm();
  if (!vm) return <div className="vm-header"><p className="muted">This lab has no virtual machines.</p></div>;
  const on = vm.power === 'poweredOn';
  return (
    <div className="vm-header">
      <div className="vm-title">
        <span className={`power-dot big ${vm.power}`} aria-hidden="true" />
        <div>
          <h2>{vm.name}</h2>
          <p className="muted">
            {GUEST[vm.guest] ?? vm.guest} · {POWER[vm.power]} · VMware Tools: {TOOLS[vm.tools.status]}
            {vm.tools.status !== 'notInstalled' ? ` (build ${vm.tools.build})` : ''} · {vm.host} / {vm.datastore}
            {vm.stunned ? ' · stunned' : ''}
            {vm.savingMemory ? ' · saving memory (running, sluggish)' : ''}
          </p>
          {vm.question && (
            <p className="vm-question" role="status">
              <strong>Paused: {vm.name} asks a question.</strong>
              <button type="button" className="btn btn-small btn-primary" onClick={() => openQuestion(vm.id)}>Answer question…</button>
            </p>
          )}
        </div>
      </div>
      <div className="vm-actions" role="group" aria-label="Power">
        <button type="button" className="btn" disabled={on} onClick={() => void powerOn(vm.id)}>Power On</button>
        <button type="button" className="btn" disabled={vm.power === 'poweredOff'} onClick={() => void powerOff(vm.id)}>Power Off</button>
        <button type="button" className="btn" disabled={!on} onClick={() => void suspend(vm.id)}>Suspend</button>
        <button type="button" className="btn" disabled={!on} onClick={() => void reset(vm.id)}>Reset</button>
      </div>
    </div>
  );
}
