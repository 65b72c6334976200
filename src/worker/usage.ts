// Usage queries: datastore usage over time of some branches of the lab's history ("compare branches").
import type { History } from './branchTree';
import type { UsageAnswer } from './protocol';
import { savedUsage } from './branchSession';

/** The usage series of the branches asked for that exist (others are left out, not refused). */
export function usageOf(history: History, branches: unknown): UsageAnswer {
  const ids = Array.isArray(branches) ? branches.filter((b): b is string => typeof b === 'string' && !!history.get(b)) : [];
  return { ok: true, datastores: history.datastores, series: ids.map((id) => ({ branch: id, samples: history.usage(id).map(savedUsage) })) };
}
