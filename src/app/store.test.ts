import { beforeEach, describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition } from '../engine/index';
import { PatchBuilder } from '../worker/patch';
import { PROTOCOL_VERSION, type StatePatch, type WorkerMessage } from '../worker/protocol';
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
  // Like a real worker, it says hello once it has started, after the page made it (the connection
  // may first wait for a service worker takeover, so the port is not made at once).
  const makePort = () => { queueMicrotask(() => emit({ type: 'hello', protocol: PROTOCOL_VERSION })); return port; };
  await new Connection({ makePort, autosave }).start();
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
describe('session file names', () => {
  it('name an exported session after the lab and the date', () => {
    expect(sessionFileName('Exchange backup workshop!', new Date('2026-01-02T03:04:05Z'))).toBe('snaplab-exchange-backup-workshop-2026-01-02.json');
  });
});
