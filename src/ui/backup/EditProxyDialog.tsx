// "Edit backup proxy": the proxy's "Max concurrent tasks" (its task slots, backup rule 24), as a
// Veeam administrator sets it in the proxy's settings; applied with backup.configureProxy. The form
// refuses what the engine would (a whole number from 1 to 64) and says why before anything is sent. In
// the lab's past it says that OK also starts a new branch (asked once).
import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BackupJobView } from '../../engine/core/view';
import { configureBackupProxy } from '../../app/commands';
import { useLab } from '../../app/store';
import { Dialog } from '../common/Dialog';
import { BranchNote, usePastBranch } from '../controls/BranchNote';
import { MAX_TASKS, MIN_TASKS, parseMaxTasks } from './proxyForm';

export function EditProxyDialog({ job, onClose }: { job: BackupJobView; onClose(): void }) {
  const proxy = job.proxy;
  const [text, setText] = useState(String(proxy.slots));
  // The jobs that share this proxy share its slots.
  const jobs = useLab(useShallow((s) => s.state.backupJobs.filter((j) => j.proxy.id === proxy.id).map((j) => j.name)));
  const parsed = parseMaxTasks(text);
  const problem = 'problem' in parsed ? parsed.problem : null;
  const formId = useId();
  const errorId = useId();
  const helpId = useId();
  const branch = usePastBranch();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!('slots' in parsed)) return;
    onClose();
    if (parsed.slots !== proxy.slots) void configureBackupProxy(proxy.id, parsed.slots, branch?.newBranch);
  };
  return (
    <Dialog title="Edit backup proxy" onClose={onClose}
      footer={<>
        <button type="submit" form={formId} className="btn btn-primary" disabled={problem !== null}>OK</button>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </>}>
      <form id={formId} className="form" onSubmit={submit} noValidate>
        <p className="muted small">VMware backup proxy {proxy.id} ({proxy.transport}, {proxy.MBps} MB/s), used by {jobs.join(', ')}</p>
        <label className="field">Max concurrent tasks
          <input type="number" inputMode="numeric" min={MIN_TASKS} max={MAX_TASKS} step={1} value={text} onChange={(e) => setText(e.target.value)}
            aria-invalid={problem !== null} aria-describedby={problem ? `${errorId} ${helpId}` : helpId} data-autofocus />
        </label>
        <p id={helpId} className="muted small">
          Each task reads one VM disk: a VM starts when a task is free, and its other disks take the next ones.
          Veeam recommends one CPU core per task. A change applies to tasks that have not started yet.
          {!job.parallelProcessing && ' Parallel processing is off in this lab: VMs are processed one after another whatever this number.'}
        </p>
        {problem && <p id={errorId} className="banner warn small" role="alert">{problem}</p>}
        <BranchNote branch={branch} answer="OK" />
      </form>
    </Dialog>
  );
}
