// What the UI can do to the lab: plain functions that post to the worker. A refused command is shown
// as a notice with the engine's sentence, and its answer is returned for the caller to use.
import type { CommandResult } from '../engine/core/view';
import type { ClockAnswer, LoadAnswer } from '../worker/protocol';
import { start, labClient, restoreSession } from './connection';
import { sessionFileName } from './persistence/autosave';
import { notify, useLab } from './store';
import { CANCELLED, mayChange } from './branchConfirm';

const STOPPED_CODES = new Set(['ENGINE_ERROR', 'LAB_STOPPED']);

/**
 * A click's command: in the lab's past the learner first confirms that it starts a new branch, unless
 * the command's own dialog said so and was answered (`agreed`: the new branch it named, "Branch 2").
 */
export async function dispatch(command: { type: string } & Record<string, unknown>, agreed?: string): Promise<CommandResult> {
  const client = await labClient();
  if (!(await mayChange(command.type, () => client.request({ kind: 'history' }), agreed))) return CANCELLED;
  const result = await client.request({ kind: 'dispatch', command });
  // An engine failure stops the lab: the crash banner says so and offers Restart lab.
  if (!result.ok && !STOPPED_CODES.has(result.error.code)) notify('error', result.error.message);
  return result;
}

export const powerOn = (vm: string) => dispatch({ type: 'vm.powerOn', vm });
export const powerOff = (vm: string) => dispatch({ type: 'vm.powerOff', vm });
export const suspend = (vm: string) => dispatch({ type: 'vm.suspend', vm });
export const reset = (vm: string) => dispatch({ type: 'vm.reset', vm });
export const answerQuestion = (vm: string, answer: 'retry' | 'abort') => dispatch({ type: 'vm.answer', vm, answer });

export interface TakeSnapshotInput { name: string; description: string; memory: boolean; quiesce: boolean }
// `agreed` (here and below): the new branch the command's own dialog said it starts, in the lab's past.
export const takeSnapshot = (vm: string, s: TakeSnapshotInput, agreed?: string) => dispatch({ type: 'snapshot.take', vm, ...s }, agreed);
export const revertToSnapshot = (vm: string, snapshot: string, agreed?: string) => dispatch({ type: 'snapshot.revert', vm, snapshot }, agreed);
export const deleteSnapshot = (vm: string, snapshot: string, removeChildren = false, agreed?: string) =>
  dispatch({ type: 'snapshot.delete', vm, snapshot, removeChildren }, agreed);
export const deleteAllSnapshots = (vm: string, agreed?: string) => dispatch({ type: 'snapshot.deleteAll', vm }, agreed);
export const consolidate = (vm: string) => dispatch({ type: 'vm.consolidate', vm });

export const configureVm = (vm: string, settings: Record<string, unknown>, agreed?: string) => dispatch({ type: 'vm.configure', vm, ...settings }, agreed);
export const injectFault = (vm: string, fault: Record<string, unknown>) => dispatch({ type: 'fault.inject', vm, fault });
export const clearFaults = (vm: string) => dispatch({ type: 'fault.clear', vm });
/** Host settings: a host's ESX version. */
export const configureHost = (host: string, version: string, agreed?: string) => dispatch({ type: 'host.configure', host, version }, agreed);
export const resizeDatastore = (datastore: string, capacityGB: number, agreed?: string) => dispatch({ type: 'datastore.resize', datastore, capacityGB }, agreed);
/** The guest writes `length` bytes to a disk at `offset`. */
export const writeToDisk = (vm: string, disk: string, offset: number, length: number) => dispatch({ type: 'guest.write', vm, disk, offset, length });
export const setWorkload = (vm: string, profile: string, writeIOPS?: number) =>
  dispatch(writeIOPS === undefined ? { type: 'guest.workload', vm, profile } : { type: 'guest.workload', vm, profile, writeIOPS });
// The backup type travels as "backupType": a field named "type" would clash with the command's own.
export const runBackup = (vm: string, backupType: string) => dispatch({ type: 'guest.backup', vm, backupType });
/** Backup jobs region: "Run now". */
export const runBackupJob = (job: string) => dispatch({ type: 'backup.run', job });
/** Backup jobs region: "Edit job…" (only the fields that change). */
export const configureBackupJob = (job: string, changes: Record<string, unknown>, agreed?: string) =>
  dispatch({ type: 'backup.configureJob', job, ...changes }, agreed);
/** Backup jobs region: "Edit proxy…", the proxy's "Max concurrent tasks". */
export const configureBackupProxy = (proxy: string, slots: number, agreed?: string) => dispatch({ type: 'backup.configureProxy', proxy, slots }, agreed);
export const restoreVm = (point: string, options: { mode: 'overwrite' | 'newVm'; vm?: string; name?: string; datastore?: string; powerOn?: boolean }, agreed?: string) =>
  dispatch({ type: 'restore.vm', point, ...options }, agreed);
