// A selected host's panel in the Inventory: what it runs, its VMs, and "Host settings…".
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/store';
import { HostSettingsDialog, versionLabel } from './HostSettingsDialog';

export function HostPanel({ id }: { id: string }) {
  const host = useLab((s) => s.state.hosts.find((h) => h.id === id));
  const vms = useLab(useShallow((s) => s.state.vms.filter((v) => v.host === id).map((v) => v.name)));
  const [open, setOpen] = useState(false);
  if (!host) return null;
  return (
    <div className="host-panel" role="group" aria-label={`Host ${host.id}`}>
      <p className="small">{versionLabel(host.version)} · {vms.length === 1 ? '1 virtual machine' : `${vms.length} virtual machines`}</p>
      <button type="button" className="btn small" onClick={() => setOpen(true)}>Host settings…</button>
      {open && <HostSettingsDialog host={host} onClose={() => setOpen(false)} />}
    </div>
  );
}
