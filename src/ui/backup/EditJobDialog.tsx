// "Edit backup job": what the job's runs do (quiescing, application-aware processing, log truncation,
// CBT), when it runs, which VMs it backs up, through which proxy, and how many restore points it keeps;
// applied with backup.configureJob. In the lab's past it says that OK also starts a new branch (asked once).
import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BackupJobView } from '../../engine/core/view';
import { configureBackupJob } from '../../app/commands';
import { useLab } from '../../app/store';
import { Dialog } from '../common/Dialog';
import { BranchNote, usePastBranch } from '../controls/BranchNote';
import { jobChanges, jobFieldsOf, jobProblems, type JobFields } from './jobForm';

export function EditJobDialog({ job, onClose }: { job: BackupJobView; onClose(): void }) {
  const [f, setF] = useState<JobFields>(() => jobFieldsOf(job));
  const set = <K extends keyof JobFields>(k: K, v: JobFields[K]) => setF((x) => ({ ...x, [k]: v }));
  const vms = useLab(useShallow((s) => s.state.vms.map((v) => `${v.id}\u0000${v.name}`)));
  // The proxies the lab's jobs use (the state view lists proxies through its jobs).
  const proxies = useLab(useShallow((s) => [...new Set(s.state.backupJobs.map((j) => j.proxy.id))]));
  const problems = jobProblems(f);
  const formId = useId();
  const branch = usePastBranch();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problems.length) return;
    const changes = jobChanges(job, f);
    onClose();
    if (Object.keys(changes).length) void configureBackupJob(job.id, changes, branch?.newBranch);
  };
  const toggleVm = (id: string, on: boolean) => set('vms', on ? [...f.vms, id] : f.vms.filter((v) => v !== id));
  return (
    <Dialog title="Edit backup job" onClose={onClose}
      footer={<>
        <button type="submit" form={formId} className="btn btn-primary" disabled={problems.length > 0}>OK</button>
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </>}>
      <form id={formId} className="form" onSubmit={submit}>
        <p className="muted small">{job.name}{job.running ? ': running now; a change waits until the run has ended.' : ''}</p>
        <fieldset>
          <legend>Processing</legend>
          <label className="check"><input type="checkbox" checked={f.quiesce} onChange={(e) => set('quiesce', e.target.checked)} data-autofocus />Quiesce guest (VMware Tools)</label>
          <label className="check"><input type="checkbox" checked={f.applicationAware} onChange={(e) => set('applicationAware', e.target.checked)} />Application-aware processing</label>
          <label className="check"><input type="checkbox" checked={f.truncateLogs} onChange={(e) => set('truncateLogs', e.target.checked)} />Truncate Exchange logs</label>
          <label className="check"><input type="checkbox" checked={f.cbt} onChange={(e) => set('cbt', e.target.checked)} />Use changed block tracking</label>
        </fieldset>
        <fieldset>
          <legend>Schedule</legend>
          <label className="field">Runs
            <select value={f.schedule} onChange={(e) => set('schedule', e.target.value as JobFields['schedule'])}>
              <option value="none">Only with Run now</option>
              <option value="daily">Daily</option>
              {jobFieldsOf(job).schedule === 'asIs' && <option value="asIs">As scheduled now</option>}
            </select>
          </label>
          {f.schedule === 'daily' && (
            <label className="field">Start time
              <input type="time" value={f.time} onChange={(e) => set('time', e.target.value)} required />
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>Virtual machines</legend>
          {vms.map((k) => {
            const [id, name] = k.split('\u0000');
            return <label className="check" key={id}><input type="checkbox" checked={f.vms.includes(id)} onChange={(e) => toggleVm(id, e.target.checked)} />{name}</label>;
          })}
        </fieldset>
        <label className="field">Backup proxy
          <select value={f.proxy} onChange={(e) => set('proxy', e.target.value)}>
            {proxies.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label className="field">Restore points to keep
          <input type="number" min={1} max={999} step={1} value={f.retainPoints} onChange={(e) => set('retainPoints', e.target.value)} />
        </label>
        {problems.map((p) => <p key={p} className="banner warn small" role="alert">{p}</p>)}
        <BranchNote branch={branch} answer="OK" />
      </form>
    </Dialog>
  );
}
