// The clock pauses by itself when a VM starts to ask a question while time runs, and says why.
import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from './labHost';
import type { ClockView, WorkerMessage } from './protocol';

/** A VM whose writes fill its datastore about a minute after a snapshot. */
const fillingLab = {
  name: 'Filling',
  hosts: [{ id: 'esx01', version: '4.0' }],
  datastores: [{ id: 'ds1', capacityGB: 46 }],
  vms: [{ id: 'vm1', name: 'APP01', memoryMB: 256, disks: [{ id: 'disk1', capacityGB: 40 }], workload: { profile: 'uniform', writeIOPS: 100, writeBytes: 1024 * 1024, regionGB: 30 } }],
};

function playingHost() {
  const posted: WorkerMessage[] = [];
  let real = 0;
  let timer: (() => void) | null = null;
  const h = new LabHost({ engine, post: (m) => posted.push(m), now: () => real, setTimer: (fn) => { timer = fn; return 1; }, clearTimer: () => { timer = null; } });
  /** Real time passes in ticks until the clock stops asking for them (or the limit). */
  const run = (ticks: number) => { for (let i = 0; i < ticks && timer; i++) { real += 50; const t = timer; timer = null; t(); } };
  const lastClock = (): ClockView | undefined => posted.filter((m) => m.type === 'clock' || m.type === 'state').map((m) => ('clock' in m ? m.clock : undefined)).at(-1);
  return { h, posted, run, lastClock };
}

describe('the clock and a VM\'s question', () => {
  it('pauses when a VM asks while time runs, says which VM, and the state posted shows the question', () => {
    const { h, run, lastClock, posted } = playingHost();
    expect(h.handle({ kind: 'load', source: fillingLab }).ok).toBe(true);
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'vm1', name: 'a' } });
    expect(h.handle({ kind: 'play', speed: 600 })).toMatchObject({ ok: true, playing: true });
    run(400);
    const clock = lastClock();
    expect(clock).toMatchObject({ playing: false, pausedBecause: 'APP01 asks a question' });
    const state = h.handle({ kind: 'state' });
    const question = state.events.find((e) => e.kind === 'vm.question');
    expect(question).toBeDefined();
    // Paused within one tick's advance of the question (600x, ticks of 50 ms real: 30 s simulated).
    expect(state.time - question!.time).toBeLessThanOrEqual(30_000);
    const lastState = posted.filter((m) => m.type === 'state').at(-1);
    expect(lastState?.type === 'state' && lastState.patch.time).toBe(state.time);
  });

  it('plays on when asked to with the question still open: only a new question pauses it again', () => {
    const { h, run, lastClock } = playingHost();
    h.handle({ kind: 'load', source: fillingLab });
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'vm1', name: 'a' } });
    h.handle({ kind: 'play', speed: 600 });
    run(400);
    const pausedAt = h.handle({ kind: 'state' }).time;
    expect(h.handle({ kind: 'play' })).toMatchObject({ ok: true, playing: true });
    expect(lastClock()?.pausedBecause).toBeUndefined();
    run(20);
    expect(lastClock()).toMatchObject({ playing: true });
    expect(h.handle({ kind: 'state' }).time).toBeGreaterThan(pausedAt);
    // The learner's own pause carries no reason.
    expect(h.handle({ kind: 'pause' })).toMatchObject({ ok: true, playing: false });
    expect(lastClock()?.pausedBecause).toBeUndefined();
  });

  it('leaves a lab without questions playing', () => {
    const { h, run, lastClock } = playingHost();
    h.handle({ kind: 'load', source: fillingLab });
    h.handle({ kind: 'play', speed: 600 });
    run(100);
    expect(lastClock()).toMatchObject({ playing: true });
    expect(h.handle({ kind: 'state' }).vms[0].question).toBeNull();
  });
});
