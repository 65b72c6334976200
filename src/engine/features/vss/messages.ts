// vCenter's words for a failed quiesce (vmware-snapshots.md rule 28, vss.md rules 8 and 17).
export const QUIESCE_FAILED = 'An error occurred while saving the snapshot: Failed to quiesce the virtual machine.';
export const HOLD_TIMEOUT = 'Cannot create a quiesced snapshot because the create snapshot operation exceeded the time limit for holding off I/O in the frozen virtual machine.';
export const CANNOT_INITIALIZE = 'Requested quiescing cannot be initialized.';
