// The registry of checks a lesson objective can name. Adding a check: write it with defineCheck in the
// file of its family and list it here; the schema and the evaluator pick it up.
import { z } from 'zod';
import type { StateView } from '../../engine/core/view';
import type { CheckResult } from './context';
import { snapshotCount, snapshotExists, snapshotBranches, currentSnapshot, snapshotAge } from './snapshots';
import { chainDepth, leafData, leafSize, baseData, consolidationNeeded } from './disks';
import { power, question, warning, vmSetting, hostVersion, datastoreFree, workload } from './vmState';
import { event, task, sequence } from './eventsAndTasks';
import { writer, writersStable, exchangeLogs, exchangeDatabase, guestEvent } from './vss';
import { backupRun } from './backup';
import { directory } from './directory';
import { instantRecovery } from './restore';

const CHECKS = [
  snapshotCount, snapshotExists, snapshotBranches, currentSnapshot, snapshotAge,
  chainDepth, leafData, leafSize, baseData, consolidationNeeded,
  power, question, warning, vmSetting, hostVersion, datastoreFree, workload,
  event, task, sequence,
  writer, writersStable, exchangeLogs, exchangeDatabase, guestEvent,
  backupRun,
  directory,
  instantRecovery,
] as const;

type Simple = z.output<(typeof CHECKS)[number]['schema']>;
/** "all": every listed check must hold; the first unmet one explains. */
export type CheckSpec = Simple | { kind: 'all'; checks: CheckSpec[] };
export type CheckSpecInput = z.input<(typeof CHECKS)[number]['schema']> | { kind: 'all'; checks: CheckSpecInput[] };

export const CHECK_KINDS = [...CHECKS.map((c) => c.kind), 'all'] as const;

const byKind = new Map<string, (typeof CHECKS)[number]>(CHECKS.map((c) => [c.kind, c]));

const allSchema: z.ZodType<{ kind: 'all'; checks: CheckSpec[] }, { kind: 'all'; checks: CheckSpecInput[] }> = z.object({
  kind: z.literal('all'),
  get checks() { return z.array(checkSchema).min(1); },
}).strict();

export const checkSchema: z.ZodType<CheckSpec, CheckSpecInput> = z.discriminatedUnion('kind', [
  ...CHECKS.map((c) => c.schema),
  allSchema as never,
] as never) as never;

export function evaluateCheck(state: StateView, spec: CheckSpec): CheckResult {
  if (spec.kind === 'all') {
    for (const c of spec.checks) {
      const r = evaluateCheck(state, c);
      if (!r.done) return r;
    }
    return { done: true, why: '' };
  }
  const def = byKind.get(spec.kind)!;
  return (def.evaluate as (s: StateView, p: Simple) => CheckResult)(state, spec);
}
