// Every lesson file validates against the schema, and a trainer's broken file is refused with errors
// that name the field.
import { describe, expect, it } from 'vitest';
import { lessonInputs, lessonSchema, parseLessonFile, LessonFileError, lessonLabDefinition } from './index';
import { labDefinitionSchema } from '../engine/core/schema';

const valid = () => structuredClone(lessonInputs[0]) as Record<string, unknown>;

function errorOf(input: unknown): LessonFileError {
  try { parseLessonFile(input); } catch (e) { if (e instanceof LessonFileError) return e; throw e; }
  throw new Error('the lesson file was accepted');
}

describe('lesson files', () => {
  it.each(lessonInputs.map((l) => [l.id, l] as const))('%s validates, and so does the lab it builds', (_id, input) => {
    const r = lessonSchema.safeParse(input);
    expect(r.success ? [] : r.error.issues).toEqual([]);
    expect(labDefinitionSchema.safeParse(lessonLabDefinition(r.data!)).success).toBe(true);
  });

  it('a lesson round-trips through JSON text', () => {
    const lesson = parseLessonFile(JSON.stringify(lessonInputs[0]));
    expect(lesson.id).toBe(lessonInputs[0].id);
  });
});

describe('parseLessonFile errors name the field', () => {
  it('not JSON', () => {
    expect(errorOf('{ "id": ').message).toMatch(/not JSON/);
  });

  it('a bad id', () => {
    expect(errorOf({ ...valid(), id: 'First Snapshot' }).message).toMatch(/^Invalid lesson file: id: expected a short kebab-case id/);
  });

  it('an unknown check kind', () => {
    const l = valid();
    l.objectives = [{ id: 'x', text: 'x', check: { kind: 'snapshotCuont', vm: 'exch01' } }];
    expect(errorOf(l).message).toMatch(/objectives\[0\]\.check\.kind/);
  });

  it('a check parameter of the wrong type', () => {
    const l = valid();
    l.objectives = [{ id: 'x', text: 'x', check: { kind: 'snapshotCount', vm: 'exch01', max: 'three' } }];
    expect(errorOf(l).message).toMatch(/objectives\[0\]\.check\.max/);
  });

  it('a solution command that breaks its own schema', () => {
    const l = valid();
    l.solution = [{ type: 'snapshot.take', vm: 'exch01' }];
    expect(errorOf(l).message).toMatch(/solution\[0\].*name/);
  });

  it('a solution naming a VM the lab does not have', () => {
    const l = valid();
    l.solution = [{ type: 'snapshot.take', vm: 'nosuchvm', name: 's' }];
    expect(errorOf(l).message).toMatch(/solution\[0\]\.vm: no VM "nosuchvm"/);
  });

  it('an unknown field', () => {
    expect(errorOf({ ...valid(), goal: 'x' }).message).toMatch(/unknown field "goal"|goal/);
  });

  it('a lab that breaks the lab schema', () => {
    const l = valid();
    l.lab = { definition: { vms: [{ id: 'a', power: 'on' }] } };
    expect(errorOf(l).message).toMatch(/lab: the lab it builds is invalid at vms\[0\]\.power/);
  });

  it('changes that name a VM the built-in lab lacks', () => {
    const l = valid();
    l.lab = { builtIn: 'workshop', changes: { vms: { nosuch: { memoryMB: 1024 } } } };
    l.solution = [{ type: 'clock.advance', ms: 1 }];
    expect(errorOf(l).message).toMatch(/lab\.changes\.vms\.nosuch/);
  });
});

describe('a built-in lab plus changes', () => {
  it('keeps only the named VMs and merges nested settings', () => {
    const l = valid();
    l.lab = { builtIn: 'workshop', changes: { keepVms: ['exch01'], vms: { exch01: { tools: { build: 100000 } } }, datastores: { ds1: { capacityGB: 200 } } } };
    const def = lessonLabDefinition(parseLessonFile(l)) as { vms: { id: string; tools: { build: number; status: string } }[]; datastores: { capacityGB: number }[] };
    expect(def.vms.map((v) => v.id)).toEqual(['exch01']);
    expect(def.vms[0].tools).toEqual({ status: 'running', build: 100000, vss: true });
    expect(def.datastores[0].capacityGB).toBe(200);
  });
});
