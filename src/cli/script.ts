// The headless script format (docs/cli.md): a lab or a lesson, and the commands to run.
import { z } from 'zod';
import { createLab, LabDefinitionError, type Lab, type CommandResult, type StateView } from '../engine';
import { formatPath } from '../engine/core/schema';

export const scriptSchema = z.object({
  lab: z.unknown().optional(),
  lesson: z.string().min(1).optional(),
  steps: z.array(z.unknown()).default([]),
}).strict().refine((s) => (s.lab === undefined) !== (s.lesson === undefined), { message: 'give either "lab" (a lab definition) or "lesson" (a lesson id)' });

export class ScriptError extends Error {}

export interface LessonHooks {
  labFor(id: string): unknown | undefined;
  evaluate(id: string, state: StateView): StateView['lesson'];
  ids(): string[];
}

export interface ScriptOutput { results: CommandResult[]; state: StateView }

/** Run a parsed script; throws ScriptError (bad shape, bad lab, unknown lesson) before any step runs. */
export function runScript(input: unknown, lessons?: LessonHooks): ScriptOutput {
  const parsed = scriptSchema.safeParse(input);
  if (!parsed.success) {
    const iss = parsed.error.issues[0];
    throw new ScriptError(`script ${iss.path.length ? `field "${formatPath(iss.path)}"` : ''}: ${iss.message}`.replace('script :', 'script:'));
  }
  const script = parsed.data;
  let lab: Lab;
  let definition: unknown = script.lab;
  if (script.lesson !== undefined) {
    definition = lessons?.labFor(script.lesson);
    if (definition === undefined) throw new ScriptError(`script field "lesson": there is no lesson "${script.lesson}"; lessons: ${lessons?.ids().join(', ') ?? 'none'}`);
  }
  try {
    lab = createLab(definition);
  } catch (e) {
    if (e instanceof LabDefinitionError) throw new ScriptError(`script field "lab": ${e.message}`);
    throw e;
  }
  const results = script.steps.map((step) => lab.dispatch(step));
  const state = lab.state();
  if (script.lesson !== undefined && lessons) state.lesson = lessons.evaluate(script.lesson, state);
  return { results, state };
}
