// The shared example scripts (../shared/examples) and the docs' examples run as the contract says.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from './script';
import { lessonHooks } from './lessons';

const shared = join(__dirname, '../../../shared/examples');
const load = (dir: string, f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));

describe.runIf(existsSync(shared))('shared examples', () => {
  it('first-snapshot.json shows what ../shared/examples/README.md says', () => {
    const { results, state } = runScript(load(shared, 'first-snapshot.json'), lessonHooks);
    expect(results[0]).toMatchObject({ ok: true, task: expect.any(String) });
    const task = state.tasks.find((t) => t.id === (results[0] as { task: string }).task)!;
    expect(task.state).toBe('success');
    const web = state.vms.find((v) => v.id === 'web01')!;
    const first = web.snapshots.find((s) => s.name === 'before-upgrade')!;
    expect(first.consistency).toBe('crash');
    const chain = web.disks[0].chain;
    expect(chain[1]).toMatchObject({ format: 'seSparse', grainBytes: 4096, dataBytes: 12288 });
    const oops = web.snapshots.find((s) => s.name === 'oops')!;
    expect([oops.memory, oops.quiesced, oops.consistency]).toEqual([true, false, 'memory']);
    const mem = state.datastores[0].files.find((f) => f.path.endsWith('Snapshot2.vmsn'))!;
    expect(mem.sizeBytes).toBeGreaterThanOrEqual(1024 ** 3);
    expect(results[5]).toMatchObject({ ok: false, error: { code: 'SNAPSHOT_NOT_FOUND' } });
  });
});

describe('docs examples', () => {
  const dir = join(__dirname, '../../docs/examples');
  for (const f of existsSync(dir) ? readdirSync(dir).filter((x) => x.endsWith('.json')) : []) {
    it(`${f} runs and every step it does not mark as failing answers ok`, () => {
      const script = load(dir, f);
      const expectFail: number[] = script.expectRefused ?? [];
      delete script.expectRefused;
      const { results } = runScript(script, lessonHooks);
      results.forEach((r, i) => expect(r.ok, `step ${i}: ${JSON.stringify(r)}`).toBe(!expectFail.includes(i)));
    });
  }
});

describe('lessons through the CLI', () => {
  it('every lesson\'s own solution leaves complete: true; an empty attempt does not', async () => {
    const { lessonList } = await import('./lessons');
    const list = lessonList() as { id: string; solution: unknown[] }[];
    expect(list.length).toBeGreaterThan(0);
    for (const l of list) {
      const done = runScript({ lesson: l.id, steps: l.solution }, lessonHooks).state.lesson!;
      expect(done.complete, `${l.id}: ${JSON.stringify(done.objectives.filter((o) => !o.done))}`).toBe(true);
      const empty = runScript({ lesson: l.id, steps: [] }, lessonHooks).state.lesson!;
      expect(empty.complete).toBe(false);
      for (const o of empty.objectives.filter((x) => !x.done)) expect(o.why.length).toBeGreaterThan(5);
    }
  });

  it('an unknown lesson is a script error', () => {
    expect(() => runScript({ lesson: 'no-such-lesson', steps: [] }, lessonHooks)).toThrow(/no lesson "no-such-lesson"/);
  });
});
