// The guest console's `help` lists every command the console takes, read from the console's own
// dispatch, so a command added without its help line fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallLab } from '../../testing/harness';

const source = fs.readFileSync(path.join(__dirname, 'console.ts'), 'utf8');
const commands = [...source.matchAll(/case '([a-z]+)':/g)].map((m) => m[1]).filter((c) => c !== 'help');

describe('guest console help', () => {
  it('lists every command the Windows console takes', () => {
    expect(commands).toEqual(expect.arrayContaining(['vssadmin', 'net', 'sc', 'eventvwr', 'wevtutil', 'repadmin', 'eseutil']));
    // A domain controller that runs Exchange too, so the console offers its role-specific commands (repadmin, eseutil).
    const lab = smallLab({ vm: { guest: 'windows2008r2', apps: ['ad', 'exchange'] } });
    const r = lab.dispatch({ type: 'guest.exec', vm: 'vm1', command: 'help' });
    expect(r.ok).toBe(true);
    const help = r.ok ? r.output ?? '' : '';
    for (const c of commands) expect(help, c).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
    expect(help).toMatch(/^\s+sc query\b/m);
  });
});
