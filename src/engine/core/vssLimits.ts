// The time limits of a quiesce (vss.md rules 8 and 10), exported once: the engine enforces them and
// the timeline draws them.

/** VSS holds writes at most 10 s between flush-and-hold and the provider's commit (rule 8). */
export const HOLD_LIMIT_MS = 10_000;
/** The flush before the hold must finish within 10 s too: FLUSH_WRITES_TIMEOUT otherwise (rule 8). */
export const FLUSH_LIMIT_MS = 10_000;
/** VMware Tools gives a whole quiesce 15 minutes unless tools.conf sets `timeout` (rule 10). */
export const TOOLS_LIMIT_MS = 15 * 60_000;
