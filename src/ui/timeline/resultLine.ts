// The timeline's one-line result, in plain words, from the engine's quiesce summary (the facts: how
// many writers froze and thawed, who failed in which phase, why no writers took part).
import type { QuiesceView } from '../../engine/core/view';

/** VSS phases (the engine's names) as the timeline's steps name them. */
const PHASE_WORD: Record<string, string> = {
  identify: 'Identify', prepareBackup: 'Prepare', prepareSnapshot: 'Prepare', freeze: 'Freeze', commit: 'Hold writes / Commit',
  thaw: 'Thaw', postSnapshot: 'Post-snapshot', useShadow: 'Post-snapshot', backupComplete: 'Backup complete',
};
const HOLD_TIMEOUTS = new Set([0x80042314, 0x80042313]); // VSS_E_HOLD_WRITES_TIMEOUT, VSS_E_FLUSH_WRITES_TIMEOUT

const writerName = (w: string) => w.replace(/^Microsoft /, '');
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** The engine's reason without its mechanism prefix ("VSS without writers (file-share context): ..."). */
const why = (s: string) => s.replace(/^[^:]*\(file-share context\):\s*/, '').replace(/^sync driver \([^)]*\):\s*/, '');

export function resultLine(q: QuiesceView): { text: string; failed: boolean } {
  if (q.result === 'running') return { text: 'Quiescing…', failed: false };
  if (q.result === 'error') {
    if (q.failedWriter) return { text: `${writerName(q.failedWriter)} failed at ${PHASE_WORD[q.failedPhase ?? ''] ?? q.failedPhase}, so VSS aborted the whole set.`, failed: true };
    if (q.hresult !== null && HOLD_TIMEOUTS.has(q.hresult)) return { text: `Writes were held past the ${Math.round(q.holdLimitMs / 1000)} s limit, so VSS aborted the whole set.`, failed: true };
    if (q.mechanism === 'none') return { text: `Not quiesced: ${q.reason}.`, failed: true };
    return { text: `Quiesce failed${q.failedPhase ? ` at ${PHASE_WORD[q.failedPhase] ?? q.failedPhase}` : ''}: ${q.reason}.`, failed: true };
  }
  if (q.mechanism === 'syncDriver') return { text: `File-system consistent: the sync driver froze the file systems, no VSS writers took part (${why(q.withoutWriters ?? q.reason)}).`, failed: false };
  if (q.writers === 0) return { text: `File-system consistent: no application writers took part (${why(q.withoutWriters ?? q.reason)}).`, failed: false };
  const both = Math.min(q.writersFrozen, q.writersThawed);
  return { text: `Application consistent: ${plural(both, 'writer')} froze and thawed.`, failed: false };
}
