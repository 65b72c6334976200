// "Step to the next event": advance until the event log gains an entry. The engine's scheduler also
// runs silent jobs (workload ticks), so its next job time is not the next event; we probe instead,
// with steps that start at 1 ms and double, so events a few ms apart (a quiesce) are not skipped and a
// quiet lab still reaches its next event in a few dozen probes.

export interface StepProbe {
  now(): number;
  advance(ms: number): void;
  /** Something that changes whenever an event is logged (the newest event's seq). */
  eventMark(): string;
}

export const STEP_LIMIT_MS = 24 * 3600_000;
const MAX_CHUNK_MS = 60_000;

/** Returns true when an event arrived, false when the limit was reached first. */
export function stepToNextEvent(probe: StepProbe, limitMs = STEP_LIMIT_MS, maxProbes = 400): boolean {
  const start = probe.now();
  const mark = probe.eventMark();
  let chunk = 1;
  for (let i = 0; i < maxProbes && probe.now() - start < limitMs; i++) {
    probe.advance(Math.min(chunk, limitMs - (probe.now() - start)));
    if (probe.eventMark() !== mark) return true;
    chunk = Math.min(chunk * 2, MAX_CHUNK_MS);
  }
  return false;
}
