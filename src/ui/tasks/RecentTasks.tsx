// The "Recent Tasks" region: vSphere's task list, newest first.
import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatSimTime } from '../../app/format';
import { useLab } from '../../app/store';
import { Region } from '../common/Region';

const SHOWN = 60;
const STATUS: Record<string, string> = { queued: 'Queued', running: 'In Progress', success: 'Completed', error: 'Failed' };

export function RecentTasks() {
  const ids = useLab(useShallow((s) => s.state.tasks.slice(-SHOWN).map((t) => t.id).reverse()));
  // The list takes only the rows it has (a few, then it scrolls); empty, it is one line.
  const [open, setOpen] = useState(true);
  const empty = ids.length === 0;
  const tools = empty ? <span className="muted small">No tasks yet.</span> : (
    <button type="button" className="btn btn-ghost btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
      {open ? 'Hide' : `Show ${ids.length} task${ids.length === 1 ? '' : 's'}`}
    </button>
  );
  return (
    <Region name="Recent Tasks" className={`tasks ${empty || !open ? 'tasks-folded' : ''}`} tools={tools}>
      {empty || !open ? null : (
        <div className="table-scroll" tabIndex={0} role="group" aria-label="Task list">
          <table className="grid tasks-grid">
            <thead>
              <tr><th scope="col">Task Name</th><th scope="col">Target</th><th scope="col">Status</th><th scope="col">Details</th><th scope="col">Start Time</th><th scope="col">Completion Time</th></tr>
            </thead>
            <tbody>{ids.map((id) => <TaskRow key={id} id={id} />)}</tbody>
          </table>
        </div>
      )}
    </Region>
  );
}

const TaskRow = memo(function TaskRow({ id }: { id: string }) {
  const t = useLab((s) => s.state.tasks.find((x) => x.id === id));
  if (!t) return null;
  return (
    <tr className={`task task-${t.state}`}>
      <td>{t.name}</td>
      <td>{t.target}</td>
      <td className="task-status">
        {t.state === 'running' ? (
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={t.progress} aria-label={`${t.name} progress`}>
            <span style={{ width: `${t.progress}%` }} /><em>{t.progress}%</em>
          </div>
        ) : <span className={`status status-${t.state}`}>{STATUS[t.state]}</span>}
      </td>
      <td className="task-error">{t.error?.message ?? ''}</td>
      <td>{t.startedAt === null ? '' : formatSimTime(t.startedAt, false)}</td>
      <td>{t.completedAt === null ? '' : formatSimTime(t.completedAt, false)}</td>
    </tr>
  );
});
