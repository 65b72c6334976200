// Lab.datastoreUsage gives the figures the state view gives, read without building it: the Datastore
// charts draw these samples, so they must not disagree with the datastore browser or the Disk chain.
import { describe, expect, it } from 'vitest';
import { Lab } from './lab';
import { workshopLab } from './builtInLabs';
import type { StateView } from '../core/view';

/** The same figures, summed from the state view by what the engine says each file is for. */
function fromState(s: StateView) {
  const sum = (files: StateView['datastores'][number]['files'], uses: string[]) => files.filter((f) => uses.includes(f.use)).reduce((n, f) => n + f.sizeBytes, 0);
  return {
    datastores: s.datastores.map((d) => {
      const base = sum(d.files, ['base']), deltas = sum(d.files, ['delta']), memory = sum(d.files, ['snapshotMemory', 'suspendedMemory']);
      return { id: d.id, capacityBytes: d.capacityBytes, usedBytes: d.usedBytes, baseBytes: base, deltaBytes: deltas, memoryBytes: memory, otherBytes: d.usedBytes - base - deltas - memory };
    }),
    vms: s.vms.map((v) => ({
      id: v.id,
      disks: v.disks.map((d) => ({ id: d.id, deltaBytes: d.chain.slice(1).reduce((n, f) => n + f.sizeBytes, 0), chainDepth: d.chainDepth, readAmplification: d.readAmplification })),
      ...(v.apps.exchange ? { exchange: { logBytes: v.apps.exchange.logBytes, truncations: v.apps.exchange.truncations } } : {}),
    })),
  };
}

describe('Lab.datastoreUsage', () => {
  it('is the state view\'s space by kind of file, chains and Exchange logs, as the lab runs', () => {
    const lab = new Lab(workshopLab);
    const seen = () => expect(lab.datastoreUsage()).toEqual(fromState(lab.state()));
    seen();
    lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'with memory', memory: true });
    lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 's1' });
    lab.advance(20 * 60_000);
    lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 's2' });
    lab.dispatch({ type: 'vm.suspend', vm: 'dc01' });
    lab.advance(40 * 60_000);
    const use = lab.datastoreUsage();
    const ds = use.datastores[0];
    // A snapshot's memory and a suspended VM's memory image both count as memory.
    expect(ds.memoryBytes).toBeGreaterThan(lab.state().datastores[0].files.filter((f) => f.use === 'snapshotMemory').reduce((n, f) => n + f.sizeBytes, 0));
    expect(ds.deltaBytes).toBeGreaterThan(0);
    expect(use.vms.find((v) => v.id === 'sql01')!.disks[0].chainDepth).toBe(2);
    expect(use.vms.find((v) => v.id === 'exch01')!.exchange!.logBytes).toBeGreaterThan(0);
    seen();
    lab.dispatch({ type: 'snapshot.deleteAll', vm: 'sql01' });
    lab.advance(30 * 60_000);
    seen();
  });
});
