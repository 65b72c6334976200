// CLI fuzz: random scripts, valid and damaged, through the real `sim` process.
// Whatever the file holds, the CLI exits 0 (a JSON document on stdout, nothing on stderr) or 2 (one
// line on stderr, nothing on stdout), never a stack trace; the same file gives the same output twice.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sim = join(__dirname, 'sim.ts');
const dir = mkdtempSync(join(tmpdir(), 'snaplab-fuzz-'));

const host = fc.constantFrom('3.5', '4.0', '5.0', '6.7', '9.9', 4);
const lab = fc.oneof(
  fc.record({ hosts: fc.constant(undefined), vms: fc.constant([{ id: 'a' }]) }),
  host.map((v) => ({ hosts: [{ id: 'h', version: v }], vms: [{ id: 'a', memoryMB: 512, disks: [{ id: 'd1', capacityGB: 8 }] }] })),
  fc.constantFrom(1e300, 1e-300, -5, 1e10).map((c) => ({ datastores: [{ id: 'ds1', capacityGB: c }], vms: [{ id: 'a', datastore: 'ds1' }] })),
  fc.constantFrom(null, 'x', []),
);
const stepArb = fc.oneof(
  fc.record({ type: fc.constantFrom('snapshot.take', 'snapshot.deleteAll', 'vm.powerOff', 'vm.powerOn', 'vm.consolidate'), vm: fc.constantFrom('a', 'zz'), name: fc.constant('s') }),
  fc.record({ type: fc.constant('clock.advance'), ms: fc.oneof(fc.integer({ min: 0, max: 86_400_000 }), fc.constantFrom(-1, 1e-9, 1e300)) }),
  fc.record({ type: fc.constant('guest.write'), vm: fc.constant('a'), disk: fc.constant('d1'), offset: fc.integer({ min: 0, max: 1 << 30 }), length: fc.integer({ min: 0, max: 1 << 30 }) }),
  fc.record({ type: fc.constant('datastore.resize'), datastore: fc.constant('ds1'), capacityGB: fc.constantFrom(1, 40, 1e300, 1e-300) }),
  fc.anything({ maxDepth: 1 }),
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.record({ lab, steps: fc.array(stepArb, { maxLength: 8 }) }).map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: fc.record({ lab, steps: fc.array(stepArb, { maxLength: 4 }) }).map((s) => JSON.stringify(s).slice(0, -3)) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v))) },
);

let n = 0;
function run(file: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', sim, file], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sim CLI fuzz', () => {
  it('any file: exit 0 with JSON and an empty stderr, or exit 2 with one line on stderr; the same file, the same output', () => {
    fc.assert(fc.property(text, (body) => {
      const file = join(dir, `s${n++}.json`);
      writeFileSync(file, body);
      const a = run(file);
      expect([0, 2], a.stderr).toContain(a.status);
      if (a.status === 0) {
        expect(a.stderr).toBe('');
        expect(() => JSON.parse(a.stdout)).not.toThrow();
      } else {
        expect(a.stdout).toBe('');
        expect(a.stderr).toMatch(/^sim: [^\n]*\n$/);
      }
      const b = run(file);
      expect(b).toEqual(a);
    }), { numRuns: 6, seed: 16, interruptAfterTimeLimit: 12_000 });
  }, 60_000);
});
