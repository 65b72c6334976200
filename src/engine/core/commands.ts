// Command shapes (docs/commands.md): one schema per type. A command that breaks its schema is
// refused at once with a message naming the field, and changes nothing.
import { z } from 'zod';
import { retainPointsSchema, scheduleSchema, slotsSchema } from './backupSchema';
import { WORKLOAD_PROFILES, uniformWorkloadFields } from './schema';
import { HOST_VERSIONS } from './hostVersions';
import type { CommandResult } from './view';

const vmRef = z.string().min(1);
const base = { vm: vmRef };
const setting = z.union([z.string(), z.number(), z.boolean()]);
export const WRITER_PHASES = ['identify', 'prepareBackup', 'prepareSnapshot', 'freeze', 'thaw', 'postSnapshot', 'backupComplete'] as const;
export const BACKUP_TYPES = ['full', 'incremental', 'differential', 'copy', 'log'] as const;

const once = { once: z.boolean().optional() };
export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('writerError'), writer: z.string().min(1), phase: z.enum(WRITER_PHASES), error: z.enum(['retryable', 'nonRetryable', 'inconsistentSnapshot', 'outOfResources']), ...once }).strict(),
  z.object({ kind: z.literal('writerHang'), writer: z.string().min(1), phase: z.enum(WRITER_PHASES), ...once }).strict(),
  z.object({ kind: z.literal('slowCommit'), holdMs: z.number().int().min(0).max(3_600_000), ...once }).strict(),
  z.object({ kind: z.literal('scriptFail'), script: z.enum(['pre-freeze', 'post-thaw']), exitCode: z.number().int(), ...once }).strict(),
  z.object({ kind: z.literal('datastoreSlow'), datastore: z.string().min(1), MBps: z.number().positive().max(100000), ...once }).strict(),
  // Extension: another process (a backup proxy's hot-add, say) holds a lock on the VM's disk files,
  // so the next merge fails the way rule 26 describes.
  z.object({ kind: z.literal('fileLock'), ...once }).strict(),
  // Backup jobs (section 8): the proxy keeps the VM's disks after its transfer (their files stay
  // locked, so the job's snapshot removal fails); the backup application dies during the transfer.
  z.object({ kind: z.literal('proxyLock'), ...once }).strict(),
  z.object({ kind: z.literal('proxyCrash'), ...once }).strict(),
]);
export type FaultSpec = z.infer<typeof faultSchema>;

/** restore.migrate's target disk format: "Same format as source", "Thin Provision" or "Thick Provision". */
export const MIGRATE_DISK_FORMATS = ['sameAsSource', 'thin', 'thick'] as const;

