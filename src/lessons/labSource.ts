// A lesson's lab: either a full lab definition, or a built-in lab plus changes (keep some VMs, adjust
// hosts, datastores and VMs by id, add VMs). The result is an ordinary lab definition the engine checks.
import { z } from 'zod';
import { builtInLabs } from '../engine/lab/builtInLabs';
import type { LabDefinitionInput } from '../engine/core/schema';

const patch = z.record(z.string(), z.record(z.string(), z.unknown()));

export const labSourceSchema = z.union([
  z.object({ definition: z.record(z.string(), z.unknown()) }).strict(),
  z.object({
    builtIn: z.string().refine((id) => Object.hasOwn(builtInLabs, id), { message: `expected a built-in lab id (${Object.keys(builtInLabs).join(', ')})` }),
    changes: z.object({
      name: z.string().optional(),
      seed: z.number().int().min(0).optional(),
      keepVms: z.array(z.string()).min(1).optional().describe('only these VMs stay'),
      hosts: patch.optional(),
      datastores: patch.optional(),
      vms: patch.optional(),
      addVms: z.array(z.record(z.string(), z.unknown())).optional(),
    }).strict().default({}),
  }).strict(),
]);

export type LabSource = z.output<typeof labSourceSchema>;
export type LabSourceInput = z.input<typeof labSourceSchema>;

type Item = Record<string, unknown> & { id?: unknown };

/** Merge one level deep: nested objects such as "tools" keep the fields a change does not name. */
function merge(base: Item, change: Record<string, unknown>): Item {
  const out: Item = { ...base };
  for (const [k, v] of Object.entries(change)) {
    const was = out[k];
    out[k] = isPlain(was) && isPlain(v) ? { ...was, ...v } : v;
  }
  return out;
}
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function applyPatch(items: Item[], changes: Record<string, Record<string, unknown>> | undefined, what: string, problems: string[]): Item[] {
  if (!changes) return items;
  for (const id of Object.keys(changes)) if (!items.some((i) => i.id === id)) problems.push(`lab.changes.${what}.${id}: the built-in lab has no ${what.replace(/s$/, '')} "${id}" (it has ${items.map((i) => String(i.id)).join(', ')})`);
  return items.map((i) => (typeof i.id === 'string' && changes[i.id] ? merge(i, changes[i.id]) : i));
}

/** The lab definition a lab source describes; `problems` collects ids the changes name but the lab lacks. */
export function resolveLabSource(source: LabSource, problems: string[] = []): LabDefinitionInput {
  if ('definition' in source) return structuredClone(source.definition) as LabDefinitionInput;
  const base = structuredClone(builtInLabs[source.builtIn]) as Record<string, unknown>;
  const c = source.changes;
  let vms = (base.vms as Item[] | undefined) ?? [];
  if (c.keepVms) {
    for (const id of c.keepVms) if (!vms.some((v) => v.id === id)) problems.push(`lab.changes.keepVms: the built-in lab has no VM "${id}"`);
    vms = vms.filter((v) => c.keepVms!.includes(String(v.id)));
  }
  vms = applyPatch(vms, c.vms, 'vms', problems);
  const out: Record<string, unknown> = {
    ...base,
    hosts: applyPatch((base.hosts as Item[] | undefined) ?? [], c.hosts, 'hosts', problems),
    datastores: applyPatch((base.datastores as Item[] | undefined) ?? [], c.datastores, 'datastores', problems),
    vms: [...vms, ...(c.addVms ?? [])],
  };
  if (c.name !== undefined) out.name = c.name;
  if (c.seed !== undefined) out.seed = c.seed;
  return out as LabDefinitionInput;
}
