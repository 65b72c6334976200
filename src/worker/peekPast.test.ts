// In the lab's past a console line that only reads is answered from a copy of the lab there: the lab,
// its history and its session stay as they were, so looking starts no branch.
import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from './labHost';

const MIN = 60_000;
const exec = (command: string) => ({ type: 'guest.exec', vm: 'exch01', command });

function pastHost() {
  const h = new LabHost({ engine, post: () => {}, now: () => 0, setTimer: () => 1, clearTimer: () => {} });
  h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'before-patch' } });
  h.handle({ kind: 'advance', ms: 10 * MIN });
  h.handle({ kind: 'dispatch', command: exec('net stop MSExchangeIS') });
  h.handle({ kind: 'advance', ms: 10 * MIN });
  return h;
}

describe('a look at the past', () => {
  it('answers a line that only reads as the lab was then, and records nothing', () => {
    const h = pastHost();
    h.handle({ kind: 'seek', ms: 5 * MIN });
    const session = JSON.stringify(h.handle({ kind: 'session' }));
    const state = h.handle({ kind: 'state' });
    const r = h.handle({ kind: 'peek', command: exec('net start') });
    // At 5 minutes the store still ran: it was stopped at 10.
    expect(r?.ok && r.output).toContain('Microsoft Exchange Information Store');
    expect(h.handle({ kind: 'state' })).toEqual(state);
    expect(h.handle({ kind: 'history' })).toMatchObject({ atEnd: false, branches: [{ name: 'Branch 1' }] });
    expect(JSON.stringify(h.handle({ kind: 'session' }))).toBe(session);
    // The dispatch path would have recorded it, and started Branch 2.
    expect(h.handle({ kind: 'peek', command: exec('vssadmin list writers') })?.ok).toBe(true);
    expect(h.handle({ kind: 'history' }).branches).toHaveLength(1);
  });

  it('leaves a line that changes the lab, any other command, and every command at the present to dispatch', () => {
    const h = pastHost();
    expect(h.handle({ kind: 'peek', command: exec('vssadmin list writers') })).toBeNull();
    h.handle({ kind: 'seek', ms: 5 * MIN });
    expect(h.handle({ kind: 'peek', command: exec('net stop MSExchangeIS') })).toBeNull();
    expect(h.handle({ kind: 'peek', command: { type: 'vm.powerOff', vm: 'exch01' } })).toBeNull();
    expect(h.handle({ kind: 'history' }).branches).toHaveLength(1);
  });
});
