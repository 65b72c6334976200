// What the guest does besides the console: write to a disk, change its workload, run its own backup
// application (an in-guest VSS requestor). Each form posts one guest command for the selected VM.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { runBackup, setWorkload, writeToDisk } from '../../app/commands';
import { useLab } from '../../app/store';
import { diskName } from '../common/diskName';

const PROFILES = ['none', 'idle', 'fileserver', 'exchange', 'sql', 'dc'] as const;
const BACKUP_TYPES = [
  { value: 'full', label: 'Full' }, { value: 'copy', label: 'Copy' }, { value: 'incremental', label: 'Incremental' },
  { value: 'differential', label: 'Differential' }, { value: 'log', label: 'Log' },
] as const;
const MB = 1024 ** 2;
const GB = 1024 ** 3;

export function GuestActivity() {
  const vm = useLab(useShallow((s) => {
    const v = s.state.vms.find((x) => x.id === s.selectedVm);
    return v ? { id: v.id, name: v.name, on: v.power === 'poweredOn', profile: v.workload.profile, iops: v.workload.writeIOPS } : undefined;
  }));
  const disks = useLab(useShallow((s) => s.state.vms.find((x) => x.id === s.selectedVm)?.disks.map((d) => `${d.id}\u0000${diskName(d)}`) ?? []));
  const [disk, setDisk] = useState('');
  const [mb, setMb] = useState('256');
  const [at, setAt] = useState('0');
  const [profile, setProfile] = useState('');
  const [iops, setIops] = useState('');
  const [backupType, setBackupType] = useState('full');
  if (!vm) return null;
  const diskId = disks.some((d) => d.startsWith(`${disk}\u0000`)) ? disk : disks[0]?.split('\u0000')[0] ?? '';
  const bytes = Math.round(Number(mb) * MB);
  const offset = Math.round(Number(at) * GB);
  const writeOk = bytes > 0 && Number.isFinite(offset) && offset >= 0;
  const shownProfile = profile || vm.profile;
  const shownIops = iops === '' ? String(vm.iops) : iops;

  return (
    <div className="guest-activity" role="group" aria-label={`Guest activity of ${vm.name}`}>
      <form className="inline-form" aria-label="Write to a disk" onSubmit={(e) => {
        e.preventDefault();
        if (writeOk) void writeToDisk(vm.id, diskId, offset, bytes);
      }}>
        <label className="inline-field">Disk
          <select value={diskId} onChange={(e) => setDisk(e.target.value)}>
            {disks.map((d) => { const [id, label] = d.split('\u0000'); return <option key={id} value={id}>{label}</option>; })}
          </select>
        </label>
        <label className="inline-field">Amount (MB)
          <input type="number" min={1} step={1} value={mb} onChange={(e) => setMb(e.target.value)} />
        </label>
        <label className="inline-field">At (GB from the start)
          <input type="number" min={0} step={0.5} value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={!writeOk || !vm.on}>Write</button>
      </form>
      <form className="inline-form" aria-label="Workload" onSubmit={(e) => {
        e.preventDefault();
        void setWorkload(vm.id, shownProfile, Number(shownIops)).then((r) => { if (r.ok) { setProfile(''); setIops(''); } });
      }}>
        <label className="inline-field">Workload
          <select value={shownProfile} onChange={(e) => setProfile(e.target.value)}>
            {PROFILES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label className="inline-field">Write IOPS
          <input type="number" min={0} step={10} value={shownIops} onChange={(e) => setIops(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={!(Number(shownIops) >= 0)}>Apply workload</button>
      </form>
      <form className="inline-form" aria-label="Backup application in the guest" onSubmit={(e) => {
        e.preventDefault();
        void runBackup(vm.id, backupType);
      }}>
        <label className="inline-field">Backup type
          <select value={backupType} onChange={(e) => setBackupType(e.target.value)}>
            {BACKUP_TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
          </select>
        </label>
        <button type="submit" className="btn" disabled={!vm.on}>Start backup</button>
      </form>
    </div>
  );
}
