// Custom quiescing scripts (vss.md rule 19, OVT scriptOps.c): the pre-freeze script runs with
// `freeze` before VSS or the sync driver starts, the post-thaw script with `thaw` after thaw; when
// the quiesce fails in between, scripts that already froze run again with `freezeFail`. A freeze
// script that exits non-zero fails the quiesce; so does a failing thaw script (OVT's thawFailed).
// vm.scripts holds each script's exit code (absent: no script); a scriptFail fault overrides it.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { confFlag } from './mechanism';
import { runBound, type BoundJob, type HasMethod } from '../../core/scheduler';

export type ScriptKind = 'pre-freeze' | 'post-thaw';

export function scriptPath(vm: Vm, kind: ScriptKind): string {
  return vm.guestOs === 'linux' ? `/usr/sbin/${kind}-script` : `C:\\Windows\\${kind}-script.bat`;
}

export function scriptsEnabled(vm: Vm): boolean {
  const v = vm.toolsConf.execScripts;
  return v === undefined || confFlag(v);
}

/** The script's exit code for this run, or null when the guest has no such script. */
function exitCode(vm: Vm, kind: ScriptKind): number | null {
  const fault = vm.activeFaults('scriptFail').find((f) => f.spec.script === kind);
  if (fault) { vm.consume(fault); return fault.spec.exitCode; }
  const code = kind === 'pre-freeze' ? vm.scripts.preFreeze : vm.scripts.postThaw;
  return code === undefined ? null : code;
}

type ScriptDone = [ok: boolean, ran: boolean, message: string];

/**
 * Run one script stage; `target[method](ok, ran, message)` after its simulated run time (as data, so
 * the lab can be copied meanwhile). `ran` says whether a script existed, so that a later failure
 * knows whether there is a freeze to undo with freezeFail.
 */
export function runScript<K extends string, T extends HasMethod<K, ScriptDone>>(lab: LabContext, vm: Vm, kind: ScriptKind, target: T, method: K): void {
  const kindEvent = kind === 'pre-freeze' ? 'script.freeze' : 'script.thaw';
  const arg = kind === 'pre-freeze' ? 'freeze' : 'thaw';
  const done = (...args: ScriptDone): BoundJob => ({ target, method, args });
  if (!scriptsEnabled(vm)) {
    lab.log(vm, 'scripts', kindEvent, `tools.conf execScripts=false: no ${kind} scripts run.`);
    lab.scheduler.after(10, done(true, false, ''));
    return;
  }
  const code = exitCode(vm, kind);
  const path = scriptPath(vm, kind);
  if (code === null) {
    lab.log(vm, 'scripts', kindEvent, `No ${kind} script (${path}) and no backupScripts.d scripts: nothing to run.`);
    lab.scheduler.after(20, done(true, false, ''));
    return;
  }
  lab.log(vm, 'scripts', kindEvent, `Running "${path}" ${arg}.`);
  const ms = Math.round(lab.rng.between(800, 2500));
  lab.scheduler.callOn(ms, new ScriptExit(lab, vm, kindEvent, `"${path}" ${arg} exited with code ${code}`, code, { target, method }), 'exit');
}

/** A script that ran ends with its exit code: the event, then what waits for it. */
class ScriptExit {
  constructor(
    private readonly lab: LabContext, private readonly vm: Vm, private readonly kindEvent: 'script.freeze' | 'script.thaw',
    private readonly message: string, private readonly code: number, private readonly then: BoundJob,
  ) {}

  exit(): void {
    if (this.code !== 0) this.lab.log(this.vm, 'scripts', this.kindEvent, `${this.message}: the quiesce fails.`, { severity: 'error' });
    runBound(this.then, this.code === 0, true, this.message);
  }
}

/** Undo a freeze: the scripts that froze run with `freezeFail`, newest first. */
export function runFreezeFail(lab: LabContext, vm: Vm, froze: boolean, failedScript: string | null): void {
  const path = scriptPath(vm, 'pre-freeze');
  const msg = froze
    ? `Running "${path}" freezeFail to undo its freeze.`
    : failedScript
      ? `${failedScript}; no script had frozen before it, so no freezeFail script runs.`
      : 'No freeze script ran, so no freezeFail script runs.';
  lab.log(vm, 'scripts', 'script.freezeFail', msg);
}
