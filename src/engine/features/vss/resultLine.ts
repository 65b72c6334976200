// A quiesce's one-line result in plain words, for the VSS timeline and anyone reading the state view:
// how many writers froze and thawed, who failed in which step, why no writers took part. Written here,
// from the quiesce's own facts, so no reader parses the engine's event messages.
import type { QuiesceView } from '../../core/view';
import { VSS_E } from './writerText';

/** VSS phases (the engine's names) as the VSS timeline's steps name them. */
export const PHASE_STEP: Readonly<Record<string, string>> = {
  identify: 'Identify', prepareBackup: 'Prepare', prepareSnapshot: 'Prepare', freeze: 'Freeze', commit: 'Hold writes / Commit',
  thaw: 'Thaw', postSnapshot: 'Post-snapshot', useShadow: 'Post-snapshot', backupComplete: 'Backup complete',
};

/** The HRESULTs that mean VSS held (or flushed) writes past its limit. */
const HOLD_TIMEOUTS: ReadonlySet<number> = new Set([VSS_E.HOLD_WRITES_TIMEOUT, VSS_E.FLUSH_WRITES_TIMEOUT]);

/** A writer as the timeline's lanes name it: "Microsoft Exchange Writer" -> "Exchange Writer". */
export const writerLabel = (name: string): string => (name.startsWith('Microsoft ') ? name.slice('Microsoft '.length) : name);

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** `cause`: why no application writer took part, without the mechanism's name (the mechanism's own). */
export function quiesceResultLine(q: Omit<QuiesceView, 'resultLine'>, cause: string): string {
  if (q.result === 'running') return 'Quiescing…';
  if (q.result === 'error') {
    if (q.failedWriter) return `${writerLabel(q.failedWriter)} failed at ${PHASE_STEP[q.failedPhase ?? ''] ?? q.failedPhase}, so VSS aborted the whole set.`;
    if (q.hresult !== null && HOLD_TIMEOUTS.has(q.hresult)) return `Writes were held past the ${Math.round(q.holdLimitMs / 1000)} s limit, so VSS aborted the whole set.`;
    if (q.mechanism === 'none') return `Not quiesced: ${q.reason}.`;
    return `Quiesce failed${q.failedPhase ? ` at ${PHASE_STEP[q.failedPhase] ?? q.failedPhase}` : ''}: ${q.reason}.`;
  }
  if (q.mechanism === 'syncDriver') return `File-system consistent: the sync driver froze the file systems, no VSS writers took part (${cause}).`;
  if (q.mechanism === 'nullProvider') return `Crash consistent: nothing was frozen (${cause}).`;
  if (q.writers === 0) return `File-system consistent: no application writers took part (${cause || q.reason}).`;
  const both = Math.min(q.writersFrozen, q.writersThawed);
  return `Application consistent: ${plural(both, 'writer')} froze and thawed.`;
}
