// The faults of docs/commands.md as form fields, and the fault object each form yields.

export const FAULT_KINDS = [
  { kind: 'writerError', label: 'Writer error', help: 'A VSS writer answers one event with an error.' },
  { kind: 'writerHang', label: 'Writer hang', help: 'A VSS writer never answers one event; its timeout decides.' },
  { kind: 'slowCommit', label: 'Slow provider commit', help: 'The provider holds writes this long while it commits.' },
  { kind: 'scriptFail', label: 'Freeze/thaw script fails', help: 'A pre-freeze or post-thaw script exits with an error code.' },
  { kind: 'datastoreSlow', label: 'Slow datastore', help: 'Copies, merges and memory writes slow down.' },
  { kind: 'fileLock', label: 'Disk file locked', help: 'Another process (a backup proxy, say) holds a lock on the disk files.' },
  { kind: 'proxyLock', label: 'Proxy lock', help: 'The backup proxy keeps the VM\'s hot-added disks after its transfer: the job\'s snapshot removal fails.' },
  { kind: 'proxyCrash', label: 'Proxy crash', help: 'The backup application dies during the VM\'s transfer and never removes its snapshot.' },
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number]['kind'];

export const WRITER_PHASES = ['identify', 'prepareBackup', 'prepareSnapshot', 'freeze', 'thaw', 'postSnapshot', 'backupComplete'] as const;
/** The writer events in the words the VSS timeline's steps use. */
export const PHASE_WORDS: Record<(typeof WRITER_PHASES)[number], string> = {
  identify: 'Identify', prepareBackup: 'Prepare backup', prepareSnapshot: 'Prepare snapshot', freeze: 'Freeze',
  thaw: 'Thaw', postSnapshot: 'Post-snapshot', backupComplete: 'Backup complete',
};
const phaseWords = (p: unknown) => PHASE_WORDS[p as keyof typeof PHASE_WORDS] ?? String(p);
export const WRITER_ERRORS = [
  { value: 'retryable', label: 'Retryable error' },
  { value: 'nonRetryable', label: 'Non-retryable error' },
  { value: 'inconsistentSnapshot', label: 'Inconsistent shadow copy' },
  { value: 'outOfResources', label: 'Out of resources' },
] as const;

export interface FaultFields {
  kind: FaultKind;
  writer: string;
  phase: string;
  error: string;
  holdMs: string;
  script: string;
  exitCode: string;
  datastore: string;
  MBps: string;
  once: boolean;
}

export const defaultFields = (writer: string, datastore: string): FaultFields => ({
  kind: 'writerError', writer, phase: 'freeze', error: 'retryable', holdMs: '15000', script: 'pre-freeze',
  exitCode: '1', datastore, MBps: '5', once: false,
});

/** The fault object for fault.inject; the engine checks it and names any bad field. */
export function faultOf(f: FaultFields): Record<string, unknown> {
  const once = f.once ? { once: true } : {};
  switch (f.kind) {
    case 'writerError': return { kind: f.kind, writer: f.writer, phase: f.phase, error: f.error, ...once };
    case 'writerHang': return { kind: f.kind, writer: f.writer, phase: f.phase, ...once };
    case 'slowCommit': return { kind: f.kind, holdMs: Number(f.holdMs), ...once };
    case 'scriptFail': return { kind: f.kind, script: f.script, exitCode: Number(f.exitCode), ...once };
    case 'datastoreSlow': return { kind: f.kind, datastore: f.datastore, MBps: Number(f.MBps), ...once };
    case 'fileLock':
    case 'proxyLock':
    case 'proxyCrash': return { kind: f.kind, ...once };
  }
}

export function describeFault(f: Record<string, unknown>): string {
  switch (f.kind) {
    case 'writerError': return `${f.writer}: ${(WRITER_ERRORS.find((e) => e.value === f.error)?.label ?? String(f.error)).toLowerCase()} at ${phaseWords(f.phase)}`;
    case 'writerHang': return `${f.writer} hangs at ${phaseWords(f.phase)}`;
    case 'slowCommit': return `Provider commit holds writes ${f.holdMs} ms`;
    case 'scriptFail': return `${f.script} script exits ${f.exitCode}`;
    case 'datastoreSlow': return `${f.datastore} slowed to ${f.MBps} MB/s`;
    case 'proxyLock': return 'The backup proxy keeps the disks it read';
    case 'proxyCrash': return 'The backup application dies during the transfer';
    default: return String(f.kind);
  }
}
