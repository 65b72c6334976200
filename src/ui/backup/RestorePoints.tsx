// Restore points per VM (what the jobs' good runs wrote to the repositories), each with "Restore…",
// the repositories' space, and VMs running from a backup with a "Datastore", a "Virtual disk format" and "Migrate to production". All from the
// state view's restorePoints, repositories and vms[].instantRecovery.
import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/store';
import { migrateVm } from '../../app/commands';
import { formatBytes, formatSimTime } from '../../app/format';
import { RestoreDialog } from './RestoreDialog';

export function RestorePoints() {
  const points = useLab((s) => s.state.restorePoints ?? []);
  const repositories = useLab((s) => s.state.repositories ?? []);
  const names = useLab(useShallow((s) => Object.fromEntries(s.state.vms.map((v) => [v.id, v.name]))));
  const [restoring, setRestoring] = useState<string | null>(null);
  const picked = points.find((p) => p.id === restoring);
  return (
    <section className="restore-points" aria-labelledby="restore-points-title">
      <h3 id="restore-points-title">Restore points</h3>
      <p className="muted small">
        {repositories.map((r) => `${r.name}: ${formatBytes(r.usedBytes)} of ${formatBytes(r.capacityBytes)} used`).join(' · ')}
      </p>
      {points.length === 0 ? <p className="muted">No restore points yet: a good backup run writes one per VM.</p> : (
        <div className="table-scroll" tabIndex={0} role="group" aria-label="Restore points">
          <table className="grid">
            <thead>
              <tr><th scope="col">VM</th><th scope="col">Point</th><th scope="col">Time</th><th scope="col">Kind</th><th scope="col">Size</th><th scope="col">Consistency</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.id}>
                  <td>{names[p.vm] ?? p.vm}</td>
                  <td>{p.id}</td>
                  <td>{formatSimTime(p.time, false)}</td>
                  <td>{p.kind}</td>
                  <td>{formatBytes(p.bytes)}</td>
                  <td>{p.consistency}{p.applicationAware ? ' (application-aware)' : ''}</td>
                  <td><button type="button" className="btn" aria-label={`Restore… ${names[p.vm] ?? p.vm} from ${p.id}`} onClick={() => setRestoring(p.id)}>Restore…</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InstantVms />
      {picked && <RestoreDialog point={picked} vmName={names[picked.vm] ?? picked.vm} onClose={() => setRestoring(null)} />}
    </section>
  );
}

/** The "Relocate virtual machine" task a migration runs as, while it runs: its progress. */
const MIGRATE_TASK = 'Relocate virtual machine';

const InstantVms = memo(function InstantVms() {
  const vms = useLab(useShallow((s) => s.state.vms.filter((v) => v.instantRecovery).map((v) => {
    const moving = s.state.tasks.find((t) => t.vm === v.id && t.name === MIGRATE_TASK && (t.state === 'running' || t.state === 'queued'));
    const source = [...new Set(Object.values(v.instantRecovery!.sourceDiskFormats ?? {}))].join(' and ');
    // The engine's default target: the datastore of the VM the backup was taken of.
    const home = s.state.vms.find((o) => o.id === v.instantRecovery!.source)?.datastore ?? '';
    return `${v.id}\u0000${v.name}\u0000${v.datastore}\u0000${moving ? moving.progress : ''}\u0000${source}\u0000${home}`;
  })));
  // Production storage: every datastore but the repositories' own NFS datastores (as Restore VM lists them).
  const targets = useLab(useShallow((s) => s.state.datastores.filter((d) => d.fs !== 'nfs' || !s.state.repositories?.some((r) => r.id === d.id))
    .map((d) => `${d.id}\u0000${formatBytes(d.freeBytes)}`)));
  if (vms.length === 0) return null;
  return (
    <ul className="instant-vms">
      {vms.map((k) => {
        const [id, name, ds, progress, source, home] = k.split('\u0000');
        return <InstantVm key={id} id={id} name={name} ds={ds} progress={progress} source={source} home={home} targets={targets} />;
      })}
    </ul>
  );
});

/** The target disk format, in the words of the vSphere Client's "Select a disk format" (restore rule 7). */
const FORMATS = [['sameAsSource', 'Same format as source'], ['thin', 'Thin provisioned format'], ['thick', 'Thick format']] as const;
type Format = (typeof FORMATS)[number][0];

interface InstantVmProps { id: string; name: string; ds: string; progress: string; source: string; home: string; targets: string[] }

function InstantVm({ id, name, ds, progress, source, home, targets }: InstantVmProps) {
  const [format, setFormat] = useState<Format>('sameAsSource');
  const ids = targets.map((t) => t.split('\u0000')[0]);
  const [picked, setPicked] = useState<string | null>(null);
  // The learner's choice while it is still a datastore of the lab; else the original VM's, else the first.
  const datastore = picked !== null && ids.includes(picked) ? picked : ids.includes(home) ? home : ids[0] ?? '';
  return (
    <li>
      {name} runs from the backup on {ds} (Instant VM Recovery): its writes go to redo logs.{' '}
      {progress === '' ? (
        <>
          <label className="inline-field">Datastore{' '}
            <select aria-label={`Datastore: ${name}`} value={datastore} onChange={(e) => setPicked(e.target.value)}>
              {targets.map((t) => {
                const [d, free] = t.split('\u0000');
                return <option key={d} value={d}>{`${d} (${free} free)${d === home ? ', the original VM\'s' : ''}`}</option>;
              })}
            </select>
          </label>{' '}
          <label className="inline-field">Virtual disk format{' '}
            <select aria-label={`Virtual disk format: ${name}`} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              {FORMATS.map(([v, label]) => <option key={v} value={v}>{v === 'sameAsSource' && source ? `${label} (${source})` : label}</option>)}
            </select>
          </label>{' '}
          <button type="button" className="btn" aria-label={`Migrate to production: ${name}`}
            onClick={() => void migrateVm(id, datastore || undefined, format === 'sameAsSource' ? undefined : format)}>Migrate to production</button>
        </>
      ) : <span role="status">Migrating to production storage… {progress} %</span>}
    </li>
  );
}
