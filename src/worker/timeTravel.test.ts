import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as engine from '../engine/index';
import { LabHost } from './labHost';
import { TimeTravel } from './timeTravel';
import type { WorkerMessage } from './protocol';
import type { Session } from './session';
import type { StateView } from '../engine/core/view';
import { emptyState } from './patch';
import type { LabLike } from './labLike';

type FakeLab = LabLike & { now: number };

/** A host whose real clock moves a second per reading, so checkpoints are taken as time runs. */
function host(checkpointBudgetBytes?: number) {
  const posted: WorkerMessage[] = [];
  let real = 0;
  const h = new LabHost({ engine, post: (m) => posted.push(m), now: () => (real += 1000), setTimer: () => 1, clearTimer: () => {}, checkpointBudgetBytes });
  return { h, posted };
}

const MIN = 60_000;
const take = (vm: string, name: string) => ({ type: 'snapshot.take', vm, name });

/** The state a lab shows at `time` when the same commands are replayed on a new lab, without seek. */
function replayed(commands: { at: number; command: unknown }[], time: number): StateView {
  const lab = engine.createLab(engine.defaultLabDefinition);
  for (const c of commands) {
    if (c.at > time) break;
    if (c.at > lab.now) lab.advance(c.at - lab.now);
    lab.dispatch(c.command);
  }
  if (time > lab.now) lab.advance(time - lab.now);
  return lab.state();
}

