import { describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition } from '../engine/index';
import type { EventView, StateView } from '../engine/core/view';
import { applyPatch, emptyState, PatchBuilder } from './patch';

const ev = (time: number, kind: EventView['kind'] = 'guest.exec'): EventView => ({ seq: time, time, vm: 'vm1', source: 'host', kind, message: `m${time}`, severity: 'info' });
const state = (events: EventView[], time = 0, vms: StateView['vms'] = []): StateView =>
  ({ ...emptyState(), name: 'lab', time, events, vms });

describe('state patches', () => {
  it('rebuild the worker state exactly as the engine runs', () => {
    const lab = createLab(defaultLabDefinition);
    const builder = new PatchBuilder();
    let page = emptyState();
    const check = () => {
      const patch = builder.build(lab.state());
      if (patch) page = applyPatch(page, patch);
      expect(page).toEqual(lab.state());
    };
    check();
    lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'a', memory: true });
    for (let i = 0; i < 5; i++) { lab.advance(20_000); check(); }
    lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'b', quiesce: true });
    lab.advance(120_000);
    check();
  });

  it('send only the VMs that changed and keep unchanged objects on the page', () => {
    const lab = createLab(defaultLabDefinition);
    const builder = new PatchBuilder();
    const first = applyPatch(emptyState(), builder.build(lab.state())!);
    lab.dispatch({ type: 'vm.configure', vm: 'dc01', diskEnableUUID: true });
    const patch = builder.build(lab.state())!;
    expect(patch.full).toBe(false);
    expect(patch.vms?.upsert.map((v) => v.id)).toContain('dc01');
    const next = applyPatch(first, patch);
    const untouched = first.vms.find((v) => !patch.vms!.upsert.some((u) => u.id === v.id))!;
    expect(next.vms.find((v) => v.id === untouched.id)).toBe(untouched);
  });

  it('append events, follow a log that dropped its oldest entries, and version each patch', () => {
    const b = new PatchBuilder();
    const p1 = b.build(state([ev(1), ev(2), ev(3)]))!;
    let page = applyPatch(emptyState(), p1);
    const p2 = b.build(state([ev(1), ev(2), ev(3), ev(4)], 1))!;
    expect(p2.events).toEqual({ reset: false, dropFront: 0, append: [ev(4)] });
    page = applyPatch(page, p2);
    const trimmed = [ev(3), ev(4), ev(5), ev(6)];
    const p3 = b.build(state(trimmed, 2))!;
    expect(p3.events).toEqual({ reset: false, dropFront: 2, append: [ev(5), ev(6)] });
    page = applyPatch(page, p3);
    expect(page.events).toEqual(trimmed);
    expect(p3.version).toBeGreaterThan(p2.version);
    expect(p2.version).toBeGreaterThan(p1.version);
  });

  it('send nothing when nothing changed, and everything after reset()', () => {
    const b = new PatchBuilder();
    b.build(state([ev(1)]));
    expect(b.build(state([ev(1)]))).toBeNull();
    b.reset();
    const full = b.build(state([ev(1)]))!;
    expect(full.full).toBe(true);
    expect(full.events?.reset).toBe(true);
  });

  it('name events by their seq: after resetEvents() (another branch, whose numbers mean other events) the whole log goes', () => {
    const b = new PatchBuilder();
    b.build(state([ev(1), ev(2)]));
    const other = { ...ev(2), message: 'another branch' };
    expect(b.build(state([ev(1), other, ev(3)], 1))!.events).toEqual({ reset: false, dropFront: 0, append: [ev(3)] });
    b.resetEvents();
    expect(b.build(state([ev(1), other, ev(3)], 2))!.events).toEqual({ reset: true, dropFront: 0, append: [ev(1), other, ev(3)] });
  });

  it('start over when the log no longer holds what was sent', () => {
    const b = new PatchBuilder();
    b.build(state([ev(1), ev(2)]));
    const p = b.build(state([ev(7), ev(8)], 5))!;
    expect(p.events).toEqual({ reset: true, dropFront: 0, append: [ev(7), ev(8)] });
  });
});
