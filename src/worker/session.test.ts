import { describe, expect, it } from 'vitest';
import { checkSession, LAB_TIME_LIMIT_MS, sessionOf } from './session';

const good = { format: 'snaplab-session', version: 1, definition: { vms: [] }, commands: [{ at: 5, command: { type: 'vm.powerOff', vm: 'a' } }], time: 10 };

describe('session files', () => {
  it('accept a well-formed session, returned as given (not rebuilt)', () => {
    const r = checkSession(good);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.session).toBe(good);
  });

  it.each([
    [null, 'expected a JSON object'],
    [{ ...good, format: 'other' }, 'format: should be "snaplab-session"'],
    [{ ...good, version: 2 }, 'version: this SnapLab reads version 1, the file has 2'],
    [{ ...good, definition: 'x' }, 'definition: should be the lab definition'],
    [{ ...good, commands: 'x' }, 'commands: should be a list'],
    [{ ...good, commands: [{ at: -1, command: { type: 'x' } }] }, 'commands[0].at: should be 0 or more'],
    [{ ...good, commands: [{ at: 5, command: {} }] }, 'commands[0].command.type'],
    [{ ...good, commands: [{ at: 5, command: { type: 'a' } }, { at: 4, command: { type: 'b' } }] }, 'commands[1].at: goes back in time'],
    [{ ...good, time: 1 }, 'time: (1) is before the last command'],
    [{ ...good, seed: -3 }, 'seed: should be 0 or more'],
    [{ ...good, seed: 2 ** 32 }, 'seed: should be at most 4294967295'],
    [{ ...good, lesson: 7 }, 'lesson: should be a lesson id'],
  ])('refuse %j with a message naming the field', (value, message) => {
    const r = checkSession(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('a session\'s time is bounded like clock.advance (366 days), so a replay cannot run for ever', () => {
    const r = checkSession({ ...good, time: 1e13 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`time: should be at most ${LAB_TIME_LIMIT_MS} (366 days`);
    const late = checkSession({ ...good, commands: [{ at: 1e13, command: { type: 'vm.powerOff', vm: 'a' } }], time: 1e13 });
    expect(!late.ok && late.message).toContain('commands[0].at: should be at most');
    expect(checkSession({ ...good, time: LAB_TIME_LIMIT_MS }).ok).toBe(true);
    const fraction = checkSession({ ...good, time: 10.000000001 });
    expect(!fraction.ok && fraction.message).toContain('time: should be whole milliseconds');
  });

  it('names several bad fields at once, and at most five', () => {
    const r = checkSession({ ...good, commands: Array.from({ length: 8 }, () => ({ at: -1, command: { type: 'x' } })) });
    expect(!r.ok && r.message).toMatch(/commands\[0\]\.at: .*commands\[4\]\.at: .* \(and 3 more\)/);
  });

  it('keep commands with their times, the seed and the lesson, and a session passes its own check', () => {
    const s = sessionOf({ definition: { vms: [] }, seed: 7, lesson: 'lesson-1' }, [{ at: 100, command: { type: 'snapshot.take', vm: 'a', name: 'x' } }], 250);
    expect(s).toMatchObject({ seed: 7, lesson: 'lesson-1', time: 250, commands: [{ at: 100 }] });
    expect(checkSession(JSON.parse(JSON.stringify(s))).ok).toBe(true);
  });
});
