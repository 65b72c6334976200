import { describe, expect, it } from 'vitest';
import { checkSession, SessionRecorder } from './session';

const good = { format: 'snaplab-session', version: 1, definition: { vms: [] }, commands: [{ at: 5, command: { type: 'vm.powerOff', vm: 'a' } }], time: 10 };

describe('session files', () => {
  it('accept a well-formed session', () => {
    expect(checkSession(good).ok).toBe(true);
  });

  it.each([
    [null, 'expected a JSON object'],
    [{ ...good, format: 'other' }, '"format" should be "snaplab-session"'],
    [{ ...good, version: 2 }, 'version 2'],
    [{ ...good, definition: 'x' }, 'no lab definition'],
    [{ ...good, commands: 'x' }, '"commands" should be a list'],
    [{ ...good, commands: [{ at: -1, command: { type: 'x' } }] }, 'commands[0].at'],
    [{ ...good, commands: [{ at: 5, command: {} }] }, 'commands[0].command'],
    [{ ...good, commands: [{ at: 5, command: { type: 'a' } }, { at: 4, command: { type: 'b' } }] }, 'goes back in time'],
    [{ ...good, time: 1 }, 'before the last command'],
    [{ ...good, seed: -3 }, '"seed"'],
  ])('refuse %j with a message naming the problem', (value, message) => {
    const r = checkSession(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('record commands with their times, and a session passes its own check', () => {
    const rec = new SessionRecorder({ vms: [] }, 7, 'lesson-1');
    rec.record(100, { type: 'snapshot.take', vm: 'a', name: 'x' });
    const s = rec.session(250);
    expect(s).toMatchObject({ seed: 7, lesson: 'lesson-1', time: 250, commands: [{ at: 100 }] });
    expect(checkSession(JSON.parse(JSON.stringify(s))).ok).toBe(true);
  });
});
