// A check is a named, parameterised question about the state view. Lesson files name a check by its
// "kind" and give its parameters; the registry (checks/index.ts) validates them with the check's schema.
import { z } from 'zod';
import type { StateView } from '../../engine/core/view';
import type { CheckResult } from './context';

export interface CheckDef<K extends string, S extends z.ZodObject> {
  kind: K;
  schema: S;
  evaluate(state: StateView, params: z.output<S>): CheckResult;
}

export function defineCheck<K extends string, Shape extends z.ZodRawShape>(
  kind: K,
  shape: Shape,
  evaluate: (state: StateView, params: z.output<z.ZodObject<Shape>>) => CheckResult,
) {
  const schema = z.object({ kind: z.literal(kind), ...shape }).strict();
  return { kind, schema, evaluate: evaluate as (state: StateView, params: z.output<typeof schema>) => CheckResult };
}

export const vmId = z.string().min(1).describe('a VM id from the lesson lab');
export const diskId = z.string().min(1);
