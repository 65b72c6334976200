// The lesson format: one runtime schema, and the Lesson type derives from it. Built-in lessons
// (course/) and lesson files trainers drop in (parseLessonFile) go through the same schema.
import { z } from 'zod';
import { commandSchemas, COMMAND_TYPES, type Command } from '../engine/core/commands';
import { labDefinitionSchema, formatPath } from '../engine/core/schema';
import { vmIdFromName } from '../engine/core/ids';
import { checkSchema } from './checks';
import { labSourceSchema, resolveLabSource } from './labSource';

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a short kebab-case id such as "first-snapshot"').max(48);
const markdown = z.string().min(1).max(8000);

/** A command (docs/commands.md), checked against that command's own schema. */
export const commandSchema = z.looseObject({ type: z.enum(COMMAND_TYPES) }).superRefine((c, ctx) => {
  const { type, ...fields } = c;
  const r = commandSchemas[type].safeParse(fields);
  if (!r.success) for (const iss of r.error.issues) ctx.addIssue({ code: 'custom', path: iss.path, message: iss.message });
}).transform((c) => c as unknown as Command);

const stepObjectSchema = z.object({
  command: commandSchema,
  // "refused": the lesson means this command to be turned down (ok: false), to show why.
  expect: z.enum(['ok', 'refused']).default('ok'),
  caption: z.string().max(300).optional(),
}).strict();
type StepInput = z.input<typeof stepObjectSchema> | z.input<typeof commandSchema>;
type Step = z.output<typeof stepObjectSchema>;

/** A solution step: a bare command, or { command, expect, caption }. Errors keep the author's path. */
const stepSchema = z.custom<StepInput>().transform((v, ctx): Step => {
  const wrapped = typeof v === 'object' && v !== null && 'command' in v;
  const r = wrapped ? stepObjectSchema.safeParse(v) : commandSchema.safeParse(v);
  if (!r.success) {
    for (const iss of r.error.issues) ctx.addIssue({ code: 'custom', path: iss.path, message: iss.message });
    return z.NEVER;
  }
  return wrapped ? (r.data as Step) : { command: r.data as Step['command'], expect: 'ok', caption: undefined };
});

export const objectiveSchema = z.object({
  id: kebab,
  text: z.string().min(1).max(300),
  check: checkSchema,
}).strict();

/**
 * A hint is text, or text with a way back: `goBack.before` names a command type, and the hint offers
 * to take the lab to just before the last such command (time travel), so the learner can try again.
 */
export const hintSchema = z.union([
  z.string().min(1).max(1000),
  z.object({
    text: z.string().min(1).max(1000),
    goBack: z.object({ before: z.enum(COMMAND_TYPES), label: z.string().min(1).max(80) }).strict(),
  }).strict(),
]);

export const lessonSchema = z.object({
  id: kebab,
  title: z.string().min(1).max(120),
  intro: markdown,
  lab: labSourceSchema,
  objectives: z.array(objectiveSchema).min(1).max(12),
  hints: z.array(hintSchema).max(12).default([]),
  solution: z.array(stepSchema).min(1).max(400),
  debrief: markdown,
  // How long a learner might let the clock run without acting: that alone must not complete the lesson.
  idleMs: z.number().int().min(0).max(7 * 24 * 3600_000).default(10 * 60_000),
}).strict().superRefine((lesson, ctx) => {
  const seen = new Set<string>();
  lesson.objectives.forEach((o, i) => {
    if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['objectives', i, 'id'], message: `duplicate objective id "${o.id}"` });
    seen.add(o.id);
  });
  const problems: string[] = [];
  const definition = resolveLabSource(lesson.lab, problems);
  for (const p of problems) ctx.addIssue({ code: 'custom', path: ['lab'], message: p });
  const lab = labDefinitionSchema.safeParse(definition);
  if (!lab.success) {
    for (const iss of lab.error.issues) ctx.addIssue({ code: 'custom', path: ['lab'], message: `the lab it builds is invalid at ${formatPath(iss.path)}: ${iss.message}` });
    return;
  }
  const vms = new Set(lab.data.vms.map((v) => v.id));
  lesson.solution.forEach((s, i) => {
    const vm = (s.command as { vm?: unknown }).vm;
    if (typeof vm === 'string' && !vms.has(vm)) ctx.addIssue({ code: 'custom', path: ['solution', i, 'vm'], message: `no VM "${vm}" in the lesson's lab (${[...vms].join(', ')})` });
    // A restore as a new VM, or Instant VM Recovery, registers a VM later steps may name.
    const c = s.command;
    if (c.type === 'restore.instant' && c.name) vms.add(vmIdFromName(c.name, ''));
    if (c.type === 'restore.vm' && c.mode === 'newVm' && c.name) vms.add(vmIdFromName(c.name, ''));
  });
});

export type Lesson = z.output<typeof lessonSchema>;
export type LessonInput = z.input<typeof lessonSchema>;
export type Objective = Lesson['objectives'][number];
export type Hint = z.output<typeof hintSchema>;
export type SolutionStep = Lesson['solution'][number];
