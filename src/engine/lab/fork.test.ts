import { describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition } from '../index';
import type { Lab } from './lab';

const MIN = 60_000;

describe('Lab.fork (time-travel checkpoints)', () => {
  it('a copy goes on exactly as the lab it was copied from, and neither touches the other', () => {
    const lab = createLab(defaultLabDefinition) as Lab;
    lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch', quiesce: true });
    lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'with-memory', memory: true });
    lab.advance(30 * MIN);
    const fork = lab.fork();
    expect(fork).not.toBeNull();
    const copy = fork!.lab;
    expect(fork!.bytes).toBeGreaterThan(0);
    expect(copy.state()).toEqual(lab.state());

    const steps = [
      { type: 'snapshot.delete', vm: 'exch01', snapshot: 'before-patch' },
      { type: 'guest.write', vm: 'fs01', disk: 'disk1', offset: 0, length: 64 * 1024 * 1024 },
      { type: 'snapshot.take', vm: 'dc01', name: 'later', quiesce: true },
    ];
    for (const l of [lab, copy]) {
      for (const s of steps) expect(l.dispatch(s).ok).toBe(true);
      l.advance(45 * MIN);
    }
    expect(copy.state()).toEqual(lab.state());

    // The copy changes alone.
    const before = lab.state();
    copy.dispatch({ type: 'snapshot.deleteAll', vm: 'sql01' });
    copy.advance(10 * MIN);
    expect(lab.state()).toEqual(before);
  });

  it('is possible while a quiesce is in flight (everything scheduled is data; checkpointAnyTime.test.ts goes further)', () => {
    const lab = createLab(defaultLabDefinition) as Lab;
    lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'q', quiesce: true });
    lab.advance(50);
    const copy = lab.fork().lab;
    lab.advance(10 * MIN);
    copy.advance(10 * MIN);
    expect(copy.state()).toEqual(lab.state());
  });
});
