// How a writer answers one event: in its own time, with an error (writerError fault), or never
// (writerHang fault, so a timeout decides). Faults marked "once" are used up by the event they hit.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { WriterState } from '../../model/guest/guestState';
import type { Phase } from './phases';
import { VSS_E } from './writerText';
import { writerEventMs } from './timing';

export type Outcome = { kind: 'ok'; ms: number } | { kind: 'error'; ms: number; hr: number } | { kind: 'hang' };

export const FAULT_HR = {
  retryable: VSS_E.RETRYABLE,
  nonRetryable: VSS_E.NON_RETRYABLE,
  inconsistentSnapshot: VSS_E.INCONSISTENT,
  outOfResources: VSS_E.OUT_OF_RESOURCES,
} as const;

export function writerOutcome(lab: LabContext, vm: Vm, w: WriterState, phase: Phase): Outcome {
  const hang = vm.activeFaults('writerHang').find((f) => f.spec.writer === w.name && f.spec.phase === phase);
  if (hang) { vm.consume(hang); return { kind: 'hang' }; }
  const ms = writerEventMs(lab, w.name, phase);
  const err = vm.activeFaults('writerError').find((f) => f.spec.writer === w.name && f.spec.phase === phase);
  if (err) { vm.consume(err); return { kind: 'error', ms, hr: FAULT_HR[err.spec.error] }; }
  return { kind: 'ok', ms };
}

/** What HRESULTs mean, as VSS event 8229 words them (MS-VSS). */
export function hrDescription(hr: number): string {
  switch (hr >>> 0) {
    case VSS_E.INCONSISTENT: return 'The shadow copy contains only a subset of the volumes needed by the writer to correctly back up the application component.';
    case VSS_E.OUT_OF_RESOURCES: return 'The writer ran out of memory or other system resources.';
    case VSS_E.TIMEOUT: return 'The writer\'s timeout expired between the Freeze and Thaw events.';
    case VSS_E.RETRYABLE: return 'The writer experienced a transient error. If the backup process is retried, the error may not reoccur.';
    case VSS_E.NON_RETRYABLE: return 'The writer experienced a non-transient error. If the backup process is retried, the error is likely to reoccur.';
    case VSS_E.HOLD_WRITES_TIMEOUT: return 'The system was unable to hold I/O writes. This can be a transient problem.';
    case VSS_E.FLUSH_WRITES_TIMEOUT: return 'The system was unable to flush I/O writes. This can be a transient problem.';
    case VSS_E.SNAPSHOT_SET_IN_PROGRESS: return 'Another shadow copy creation is already in progress.';
    default: return 'Unexpected error.';
  }
}

export const hex = (hr: number): string => `0x${(hr >>> 0).toString(16).padStart(8, '0')}`;
