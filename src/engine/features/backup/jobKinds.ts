// The backup run's job kinds and their handlers, for the lab's job table (lab/jobs.ts): every step of a
// run that waits (for a task, a timer or a VSS session) is scheduled as one of these, with data.
import { HUNT_DONE, HUNT_STEP, REMOVE_DONE, RUN_START, SNAPSHOT_DONE, TRANSFER_CRASH, TRANSFER_DONE, TRUNCATE_DONE, VM_ENDED, VM_START } from './kinds';
import { runStart, vmEnded } from './run';
import { backupVm, huntDone, snapshotDone } from './vmRun';
import { removeDone, transferCrash, transferDone, truncateDone } from './vmEnd';
import { huntStep } from './hunter';
import { AGENT_START, agentStart } from './appAware';

export const backupJobKinds = {
  [RUN_START]: runStart,
  [VM_START]: backupVm,
  [VM_ENDED]: vmEnded,
  [HUNT_STEP]: huntStep,
  [HUNT_DONE]: huntDone,
  [AGENT_START]: agentStart,
  [SNAPSHOT_DONE]: snapshotDone,
  [TRANSFER_DONE]: transferDone,
  [TRANSFER_CRASH]: transferCrash,
  [TRUNCATE_DONE]: truncateDone,
  [REMOVE_DONE]: removeDone,
} as const;
