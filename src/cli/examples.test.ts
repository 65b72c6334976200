// The example scripts in docs/examples run as docs/examples/README.md says: every script has its
// section there, answers ok except where that section says a step is refused, and the facts it lists
// for first-snapshot.json and quiesce-exchange.json hold.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from './script';
import { lessonHooks } from './lessons';

const dir = join(__dirname, '../../docs/examples');
const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const readme = readFileSync(join(dir, 'README.md'), 'utf8');
/** The README's section for one file: from its "## <file>" heading to the next heading. */
const section = (f: string): string | undefined => readme.split(/^## /m).find((s) => s.startsWith(`${f}\n`));

describe('docs/examples/first-snapshot.json', () => {
  it('shows what docs/examples/README.md says', () => {
    const { results, state } = runScript(load('first-snapshot.json'), lessonHooks);
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
    expect(results[5]).toMatchObject({ ok: false, error: { code: 'SNAPSHOT_NOT_FOUND', message: expect.stringMatching(/\w+ \w+/) } });
  });

  it('after step 2, one snapshot and one empty delta; steps 3-4 write grains 0-2 once', () => {
    const script = load('first-snapshot.json');
    const upTo = (n: number) => runScript({ ...script, steps: script.steps.slice(0, n) }, lessonHooks).state;
    const two = upTo(2).vms[0];
    expect(two.snapshots.map((s) => s.name)).toEqual(['before-upgrade']);
    expect(two.disks[0].chain).toHaveLength(2);
    expect(two.disks[0].chain[1]).toMatchObject({ format: 'seSparse', grainBytes: 4096, dataBytes: 0 });
    const leaf = (n: number) => upTo(n).vms[0].disks[0].chain[1].dataBytes;
    expect([leaf(3), leaf(4)]).toEqual([12288, 12288]);
  });
});

describe('docs/examples/quiesce-exchange.json', () => {
  it('shows what docs/examples/README.md says', () => {
    const { results, state } = runScript(load('quiesce-exchange.json'), lessonHooks);
    const exch = state.vms.find((v) => v.id === 'exch01')!;
    expect(exch.apps.exchange!.logBytes).toBeGreaterThan(0);
    expect(exch.disks.every((d) => d.chain.length === 2 && d.chain[1].dataBytes > 0)).toBe(true);
    const pre = exch.snapshots.find((s) => s.name === 'pre-SP2')!;
    expect([pre.quiesced, pre.consistency]).toEqual([true, 'application']);
    expect(exch.apps.exchange!.truncations).toBe(0);
    // The quiesce's events, in order, for the first (successful) quiesce.
    const order = ['quiesce.start', 'script.freeze', 'vss.identify', 'vss.prepareBackup', 'vss.prepareSnapshot', 'vss.freeze',
      'vss.flushAndHold', 'vm.snapshotCreated', 'vss.releaseWrites', 'vss.thaw', 'vss.postSnapshot', 'script.thaw',
      'vss.backupComplete', 'vss.shadowDiscarded', 'quiesce.done'];
    const first = state.events.filter((e) => e.vm === 'exch01' && order.includes(e.kind) && e.time < 3_800_000).map((e) => e.kind);
    expect(first.filter((k, i) => k !== first[i - 1])).toEqual(order);
    const writers4 = (results[3] as { output: string }).output;
    expect(writers4).toMatch(/Writer name: 'Microsoft Exchange Writer'/);
    expect(writers4).toMatch(/Writer name: 'System Writer'/);
    expect(writers4.match(/State: \[1\] Stable/g)!.length).toBe(writers4.match(/Writer name:/g)!.length);
    expect(results[5]).toMatchObject({ ok: true, task: expect.any(String) });
    const second = state.tasks.find((t) => t.id === (results[5] as { task: string }).task)!;
    expect(second.state).toBe('error');
    expect(second.error!.message).toMatch(/Failed to quiesce the virtual machine/);
    expect(exch.snapshots.some((s) => s.name === 'second-try')).toBe(false);
    expect(state.events.some((e) => e.kind === 'vss.abort')).toBe(true);
    const writers8 = (results[7] as { output: string }).output;
    expect(writers8).toMatch(/Writer name: 'Microsoft Exchange Writer'\n(.*\n){2} {3}State: \[9\] Failed\n {3}Last error: Retryable error/);
  });
});

describe('docs/examples/nightly-backup.json', () => {
  it('shows what docs/examples/README.md says: three good nights, CBT after the first, nothing left', () => {
    const { results, state } = runScript(load('nightly-backup.json'), lessonHooks);
    const runs = state.backupJobs[0].runs;
    expect(runs.map((r) => [r.state, r.vms[0].mode, r.vms[0].consistency])).toEqual([
      ['success', 'full', 'application'], ['success', 'incremental', 'application'], ['success', 'incremental', 'application'],
    ]);
    expect(runs[1].vms[0].bytesRead).toBeLessThan(runs[0].vms[0].bytesRead * 0.1);
    const exch = state.vms[0];
    expect([exch.snapshots.length, exch.consolidationNeeded, exch.apps.exchange!.truncations]).toEqual([0, false, 0]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
  });
});

describe('every script in docs/examples', () => {
  /** The steps (from 1) each README section marks as refused; all other steps answer ok. */
  const refused: Record<string, number[]> = { 'first-snapshot.json': [6], 'refusals.json': [1, 2, 3], 'nightly-backup.json': [2] };
  const files = readdirSync(dir).filter((x) => x.endsWith('.json'));

  it('the folder holds the scripts the README describes, each with its section', () => {
    expect(files).toEqual(expect.arrayContaining(['first-snapshot.json', 'quiesce-exchange.json', ...Object.keys(refused)]));
    for (const f of files) expect(section(f), `${f} has no "## ${f}" section in docs/examples/README.md`).toBeDefined();
  });

  for (const f of files) {
    it(`${f} runs: every step answers ok except those its README section says are refused`, () => {
      const text = section(f) ?? '';
      expect(text.includes('**refused**'), `the README's section marks refused steps of ${f}`).toBe(f in refused);
      const { results } = runScript(load(f), lessonHooks);
      const expectFail = (refused[f] ?? []).map((n) => n - 1);
      results.forEach((r, i) => expect(r.ok, `step ${i + 1}: ${JSON.stringify(r)}`).toBe(!expectFail.includes(i)));
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
  }, 120_000); // every solution in turn, weeks of simulated time among them, on a loaded 2-core machine

  it('an unknown lesson is a script error', () => {
    expect(() => runScript({ lesson: 'no-such-lesson', steps: [] }, lessonHooks)).toThrow(/no lesson "no-such-lesson"/);
  });
});
