// Hosts with their VMs, then datastores, as the vSphere inventory shows them. Each VM line shows its
// power state, Tools status, snapshot count and the warnings the lab reports.
import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectVm, useLab, useVm } from '../../app/store';
import { formatBytes } from '../../app/format';
import { Region } from '../common/Region';
import { HostPanel } from '../host/HostPanel';

export function Inventory() {
  const hosts = useLab((s) => s.state.hosts);
  const vmIds = useLab(useShallow((s) => s.state.vms.map((v) => `${v.host}\u0000${v.id}`)));
  const datastores = useLab((s) => s.state.datastores);
  // A selected host shows its panel (what it runs, Host settings…) under its line.
  const [openHost, setOpenHost] = useState<string | null>(null);
  return (
    <Region name="Inventory" className="inventory">
      <ul className="inv-tree">
        {hosts.map((h) => (
          <li key={h.id}>
            <button type="button" className={`inv-host ${openHost === h.id ? 'selected' : ''}`} aria-expanded={openHost === h.id}
              onClick={() => setOpenHost(openHost === h.id ? null : h.id)}>
              <span className="ico ico-host" aria-hidden="true" />{h.id} <span className="muted">ESX {h.version}</span>
            </button>
            {openHost === h.id && <HostPanel id={h.id} />}
            <ul>
              {vmIds.filter((k) => k.startsWith(`${h.id}\u0000`)).map((k) => <VmItem key={k} id={k.split('\u0000')[1]} />)}
            </ul>
          </li>
        ))}
      </ul>
      <h3 className="inv-subhead">Datastores</h3>
      <ul className="inv-tree">
        {datastores.map((d) => (
          <li key={d.id} className="inv-ds">
            <span className="ico ico-ds" aria-hidden="true" />{d.id}
            <span className="muted"> {formatBytes(d.freeBytes)} free of {formatBytes(d.capacityBytes)}</span>
            <meter min={0} max={d.capacityBytes} value={d.usedBytes} high={d.capacityBytes * 0.9}
              aria-label={`${d.id} used space`} />
          </li>
        ))}
      </ul>
    </Region>
  );
}

const VmItem = memo(function VmItem({ id }: { id: string }) {
  const vm = useVm(id);
  const selected = useLab((s) => s.selectedVm === id);
  if (!vm) return null;
  const flags: string[] = [];
  if (vm.question) flags.push('Question pending');
  if (vm.consolidationNeeded) flags.push('Needs consolidation');
  for (const a of vm.alarms) flags.push(`${a.name}: ${a.message}`);
  for (const w of vm.warnings) flags.push(w.source === 'SnapLab' ? `SnapLab advice: ${w.message}` : w.message);
  const tools = vm.tools.status === 'running' ? 'Tools running' : vm.tools.status === 'notRunning' ? 'Tools not running' : 'Tools not installed';
  return (
    <li>
      <button type="button" className={`inv-vm ${selected ? 'selected' : ''}`} aria-current={selected ? 'true' : undefined}
        onClick={() => selectVm(id)}>
        <span className={`power-dot ${vm.power}`} aria-hidden="true" />
        <span className="inv-vm-name">{vm.name}</span>
        <span className="visually-hidden">, {vm.power === 'poweredOn' ? 'powered on' : vm.power === 'poweredOff' ? 'powered off' : 'suspended'}, {tools}</span>
        {vm.snapshotCount > 0 && <span className="badge" title={`${vm.snapshotCount} snapshots`}>{vm.snapshotCount}<span className="visually-hidden"> snapshots</span></span>}
        {vm.question && <span className="inv-question" title="This VM asks a question: answer it from its summary">?<span className="visually-hidden"> Question pending</span></span>}
        {vm.consolidationNeeded && <span className="inv-state">Needs consolidation</span>}
        {flags.length > 0 && <span className="warn-ico" title={flags.join('\n')} aria-label={flags.join('; ')} role="img">!</span>}
      </button>
    </li>
  );
});
