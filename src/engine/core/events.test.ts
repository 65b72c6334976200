import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, EVENT_SOURCES, VSS_PHASES, eventSourceName } from './events';
import { vssLab, quiesce, inject, EXCHANGE } from '../testing/vssLab';
import { ok, runTask } from '../testing/harness';

describe('structured events', () => {
  it('every event a busy lab logs has a known kind and a severity; VSS session events name their phase', () => {
    const lab = vssLab({ workload: { profile: 'exchange' } }, { host: '6.5' });
    quiesce(lab, 'good');
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'freeze', error: 'retryable' });
    quiesce(lab, 'bad');
    ok(lab, { type: 'guest.backup', vm: 'vm1', backupType: 'full' });
    lab.advance(600_000);
    runTask(lab, { type: 'snapshot.deleteAll', vm: 'vm1' });
    const events = lab.state().events;
    for (const e of events) {
      expect(EVENT_KINDS).toContain(e.kind);
      expect(['info', 'warning', 'error']).toContain(e.severity);
      if (e.phase !== undefined) expect(VSS_PHASES).toContain(e.phase);
    }
    const vss = events.filter((e) => e.kind.startsWith('vss.') && !['vss.backupCopy', 'vss.backupDone', 'vss.backupFailed'].includes(e.kind));
    expect(vss.length).toBeGreaterThan(10);
    expect(vss.filter((e) => e.phase === undefined)).toEqual([]);
    const failedFreeze = events.find((e) => e.kind === 'vss.freeze' && e.severity === 'error')!;
    expect([failedFreeze.source, failedFreeze.phase, failedFreeze.hresult]).toEqual([EXCHANGE, 'freeze', 0x800423f3]);
    expect(events.find((e) => e.kind === 'quiesce.failed')).toMatchObject({ severity: 'error', phase: 'freeze', hresult: 0x800423f3 });
    expect(events.find((e) => e.kind === 'quiesce.done')).toMatchObject({ severity: 'info' });
  });
});

describe('event sources', () => {
  // Every place the engine logs an event, read from its source files: the source it names there.
  const files = fs.readdirSync('src/engine', { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.parentPath.includes('testing'))
    .map((e) => path.join(e.parentPath, e.name));
  const calls = files.flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8');
    const at = [...text.matchAll(/(?<!Math|console)\.log\(\s*[^,()]+(?:\([^()]*\))?,\s*([^,]+),/g), ...text.matchAll(/this\.event\(\s*([^,]+),/g)];
    const written = (text.match(/(?<!Math|console)\.log\(/g) ?? []).length + (text.match(/this\.event\(/g) ?? []).length;
    return [...at.map((m) => ({ file: f, source: m[1].trim() })), ...(at.length === written ? [] : [{ file: f, source: `${written - at.length} log calls this test cannot read` }])];
  });

  it('finds the engine\'s log calls', () => {
    expect(calls.length).toBeGreaterThan(60);
  });

  it('every source the engine logs under is a named source, or a VSS writer logging under its own name', () => {
    for (const { file, source } of calls) {
      const literal = /^'([^']*)'$/.exec(source)?.[1];
      if (literal !== undefined) expect(Object.keys(EVENT_SOURCES), `${file}: ${source}`).toContain(literal);
      // Only the VSS session passes a source it did not write out: a writer's name (w.name, or a
      // writer named by the backup-complete note) through its own event() helper.
      else expect(file.split(path.sep).join('/'), `${file}: ${source}`).toBe('src/engine/features/vss/session.ts');
    }
  });

  it('names each source in vSphere\'s words, one casing: a capital first, or vCenter as vSphere writes it', () => {
    for (const name of Object.values(EVENT_SOURCES)) expect(name).toMatch(/^(vCenter$|VMware |VSS\b|[A-Z][a-z])/);
    expect(eventSourceName('host')).toBe('Host');
    expect(eventSourceName('backup')).toBe('Backup job');
    expect(eventSourceName('provider')).toBe('VSS provider');
    expect(eventSourceName('Microsoft Exchange Writer')).toBe('Microsoft Exchange Writer');
  });

  it('the state view carries the names: a busy lab\'s events come from named sources or its writers', () => {
    const lab = vssLab({ workload: { profile: 'exchange' } }, { host: '6.5' });
    quiesce(lab, 'good');
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'freeze', error: 'retryable' });
    quiesce(lab, 'bad');
    runTask(lab, { type: 'snapshot.deleteAll', vm: 'vm1' });
    const state = lab.state();
    const writers = state.vms.flatMap((v) => v.writers.map((w) => w.name));
    const named: string[] = Object.values(EVENT_SOURCES);
    const sources = new Set(state.events.map((e) => e.source));
    for (const s of sources) expect([...named, ...writers], s).toContain(s);
    for (const s of ['Host', 'VMware Tools', 'VSS', 'VSS provider', 'SnapLab']) expect(sources).toContain(s);
  });
});