describe('seek (time travel)', () => {
  it('answers the state at that moment, and a seek forward gives back exactly the state that was there', () => {
    const { h } = host();
    h.handle({ kind: 'dispatch', command: take('exch01', 'before-patch') });
    h.handle({ kind: 'advance', ms: 30 * MIN });
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.delete', vm: 'exch01', snapshot: 'before-patch' } });
    h.handle({ kind: 'advance', ms: 30 * MIN });
    const end = h.handle({ kind: 'state' });
    const back = h.handle({ kind: 'seek', ms: 10 * MIN }) as StateView;
    expect(back.time).toBe(10 * MIN);
    expect(back.vms.find((v) => v.id === 'exch01')!.snapshots.map((s) => s.name)).toEqual(['before-patch']);
    const forward = h.handle({ kind: 'seek', ms: 60 * MIN }) as StateView;
    expect(forward).toEqual(end);
  });

  it('refuses a time outside the history it has, and changes nothing', () => {
    const { h } = host();
    h.handle({ kind: 'advance', ms: MIN });
    const before = h.handle({ kind: 'state' });
    for (const ms of [-1, MIN + 1, Number.NaN, '5']) {
      const r = h.handle({ kind: 'seek', ms }) as { ok?: boolean; error?: { code: string } };
      expect(r.ok).toBe(false);
      expect(r.error!.code).toBe('INVALID_TIME');
    }
    expect(h.handle({ kind: 'state' })).toEqual(before);
  });

  it('time running again after a seek replays the branch\'s own commands at their times', () => {
    const { h } = host();
    h.handle({ kind: 'advance', ms: 5 * MIN });
    h.handle({ kind: 'dispatch', command: take('exch01', 'later') });
    h.handle({ kind: 'advance', ms: 5 * MIN });
    const end = h.handle({ kind: 'state' });
    h.handle({ kind: 'seek', ms: MIN });
    h.handle({ kind: 'advance', ms: 9 * MIN });
    expect(h.handle({ kind: 'state' })).toEqual(end);
    expect(h.handle({ kind: 'history' }).branches).toHaveLength(1);
  });

  it('a command after a seek starts a new branch; the future it replaced stays and can be returned to', () => {
    const { h } = host();
    h.handle({ kind: 'dispatch', command: take('exch01', 'before-patch') });
    h.handle({ kind: 'advance', ms: 10 * MIN });
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.revert', vm: 'exch01', snapshot: 'before-patch' } });
    h.handle({ kind: 'advance', ms: 10 * MIN });
    const reverted = h.handle({ kind: 'state' });
    const first = h.handle({ kind: 'history' }).branch;

    h.handle({ kind: 'seek', ms: 5 * MIN });
    expect(h.handle({ kind: 'dispatch', command: { type: 'snapshot.delete', vm: 'exch01', snapshot: 'before-patch' } }).ok).toBe(true);
    h.handle({ kind: 'advance', ms: 2 * MIN });
    const view = h.handle({ kind: 'history' });
    expect(view.branches).toHaveLength(2);
    const second = view.branches.find((b) => b.current)!;
    expect(second.parent).toBe(first);
    expect(second.forkAt).toBe(5 * MIN);
    expect(second.summary).toBe('EXCH01: deleted before-patch (day 1, 00:05) instead of EXCH01: reverted to before-patch (day 1, 00:10)');
    expect(view.reached).toBe(7 * MIN);
    expect(h.handle({ kind: 'state' }).vms.find((v) => v.id === 'exch01')!.snapshots).toHaveLength(0);

    expect(h.handle({ kind: 'switchBranch', branch: first }).ok).toBe(true);
    expect(h.handle({ kind: 'state' })).toEqual(reverted);
    expect(h.handle({ kind: 'switchBranch', branch: 'b99' }).ok).toBe(false);
  });

  it('a session carries the branches and where the learner was; restoring it gives the same lab and history', () => {
    const a = host().h;
    a.handle({ kind: 'dispatch', command: take('exch01', 'x') });
    a.handle({ kind: 'advance', ms: 10 * MIN });
    a.handle({ kind: 'seek', ms: 4 * MIN });
    a.handle({ kind: 'dispatch', command: take('sql01', 'y') });
    a.handle({ kind: 'advance', ms: 3 * MIN });
    a.handle({ kind: 'seek', ms: 6 * MIN });
    const session = JSON.parse(JSON.stringify(a.handle({ kind: 'session' }))) as Session & { branches: unknown[]; position: number };
    expect(session.branches).toHaveLength(2);
    expect(session.position).toBe(6 * MIN);
    expect(session.time).toBe(7 * MIN);
    const b = host().h;
    expect(b.handle({ kind: 'restore', session })).toMatchObject({ ok: true });
    expect(b.handle({ kind: 'state' })).toEqual(a.handle({ kind: 'state' }));
    const [va, vb] = [a.handle({ kind: 'history' }), b.handle({ kind: 'history' })];
    expect(vb.branches.map((x) => [x.id, x.parent, x.forkAt, x.reached])).toEqual(va.branches.map((x) => [x.id, x.parent, x.forkAt, x.reached]));
    b.resend();
    expect(vb.markers).toEqual(va.markers);
    expect(b.handle({ kind: 'history' }).markers).toEqual(a.handle({ kind: 'history' }).markers);
    expect(b.handle({ kind: 'switchBranch', branch: 'b1' }).ok).toBe(true);
    expect(b.handle({ kind: 'state' }).time).toBe(10 * MIN);
    expect(b.handle({ kind: 'history' }).markers.filter((m) => m.kind === 'snapshot')).toHaveLength(1);
  });

  it('a restored session shows each marker once', () => {
    const a = host().h;
    a.handle({ kind: 'dispatch', command: { ...take('exch01', 'once'), quiesce: true } });
    a.handle({ kind: 'advance', ms: 10 * MIN });
    const b = host().h;
    expect(b.handle({ kind: 'restore', session: JSON.parse(JSON.stringify(a.handle({ kind: 'session' }))) }).ok).toBe(true);
    b.handle({ kind: 'advance', ms: MIN });
    const kinds = b.handle({ kind: 'history' }).markers.map((m) => m.kind);
    expect(kinds).toEqual(['snapshot', 'quiesce']);
  });

  it('refuses a session whose branches do not fit together, keeping the current lab', () => {
    const { h } = host();
    const before = h.handle({ kind: 'state' });
    const bad = {
      format: 'snaplab-session', version: 1, definition: engine.defaultLabDefinition, commands: [], time: 0,
      branches: [{ id: 'b1', parent: null, forkAt: 0, forkIndex: 0, commands: [], reached: 0 }, { id: 'b2', parent: 'b7', forkAt: 0, forkIndex: 0, commands: [], reached: 0 }],
    };
    const r = h.handle({ kind: 'restore', session: bad });
    expect(r.ok).toBe(false);
    expect(h.handle({ kind: 'state' })).toEqual(before);
  });

  it('marks snapshots on the scrubber as they happen', () => {
    const { h } = host();
    h.handle({ kind: 'dispatch', command: take('exch01', 'm') });
    h.handle({ kind: 'advance', ms: MIN });
    h.handle({ kind: 'state' });
    h.resend();
    const markers = h.handle({ kind: 'history' }).markers;
    expect(markers.some((m) => m.kind === 'snapshot' && m.label.includes('"m"'))).toBe(true);
  });

  it('takes checkpoints as time runs and keeps them within the memory budget over a long run', () => {
    const budget = 48 * 1024 * 1024;
    const { h } = host(budget);
    h.handle({ kind: 'dispatch', command: take('exch01', 'long') });
    let most = 0;
    for (let i = 0; i < 24; i++) {
      h.handle({ kind: 'advance', ms: 30 * MIN });
      const stats = h.checkpointStats();
      expect(stats.bytes).toBeLessThanOrEqual(budget);
      most = Math.max(most, stats.count);
    }
    expect(most).toBeGreaterThan(1);
    const end = h.handle({ kind: 'state' });
    // From a checkpoint, a seek back and forward again gives the same lab.
    expect((h.handle({ kind: 'seek', ms: 10 * 60 * MIN }) as StateView).time).toBe(10 * 60 * MIN);
    expect(h.handle({ kind: 'seek', ms: end.time })).toEqual(end);
  });

  it('property: seeking back and forth over a random session always shows what a plain replay shows', () => {
    const step = fc.record({
      gap: fc.integer({ min: 0, max: 20 * MIN }),
      command: fc.constantFrom(
        take('exch01', 'a'), take('sql01', 'b'),
        { type: 'snapshot.deleteAll', vm: 'exch01' },
        { type: 'vm.powerOff', vm: 'sql01' }, { type: 'vm.powerOn', vm: 'sql01' },
        { type: 'snapshot.revert', vm: 'exch01', snapshot: 'a' },
      ),
    });
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (steps, seeks) => {
      const { h } = host();
      const recorded: { at: number; command: unknown }[] = [];
      for (const s of steps) {
        h.handle({ kind: 'advance', ms: s.gap });
        const at = h.handle({ kind: 'state' }).time;
        if (h.handle({ kind: 'dispatch', command: s.command }).ok) recorded.push({ at, command: s.command });
      }
      h.handle({ kind: 'advance', ms: MIN });
      const reached = h.handle({ kind: 'history' }).reached;
      for (const f of seeks) {
        const t = Math.round(f * reached);
        expect(h.handle({ kind: 'seek', ms: t })).toEqual(replayed(recorded, t));
      }
    }), { numRuns: 15 });
    // 15 sessions replayed per seek: ~4 s of CPU, past the 20 s default on a loaded CI machine.
  }, 60_000);
});