export const instantRecovery = (point: string, name?: string, agreed?: string) => dispatch({ type: 'restore.instant', point, ...(name ? { name } : {}) }, agreed);
/** "Migrate to production": to `datastore` (default: the original VM's), each disk in `diskFormat` (default: same format as source). */
export const migrateVm = (vm: string, datastore?: string, diskFormat?: 'thin' | 'thick') =>
  dispatch({ type: 'restore.migrate', vm, ...(datastore ? { datastore } : {}), ...(diskFormat ? { diskFormat } : {}) });

/** A console answer; `fromPast`: given by the lab's past and not recorded (a line that only reads). */
export type ConsoleAnswer = CommandResult & { fromPast?: true };

/** guest.exec without a notice: the console prints the answer itself. */
export async function execInGuest(vm: string, line: string): Promise<ConsoleAnswer> {
  const client = await labClient();
  const command = { type: 'guest.exec', vm, command: line };
  // In the lab's past a line that only reads (the engine says which) is answered there without being
  // recorded, so it starts no branch and asks nothing. A line that changes the lab is recorded like any
  // other command: in the past it too starts a branch, after the question.
  const looked = await client.request({ kind: 'peek', command });
  if (looked) return { ...looked, fromPast: true };
  if (!(await mayChange('guest.exec', () => client.request({ kind: 'history' })))) return CANCELLED;
  return client.request({ kind: 'dispatch', command });
}

async function clockRequest(p: Promise<ClockAnswer>): Promise<ClockAnswer> {
  const a = await p;
  if (!a.ok && !STOPPED_CODES.has(a.error.code)) notify('error', a.error.message);
  return a;
}
export const play = async (speed?: number) => clockRequest((await labClient()).request({ kind: 'play', speed }));
export const pause = async () => clockRequest((await labClient()).request({ kind: 'pause' }));
export const setSpeed = async (speed: number) => clockRequest((await labClient()).request({ kind: 'setSpeed', speed }));
export const stepToNextEvent = async () => clockRequest((await labClient()).request({ kind: 'step' }));
export const togglePlay = () => (useLab.getState().clock.playing ? pause() : play());

/** "Reset lab": the same lab (or lesson) from its start, with no commands. */
export async function resetLab(): Promise<LoadAnswer> {
  const client = await labClient();
  const session = await client.request({ kind: 'session' });
  // The lab's start: its definition, seed and lesson, and none of its history (branches included).
  const { format, version, definition, seed, lesson } = session;
  const answer = await client.request({ kind: 'restore', session: { format, version, definition, seed, lesson, commands: [], time: 0 } });
  if (!answer.ok) notify('error', answer.error.message);
  else notify('info', `"${answer.name}" was reset to its start.`);
  return answer;
}

/** "Open lab": the workshop lab or another built-in lab by id. */
export async function openLab(source: unknown, opts: { quiet?: boolean } = {}): Promise<LoadAnswer> {
  const answer = await (await labClient()).request({ kind: 'load', source });
  // quiet: the caller shows the refusal itself, next to what the learner did.
  if (!answer.ok && !opts.quiet) notify('error', answer.error.message);
  return answer;
}

export async function exportSession(): Promise<void> {
  const client = await labClient();
  const session = await client.request({ kind: 'session' });
  const blob = new Blob([JSON.stringify(session, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = sessionFileName(useLab.getState().state.name);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Import a session file; the worker parses and checks it, and a bad file changes nothing. */
export async function importSession(file: File): Promise<LoadAnswer> {
  const text = await file.text();
  const answer = await restoreSession(text);
  if (!answer.ok) notify('error', `${file.name} was not loaded: ${answer.error.message}`);
  else notify('info', `Session "${answer.name}" loaded from ${file.name}.`);
  return answer;
}

/** After a crash: a new worker, rebuilt from the last autosave. */
export function restartLab(): Promise<void> {
  return start();
}

/** Time travel: the lab at `ms` of its history (the scrubber). */
export async function seekTo(ms: number): Promise<void> {
  const answer = await (await labClient()).request({ kind: 'seek', ms: Math.round(ms) });
  if ('ok' in answer && answer.ok === false) notify('error', answer.error.message);
}

/** The time of the previous or next scrubber marker from where the lab is, or null when there is none. */
export function markerTime(dir: 1 | -1): number | null {
  const { history, liveTime } = useLab.getState();
  if (!history) return null;
  const position = liveTime;
  const list = dir > 0 ? history.markers.filter((m) => m.time > position + 0.5) : history.markers.filter((m) => m.time < position - 0.5).reverse();
  return list[0]?.time ?? null;
}

/** Time travel from a hint: just before the last command of this type on the current branch. */
export async function goBackBefore(commandType: string): Promise<void> {
  const answer = await (await labClient()).request({ kind: 'seekBefore', command: commandType });
  if ('ok' in answer && answer.ok === false) notify('error', answer.error.message);
  else notify('info', 'The lab is back in time: what you do now starts a new branch (the Branch list keeps the other way).');
}

/** Go to another branch of the lab's history, at the newest moment it reached. */
export async function switchBranch(branch: string): Promise<void> {
  const answer = await (await labClient()).request({ kind: 'switchBranch', branch });
  if (!answer.ok) notify('error', answer.error.message);
}

/** Datastore usage over time of some branches ("compare branches"). */
export async function branchUsage(branches: string[]) {
  return (await labClient()).request({ kind: 'usage', branches });
}
