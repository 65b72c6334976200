// The selected VM's triggered alarms, as vCenter lists them on the VM's Summary: name and what
// tripped it (snapshot age, snapshot size, consolidation needed). The state view decides them.
import { useSelectedVm } from '../../app/store';

export function VmAlarms() {
  const vm = useSelectedVm();
  if (!vm || vm.alarms.length === 0) return null;
  return (
    <div className="vm-alarms" role="group" aria-label="Triggered alarms">
      <ul>
        {vm.alarms.map((a) => (
          <li key={`${a.name}-${a.snapshot ?? ''}`}><span className="alarm-ico" aria-hidden="true">▲</span> <strong>{a.name}</strong>: {a.message}</li>
        ))}
      </ul>
    </div>
  );
}
