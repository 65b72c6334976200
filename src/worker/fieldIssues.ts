// zod issues as the sentences SnapLab uses everywhere: "field: what is wrong", the field written the
// way the lab definition's errors write it (commands[3].at), at most five, then how many more.
import type { z } from 'zod';
import { formatPath } from '../engine/core/schema';

export function fieldIssues(issues: readonly z.core.$ZodIssue[], whole: string, max = 5): string {
  const lines = issues.map((iss) => {
    const path = iss.path.length ? formatPath(iss.path) : whole;
    return iss.code === 'unrecognized_keys' ? `${path}: has no field ${iss.keys.map((k) => `"${k}"`).join(', ')}` : `${path}: ${iss.message}`;
  });
  return lines.slice(0, max).join('; ') + (lines.length > max ? ` (and ${lines.length - max} more)` : '');
}
