import { beforeEach, describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition } from '../engine/index';
import { PatchBuilder } from '../worker/patch';
import { PROTOCOL_VERSION, type StatePatch, type WorkerMessage } from '../worker/protocol';
import { addSample, sampleOf, type Sample } from './chartSamples';
import { Connection } from './connection';
import { Autosave, sessionFileName } from './persistence/autosave';
import { memoryStore } from './persistence/sessionDb';
import { initialClock, selectSnapshot, selectVm, useLab } from './store';
import type { PortLike } from './workerClient';

/** The store as the page fills it: a connection whose worker sends these state patches. */
async function mirror(): Promise<(patch: StatePatch) => void> {
  const port: PortLike = { onmessage: null, onerror: null, onmessageerror: null, postMessage: () => {}, terminate: () => {} };
  const emit = (data: WorkerMessage) => port.onmessage?.({ data } as MessageEvent);
  const autosave = new Autosave({
    store: memoryStore(), local: null, tab: async () => 'tab', now: () => 0,
    setTimer: () => 0, clearTimer: () => {}, report: () => {},
  });
  const started = new Connection({ makePort: () => port, autosave }).start();
  emit({ type: 'hello', protocol: PROTOCOL_VERSION });
  await started;
  return (patch) => emit({ type: 'state', patch, clock: initialClock });
}

describe('the store mirror', () => {
  beforeEach(() => useLab.setState({ selectedVm: null, selectedSnapshot: null }));

  it('selects a powered-on VM, keeps a valid selection, and drops a stale snapshot selection', async () => {
    const send = await mirror();
    const lab = createLab(defaultLabDefinition);
    const b = new PatchBuilder();
    send(b.build(lab.state())!);
    const s = useLab.getState();
    expect(s.state.vms.find((v) => v.id === s.selectedVm)?.power).toBe('poweredOn');
    selectVm('sql01');
    selectSnapshot('snapshot-404');
    lab.advance(1000);
    send(b.build(lab.state())!);
    expect(useLab.getState().selectedVm).toBe('sql01');
    expect(useLab.getState().selectedSnapshot).toBeNull();
  });

  it('keeps the same VM object when a patch does not touch it (narrow subscriptions stay quiet)', async () => {
    const send = await mirror();
    const lab = createLab(defaultLabDefinition);
    const b = new PatchBuilder();
    send(b.build(lab.state())!);
    const tmpl = useLab.getState().state.vms.find((v) => v.id === 'tmpl-w2k3');
    lab.dispatch({ type: 'vm.configure', vm: 'dc01', diskEnableUUID: true });
    send(b.build(lab.state())!);
    expect(useLab.getState().state.vms.find((v) => v.id === 'tmpl-w2k3')).toBe(tmpl);
    expect(useLab.getState().state.vms.find((v) => v.id === 'dc01')?.diskEnableUUID).toBe(true);
    expect(useLab.getState().state).toEqual(lab.state());
  });
});

describe('the session\'s lesson in the store', () => {
  it('comes with the patch that names the lab, stays through later patches, and goes with a lab without one', async () => {
    const send = await mirror();
    const lab = createLab(defaultLabDefinition);
    const b = new PatchBuilder();
    send(b.build(lab.state(), 'first-snapshot')!);
    expect(useLab.getState().lessonId).toBe('first-snapshot');
    lab.advance(1000);
    const later = b.build(lab.state(), 'first-snapshot')!;
    expect(later.meta).toBeUndefined();
    send(later);
    expect(useLab.getState().lessonId).toBe('first-snapshot');
    b.reset();
    send(b.build(lab.state())!);
    expect(useLab.getState().lessonId).toBeNull();
  });
});
describe('chart history', () => {
  it('groups datastore space by kind of file and reads delta sizes from the chains', () => {
    const lab = createLab(defaultLabDefinition);
    lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'm', memory: true });
    lab.advance(120_000);
    const st = lab.state();
    const s = sampleOf(st);
    const ds = s.datastores.get('ds1')!;
    expect(ds.base + ds.deltas + ds.memory + ds.other).toBe(st.datastores[0].usedBytes);
    expect(ds.memory).toBeGreaterThan(0);
    const exch = st.vms.find((v) => v.id === 'exch01')!;
    expect(s.vms.get('exch01')!.disks.get('disk1')!.deltaBytes).toBe(exch.disks[0].chain.slice(1).reduce((n, f) => n + f.sizeBytes, 0));
  });

  it('keeps the samples before a moment the lab went back to (a seek), and thins old samples when full', () => {
    const at = (t: number): Sample => ({ t, datastores: new Map(), vms: new Map() });
    let series: Sample[] = [];
    for (let t = 0; t < 20; t++) series = addSample(series, at(t), 10);
    expect(series.length).toBeLessThanOrEqual(10);
    expect(series[series.length - 1].t).toBe(19);
    expect(series.map((x) => x.t)).toEqual([...series.map((x) => x.t)].sort((a, b) => a - b));
    const back = addSample(series, at(12.5));
    expect(back.map((x) => x.t)).toEqual([...series.map((x) => x.t).filter((t) => t < 12.5), 12.5]);
  });
});

describe('session file names', () => {
  it('name an exported session after the lab and the date', () => {
    expect(sessionFileName('Exchange backup workshop!', new Date('2026-01-02T03:04:05Z'))).toBe('snaplab-exchange-backup-workshop-2026-01-02.json');
  });
});
