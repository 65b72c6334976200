// The lab's job table: every kind of scheduled work that is data (a JobCall: a kind and its
// arguments) and the feature function that does it. The Lab hands it to its scheduler when built, so
// features schedule work by kind and never import this table or the dispatcher (as lab/handlers.ts
// is for commands). Work scheduled this way is copied with the lab: a checkpoint can be taken while
// it waits.
import type { JobTable } from '../core/scheduler';
import { STUN_END, stunEnd } from '../features/vm/stun';
import { POWER_DONE, POWER_START, powerDone, powerStart } from '../features/vm/power';
import { RECONFIGURE, reconfigureStart } from '../features/vm/configure';
import { REVERT_DONE, REVERT_START, revertDone, revertStart } from '../features/snapshot/revert';
import { CHECKPOINT_DONE, CHECKPOINT_START, CHECKPOINT_WRITTEN, TAKE_START, TAKE_SWITCH, checkpointDone, checkpointStart, checkpointWritten, takeStart, takeSwitch } from '../features/snapshot/take';
import { CONSOLIDATE_START, REMOVE_ALL_START, REMOVE_START, consolidateStart, removeAllStart, removeStart } from '../features/snapshot/remove';
import { backupJobKinds } from '../features/backup/jobKinds';

export const jobTable: JobTable = Object.freeze({
  [STUN_END]: stunEnd,
  [POWER_START]: powerStart,
  [POWER_DONE]: powerDone,
  [RECONFIGURE]: reconfigureStart,
  [REVERT_START]: revertStart,
  [REVERT_DONE]: revertDone,
  [TAKE_START]: takeStart,
  [TAKE_SWITCH]: takeSwitch,
  [CHECKPOINT_START]: checkpointStart,
  [CHECKPOINT_WRITTEN]: checkpointWritten,
  [CHECKPOINT_DONE]: checkpointDone,
  [REMOVE_START]: removeStart,
  [REMOVE_ALL_START]: removeAllStart,
  [CONSOLIDATE_START]: consolidateStart,
  ...backupJobKinds,
});