export const commandSchemas = {
  'vm.powerOn': z.object({ ...base }).strict(),
  'vm.powerOff': z.object({ ...base }).strict(),
  'vm.suspend': z.object({ ...base }).strict(),
  'vm.reset': z.object({ ...base }).strict(),
  'vm.answer': z.object({ ...base, answer: z.enum(['retry', 'abort']) }).strict(),
  'vm.configure': z.object({
    ...base,
    tools: z.object({ status: z.enum(['running', 'notRunning', 'notInstalled']).optional(), build: z.number().int().min(0).optional(), vss: z.boolean().optional() }).strict().optional(),
    vssService: z.enum(['automatic', 'manual', 'disabled']).optional(),
    diskEnableUUID: z.boolean().optional(),
    ctkEnabled: z.boolean().optional(),
    toolsConf: z.record(z.string(), setting.nullable()).optional(),
    vmx: z.record(z.string(), setting.nullable()).optional(),
    scripts: z.object({ preFreeze: z.number().int().nullable().optional(), postThaw: z.number().int().nullable().optional() }).strict().optional(),
  }).strict(),
  'snapshot.take': z.object({
    ...base,
    name: z.string().min(1).max(80),
    description: z.string().max(2000).optional(),
    memory: z.boolean().optional(),
    quiesce: z.boolean().optional(),
    vssBackupType: z.enum(BACKUP_TYPES).optional(),
  }).strict(),
  'snapshot.revert': z.object({ ...base, snapshot: z.string().min(1) }).strict(),
  'snapshot.delete': z.object({ ...base, snapshot: z.string().min(1), removeChildren: z.boolean().optional() }).strict(),
  'snapshot.deleteAll': z.object({ ...base }).strict(),
  'vm.consolidate': z.object({ ...base }).strict(),
  'guest.write': z.object({ ...base, disk: z.string().min(1), offset: z.number().int().min(0), length: z.number().int().positive() }).strict(),
  // Extension: the guest frees blocks (UNMAP / TRIM); only an SEsparse leaf shrinks (rule 8).
  'guest.unmap': z.object({ ...base, disk: z.string().min(1), offset: z.number().int().min(0), length: z.number().int().positive() }).strict(),
  'guest.workload': z.object({ ...base, profile: z.enum(WORKLOAD_PROFILES), writeIOPS: z.number().min(0).max(100000).optional(), ...uniformWorkloadFields }).strict(),
  // The public API (docs/commands.md) names this field "type", which the command's own "type" already takes in JSON, so
  // the backup type travels as "backupType" ("vssBackupType", as snapshot.take spells it, also works).
  'guest.backup': z.object({ ...base, backupType: z.enum(BACKUP_TYPES).optional(), vssBackupType: z.enum(BACKUP_TYPES).optional() }).strict()
    .refine((c) => (c.backupType === undefined) !== (c.vssBackupType === undefined), { message: 'give the backup type as "backupType": full, incremental, differential, copy or log' }),
  'guest.exec': z.object({ ...base, command: z.string().max(500) }).strict(),
  'fault.inject': z.object({ ...base, fault: faultSchema }).strict(),
  'fault.clear': z.object({ ...base, fault: z.string().min(1).optional() }).strict(),
  'datastore.resize': z.object({ datastore: z.string().min(1), capacityGB: z.number().positive().optional(), capacityBytes: z.number().int().positive().optional() }).strict()
    .refine((c) => (c.capacityGB === undefined) !== (c.capacityBytes === undefined), { message: 'give capacityGB or capacityBytes (one of them)' }),
  // Whole milliseconds: the lab's time stays an integer, so replays and sessions add up exactly.
  'clock.advance': z.object({ ms: z.number().int('should be whole milliseconds').min(0).max(366 * 24 * 3600 * 1000) }).strict(),
  // Extension: change a host's version (the lab's settings panel).
  'backup.run': z.object({ job: z.string().min(1) }).strict(),
  // Extension: change a job between runs (schedule null removes it).
  'backup.configureJob': z.object({
    job: z.string().min(1),
    name: z.string().min(1).max(80).optional(),
    proxy: z.string().min(1).optional(),
    vms: z.array(z.string().min(1)).min(1, 'expected at least one VM id').max(200).optional(),
    schedule: scheduleSchema.nullable().optional(),
    quiesce: z.boolean().optional(),
    truncateLogs: z.boolean().optional(),
    cbt: z.boolean().optional(),
    applicationAware: z.boolean().optional(),
    repository: z.string().min(1).optional(),
    retainPoints: retainPointsSchema.optional(),
  }).strict(),
  // Extension: a backup proxy's settings (Veeam's "Max concurrent tasks"); tasks not yet started follow them.
  'backup.configureProxy': z.object({ proxy: z.string().min(1), slots: slotsSchema }).strict(),
  'host.configure': z.object({ host: z.string().min(1), version: z.enum(HOST_VERSIONS) }).strict(),
  // Restores from a backup repository's restore points (docs/restores.md).
  'restore.vm': z.object({
    point: z.string().min(1),
    mode: z.enum(['overwrite', 'newVm']),
    vm: z.string().min(1).optional().describe('overwrite: the VM to overwrite, which must be the point\'s own'),
    name: z.string().min(1).max(80).optional(),
    datastore: z.string().min(1).optional(),
    disks: z.array(z.string().min(1)).min(1).optional().describe('overwrite: only these disks'),
    powerOn: z.boolean().optional(),
  }).strict().refine((c) => c.mode !== 'newVm' || (c.name !== undefined && c.datastore !== undefined), { message: 'a restore as a new VM needs "name" and "datastore"' })
    .refine((c) => c.mode !== 'newVm' || c.disks === undefined, { message: '"disks" restores some disks of the original VM: use it with mode "overwrite"' }),
  'restore.instant': z.object({ point: z.string().min(1), name: z.string().min(1).max(80).optional() }).strict(),
  // diskFormat (extension): the vSphere Client's "Select virtual disk format" of a Storage vMotion;
  // "sameAsSource" (the default) gives each disk the format it had in the backed-up VM.
  'restore.migrate': z.object({ ...base, datastore: z.string().min(1).optional(), diskFormat: z.enum(MIGRATE_DISK_FORMATS).optional() }).strict(),
} as const;

export type CommandType = keyof typeof commandSchemas;
export type CommandOf<T extends CommandType> = z.infer<(typeof commandSchemas)[T]> & { type: T };
export type Command = { [T in CommandType]: CommandOf<T> }[CommandType];
export const COMMAND_TYPES = Object.keys(commandSchemas) as CommandType[];

/** The handler of one command type: runs after the command passed its schema and its vm id. */
export type CommandHandler<L, T extends CommandType> = (lab: L, cmd: CommandOf<T>) => CommandResult;
/** One handler per command type, handed to the dispatcher by the lab. */
export type HandlerTable<L> = { [T in CommandType]: CommandHandler<L, T> };