describe('a hint\'s way back (seekBefore)', () => {
  it('goes to just before the last command of that type, and says so when there is none', () => {
    const { h } = host();
    h.handle({ kind: 'dispatch', command: take('exch01', 'keep') });
    h.handle({ kind: 'advance', ms: 5 * MIN });
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.delete', vm: 'exch01', snapshot: 'keep' } });
    h.handle({ kind: 'advance', ms: 5 * MIN });
    const back = h.handle({ kind: 'seekBefore', command: 'snapshot.delete' }) as StateView;
    expect(back.time).toBe(5 * MIN - 1);
    expect(back.vms.find((v) => v.id === 'exch01')!.snapshots.map((s) => s.name)).toEqual(['keep']);
    const none = h.handle({ kind: 'seekBefore', command: 'vm.consolidate' }) as { ok: boolean; error: { code: string } };
    expect(none.error.code).toBe('NOTHING_TO_GO_BACK_TO');
  });
});

describe('the history view the page gets', () => {
  it('a view held back by the rate limit is sent when the interval ends, so the newest markers arrive', () => {
    const posted: WorkerMessage[] = [];
    const timers: (() => void)[] = [];
    let real = 0;
    const h = new LabHost({ engine, post: (m) => posted.push(m), now: () => real, setTimer: (fn) => timers.push(fn), clearTimer: () => {} });
    h.handle({ kind: 'dispatch', command: take('exch01', 'late') });
    real += 10;
    h.handle({ kind: 'advance', ms: MIN });
    const views = () => posted.filter((m): m is Extract<WorkerMessage, { type: 'history' }> => m.type === 'history');
    expect(views().at(-1)!.history.markers).toHaveLength(0);
    // The state post observes the new markers; the history post it asks for waits for its interval.
    for (let i = 0; i < 5 && timers.length; i++) { real += i === 0 ? 40 : 300; for (const fn of timers.splice(0)) fn(); }
    expect(views().at(-1)!.history.markers.map((m) => m.kind)).toEqual(['snapshot']);
  });
});

