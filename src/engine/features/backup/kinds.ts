// The job kinds of a backup run (lab/jobs.ts maps each to its handler): a run's work is scheduled as
// data (a kind and its arguments), never as a closure, so a lab with a run in flight can be copied
// for a time-travel checkpoint. Kept apart from the handlers so the run's files can name each other's
// steps without importing each other.
export const RUN_START = 'backup.run.start';
export const VM_START = 'backup.vm.start';
export const VM_ENDED = 'backup.vm.ended';
export const HUNT_STEP = 'backup.hunt.step';
export const HUNT_DONE = 'backup.hunt.done';
export const SNAPSHOT_DONE = 'backup.snapshot.done';
export const TRANSFER_DONE = 'backup.transfer.done';
export const TRANSFER_CRASH = 'backup.transfer.crash';
export const TRUNCATE_DONE = 'backup.truncate.done';
export const REMOVE_DONE = 'backup.remove.done';
