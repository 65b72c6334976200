// Custom quiescing scripts (vss.md rule 19, OVT scriptOps.c): the pre-freeze script runs with
// `freeze` before VSS or the sync driver starts, the post-thaw script with `thaw` after thaw; when
// the quiesce fails in between, scripts that already froze run again with `freezeFail`. A freeze
// script that exits non-zero fails the quiesce; so does a failing thaw script (OVT's thawFailed).
// vm.scripts holds each script's exit code (absent: no script); a scriptFail fault overrides it.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { confFlag } from './mechanism';

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

/**
 * Run one script stage; `done(ok, ran)` after its simulated run time. `ran` says whether a script
 * existed, so that a later failure knows whether there is a freeze to undo with freezeFail.
 */
export function runScript(lab: LabContext, vm: Vm, kind: ScriptKind, done: (ok: boolean, ran: boolean, message: string) => void): void {
  const kindEvent = kind === 'pre-freeze' ? 'script.freeze' : 'script.thaw';
  const arg = kind === 'pre-freeze' ? 'freeze' : 'thaw';
  if (!scriptsEnabled(vm)) {
    lab.log(vm, 'scripts', kindEvent, `tools.conf execScripts=false: no ${kind} scripts run.`);
    lab.scheduler.after(10, () => done(true, false, ''));
    return;
  }
  const code = exitCode(vm, kind);
  const path = scriptPath(vm, kind);
  if (code === null) {
    lab.log(vm, 'scripts', kindEvent, `No ${kind} script (${path}) and no backupScripts.d scripts: nothing to run.`);
    lab.scheduler.after(20, () => done(true, false, ''));
    return;
  }
  lab.log(vm, 'scripts', kindEvent, `Running "${path}" ${arg}.`);
  const ms = Math.round(lab.rng.between(800, 2500));
  lab.scheduler.after(ms, () => {
    const message = `"${path}" ${arg} exited with code ${code}`;
    if (code !== 0) lab.log(vm, 'scripts', kindEvent, `${message}: the quiesce fails.`, { severity: 'error' });
    done(code === 0, true, message);
  });
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
