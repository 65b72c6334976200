// The "Backup jobs" region (docs/api.md, "What a person sees"; shown only when the lab has jobs): each job with its
// proxy and schedule, a "Run now" button, and its runs, newest first, with per-VM results and the
// selected run's timeline. Everything shown comes from the state view's backupJobs.
import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/store';
import { runBackupJob } from '../../app/commands';
import { formatBytes, formatDuration, formatSimTime } from '../../app/format';
import { Region } from '../common/Region';
import { EditJobDialog } from './EditJobDialog';
import { EditProxyDialog } from './EditProxyDialog';
import { RunTimeline } from './RunTimeline';
import { RestorePoints } from './RestorePoints';
import { describeSchedule, describeSlots, STATE_LABEL } from './labels';
import './backup.css';

export function BackupJobs({ id }: { id?: string }) {
  const ids = useLab(useShallow((s) => (s.state.backupJobs ?? []).map((j) => j.id)));
  if (ids.length === 0) return null;
  return (
    <Region name="Backup jobs" className="backup-jobs" id={id}>
      {ids.map((id) => <JobCard key={id} id={id} />)}
      <RestorePoints />
    </Region>
  );
}

const JobCard = memo(function JobCard({ id }: { id: string }) {
  const job = useLab((s) => s.state.backupJobs.find((j) => j.id === id));
  const now = useLab((s) => s.state.time);
  const [picked, setPicked] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [editingProxy, setEditingProxy] = useState(false);
  // VMs by the names the inventory shows (EXCH01, not exch01).
  const vms = useLab((s) => s.state.vms);
  const vmName = (vm: string) => vms.find((v) => v.id === vm)?.name ?? vm;
  if (!job) return null;
  const runs = [...job.runs].reverse();
  const shown = runs.find((r) => r.id === picked) ?? runs[0];
  return (
    <article className="job" aria-labelledby={`job-${id}`}>
      <header className="job-head">
        <h3 id={`job-${id}`}>{job.name}</h3>
        <span className="muted">
          {job.vms.map(vmName).join(', ')} · {job.proxy.id} ({job.proxy.transport}, {job.proxy.MBps} MB/s, {describeSlots(job)}) · {describeSchedule(job)}
          {job.nextRunAt !== null && <> · next run {formatSimTime(job.nextRunAt, false)}</>}
          {' · '}{job.quiesce ? 'quiesced (VSS COPY)' : 'not quiesced'}{job.cbt ? ', CBT' : ', no CBT'}{job.truncateLogs ? ', truncates Exchange logs' : ''}
        </span>
        <button type="button" className="btn btn-primary run-now" onClick={() => void runBackupJob(id)} disabled={job.running}>
          {job.running ? 'Running…' : 'Run now'}
        </button>
        <button type="button" className="btn" onClick={() => setEditing(true)}>Edit job…</button>
        <button type="button" className="btn" aria-label={`Edit proxy… ${job.proxy.id}`} onClick={() => setEditingProxy(true)}>Edit proxy…</button>
        {editing && <EditJobDialog job={job} onClose={() => setEditing(false)} />}
        {editingProxy && <EditProxyDialog job={job} onClose={() => setEditingProxy(false)} />}
      </header>
      {shown && <RunTimeline run={shown} now={now} vmName={vmName} />}
      {runs.length === 0 ? <p className="muted">No runs yet.</p> : (
        <div className="table-scroll" tabIndex={0} role="group" aria-label={`Runs of ${job.name}`}>
          <table className="grid runs-grid">
            <thead>
              <tr><th scope="col">Run</th><th scope="col">Start</th><th scope="col">Duration</th><th scope="col">Result</th><th scope="col">VM</th><th scope="col">Mode</th><th scope="col">Read</th><th scope="col">Details</th></tr>
            </thead>
            <tbody>
              {runs.map((r) => (r.vms.length ? r.vms : [null]).map((v, i) => (
                <tr key={`${r.id}-${v?.vm ?? 'none'}`} className={`run run-${r.state}${shown?.id === r.id ? ' selected' : ''}`}>
                  {i === 0 && (
                    <>
                      <td rowSpan={Math.max(1, r.vms.length)}>
                        <button type="button" className="link" aria-pressed={shown?.id === r.id} onClick={() => setPicked(r.id)}
                          aria-label={`Show the timeline of run ${r.number}`}>#{r.number}</button>
                      </td>
                      <td rowSpan={Math.max(1, r.vms.length)}>{formatSimTime(r.start, false)}</td>
                      <td rowSpan={Math.max(1, r.vms.length)}>{formatDuration((r.end ?? now) - r.start)}</td>
                      <td rowSpan={Math.max(1, r.vms.length)}><span className={`status status-${r.state}`}>{STATE_LABEL[r.state]}</span></td>
                    </>
                  )}
                  {v ? (
                    <>
                      <td>{vmName(v.vm)} <span className={`status status-${v.state}`}>{STATE_LABEL[v.state]}</span></td>
                      <td>{v.mode === 'full' ? 'Full' : 'Incremental'}</td>
                      <td>{formatBytes(v.bytesRead)}</td>
                      <td className="run-message">{v.message}</td>
                    </>
                  ) : <td colSpan={4} className="muted">Starting…</td>}
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
});