describe('TimeTravel legs', () => {
  it('a long advance goes in few engine calls: legs last until the next copy may be taken, not one spacing each', () => {
    // A fake lab on a fake real clock: 1 simulated hour costs 100 real ms, a copy 50 ms.
    let real = 0;
    const calls: number[] = [];
    const lab = {
      now: 0,
      dispatch: () => ({ ok: true as const }),
      state() { return { ...emptyState(), time: this.now }; },
      eventSeq: 0,
      eventsAfter: () => [],
      datastoreUsage: () => ({ datastores: [{ id: 'ds1', capacityBytes: 0, usedBytes: 0, baseBytes: 0, deltaBytes: 0, memoryBytes: 0, otherBytes: 0 }], vms: [] }),
      advance(ms: number) { calls.push(ms); this.now += ms; real += ms / 36_000; },
      fork() { real += 50; return { lab: { ...this }, bytes: 1000 }; },
    };
    const travel = new TimeTravel<typeof lab>({ realNow: () => real });
    travel.reset(() => lab);
    travel.advance(lab, 7 * 24 * 3600_000);
    expect(lab.now).toBe(7 * 24 * 3600_000);
    // 16.8 s of engine work: copies at most every 500 ms (ten times their cost), so about 34 of them,
    // and a leg between each two; one spacing per leg would be about 400 calls.
    expect(travel.checkpoints.count).toBeGreaterThan(20);
    // Legs also end at each usage sample's moment (a few hundred in a week, fewer as time goes on).
    const samples = travel.history.usage(travel.branch).length;
    expect(calls.length).toBeLessThan(3 * travel.checkpoints.count + samples);
  });

  it('a seek forward inside the history replays in one engine call and takes no copy: the learner waits for it', () => {
    // A fake lab on a fake real clock: 1 simulated hour costs 100 real ms, a copy 50 ms.
    const HOUR = 3600_000;
    let real = 0;
    let copyable = false;
    let forks = 0;
    const calls: number[] = [];
    const make = (now: number): FakeLab => ({
      now,
      dispatch: () => ({ ok: true as const }),
      state() { return { ...emptyState(), time: this.now }; },
      eventSeq: 0,
      eventsAfter: () => [],
      datastoreUsage: () => ({ datastores: [{ id: 'ds1', capacityBytes: 0, usedBytes: 0, baseBytes: 0, deltaBytes: 0, memoryBytes: 0, otherBytes: 0 }], vms: [] }),
      advance(ms: number) { calls.push(ms); this.now += ms; real += ms / 36_000; },
      fork() {
        if (!copyable) return null;
        forks++;
        real += 50;
        return { lab: make(this.now), bytes: 1000 };
      },
    });
    const travel = new TimeTravel<FakeLab>({ realNow: () => real });
    travel.reset(() => make(0));
    // A week with no checkpoint, then back to its first day (replayed from the start).
    travel.advance(make(0), 7 * 24 * HOUR);
    const back = travel.seek(make(3 * HOUR), 24 * HOUR);
    expect(back.now).toBe(24 * HOUR);
    copyable = true;
    calls.length = 0;
    const there = travel.seek(back, 6 * 24 * HOUR);
    expect(there.now).toBe(6 * 24 * HOUR);
    expect(calls).toEqual([5 * 24 * HOUR]);
    expect(forks).toBe(0);
  });
});

