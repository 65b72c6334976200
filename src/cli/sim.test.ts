// The CLI process itself (docs/cli.md): exit codes, one line on stderr, nothing on stdout.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sim = join(__dirname, 'sim.ts');
const dir = mkdtempSync(join(tmpdir(), 'snaplab-sim-'));

function runSim(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, ['--import', 'tsx', sim, file], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sim CLI', () => {
  it('a pretty-printed file that is not JSON: exit 2, exactly one line on stderr, nothing on stdout', () => {
    const r = runSim('broken.json', '{\n  "lab": x\n}\n');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sim: .*not JSON.*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('a schema error quoting a name with a line break still takes one line', () => {
    const r = runSim('lesson.json', JSON.stringify({ lesson: 'a\nb', steps: [] }));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('a valid script exits 0 whatever its steps answered, even a step named like an inherited property', () => {
    const r = runSim('ok.json', JSON.stringify({ lab: { vms: [{ id: 'a' }] }, steps: [{ type: 'constructor' }, { type: 'vm.powerOn', vm: 'zz' }] }));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { error: { code: string } }) => x.error.code)).toEqual(['UNKNOWN_COMMAND', 'VM_NOT_FOUND']);
  });
});

describe('sim: files from other editors', () => {
  it('a UTF-8 byte-order mark before the JSON is accepted', () => {
    const r = runSim('bom.json', '\uFEFF{"lab": {"vms": [{"id": "vm1"}]}, "steps": [{"type": "clock.advance", "ms": 1000}]}');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).state.time).toBe(1000);
  });
});