describe('what the history view tells the page about branching (its time-travel sign and confirm)', () => {
  const revert = { type: 'snapshot.revert', vm: 'exch01', snapshot: 'before-patch' };
  const del = { type: 'snapshot.delete', vm: 'exch01', snapshot: 'before-patch' };

  it('says whether the lab is at its branch\'s end, and in the past what a command would start and keep', () => {
    const { h } = host();
    h.handle({ kind: 'dispatch', command: take('exch01', 'before-patch') });
    h.handle({ kind: 'advance', ms: 10 * MIN });
    expect(h.handle({ kind: 'history' })).toMatchObject({ atEnd: true, wouldBranch: null });
    h.handle({ kind: 'dispatch', command: del });
    h.handle({ kind: 'advance', ms: 10 * MIN });

    h.handle({ kind: 'seek', ms: 5 * MIN });
    const past = h.handle({ kind: 'history' });
    expect(past.atEnd).toBe(false);
    expect(past.wouldBranch).toEqual({ newBranch: 'Branch 2', keptAs: 'Branch 1 · EXCH01: deleted before-patch (day 1, 00:10)', next: 'EXCH01: deleted before-patch (day 1, 00:10)' });

    // Only time left ahead: still the past, and a command there still branches.
    h.handle({ kind: 'seek', ms: 15 * MIN });
    expect(h.handle({ kind: 'history' })).toMatchObject({ atEnd: false, wouldBranch: { next: null } });
    h.handle({ kind: 'seek', ms: 20 * MIN });
    expect(h.handle({ kind: 'history' })).toMatchObject({ atEnd: true, wouldBranch: null });
  });

  it('agrees with what a command then does: a branch in the past, none at the end', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20 }), (minutes) => {
      const { h } = host();
      h.handle({ kind: 'dispatch', command: take('exch01', 'before-patch') });
      h.handle({ kind: 'advance', ms: 10 * MIN });
      h.handle({ kind: 'dispatch', command: del });
      h.handle({ kind: 'advance', ms: 10 * MIN });
      h.handle({ kind: 'seek', ms: minutes * MIN });
      const { atEnd } = h.handle({ kind: 'history' });
      expect(h.handle({ kind: 'dispatch', command: { type: 'vm.powerOff', vm: 'web01' } }).ok).toBe(true);
      expect(h.handle({ kind: 'history' }).branches).toHaveLength(atEnd ? 1 : 2);
    }), { numRuns: 8 });
  });

  it('names branches with the VM\'s and the snapshot\'s display names, never their ids, across a reload', () => {
    const a = host().h;
    a.handle({ kind: 'dispatch', command: take('exch01', 'before-patch') });
    a.handle({ kind: 'advance', ms: 10 * MIN });
    const id = a.handle({ kind: 'state' }).vms.find((v) => v.id === 'exch01')!.snapshots[0].id;
    a.handle({ kind: 'dispatch', command: { ...del, snapshot: id } });
    a.handle({ kind: 'advance', ms: 10 * MIN });
    a.handle({ kind: 'seek', ms: 5 * MIN });
    a.handle({ kind: 'dispatch', command: { ...revert, snapshot: id } });
    const labels = a.handle({ kind: 'history' }).branches.map((b) => b.label);
    expect(labels).toEqual(['Branch 1 · EXCH01: deleted before-patch (day 1, 00:10)', 'Branch 2 · EXCH01: reverted to before-patch (day 1, 00:05)']);
    for (const l of labels) expect(l).not.toMatch(/exch01|snapshot-\d/);

    const b = host().h;
    expect(b.handle({ kind: 'restore', session: JSON.parse(JSON.stringify(a.handle({ kind: 'session' }))) }).ok).toBe(true);
    expect(b.handle({ kind: 'history' }).branches.map((x) => x.label)).toEqual(labels);
  });

  it('a session saved without words learns them as it replays, and never shows an id meanwhile', () => {
    const a = host().h;
    a.handle({ kind: 'dispatch', command: take('exch01', 'before-patch') });
    a.handle({ kind: 'advance', ms: 10 * MIN });
    a.handle({ kind: 'dispatch', command: del });
    a.handle({ kind: 'advance', ms: 10 * MIN });
    a.handle({ kind: 'seek', ms: 5 * MIN });
    a.handle({ kind: 'dispatch', command: revert });
    const session = JSON.parse(JSON.stringify(a.handle({ kind: 'session' }))) as Session & { branches: { words?: unknown }[] };
    for (const br of session.branches) delete br.words;
    const b = host().h;
    expect(b.handle({ kind: 'restore', session }).ok).toBe(true);
    // The current branch was replayed: its revert has words; the first run's delete was not replayed yet.
    expect(b.handle({ kind: 'history' }).branches.map((x) => x.label)).toEqual(['Branch 1 · a snapshot change (day 1, 00:10)', 'Branch 2 · EXCH01: reverted to before-patch (day 1, 00:05)']);
    expect(b.handle({ kind: 'switchBranch', branch: 'b1' }).ok).toBe(true);
    expect(b.handle({ kind: 'history' }).branches[0].label).toBe('Branch 1 · EXCH01: deleted before-patch (day 1, 00:10)');
  });
});
