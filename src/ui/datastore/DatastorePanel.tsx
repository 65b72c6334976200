// The "Datastore" region: capacity, the file browser and the charts for the selected VM's datastore.
import { lazy, useState } from 'react';
import { formatBytes } from '../../app/format';
import { useLab, useSelectedVm } from '../../app/store';
import { Region } from '../common/Region';
import { FileBrowser } from './FileBrowser';
import { IncreaseDialog } from './IncreaseDialog';
import { SnapshotCostTable } from './SnapshotCostTable';

const DatastoreCharts = lazy(() => import('./DatastoreCharts'));

export function DatastorePanel({ id }: { id?: string }) {
  const vm = useSelectedVm();
  const dsId = useLab((s) => s.state.vms.find((v) => v.id === s.selectedVm)?.datastore ?? s.state.datastores[0]?.id);
  const ds = useLab((s) => s.state.datastores.find((d) => d.id === dsId));
  const [onlyVm, setOnlyVm] = useState(true);
  const [increasing, setIncreasing] = useState(false);
  if (!ds) return <Region name="Datastore" id={id}><p className="muted">No datastore.</p></Region>;
  const usedPct = (ds.usedBytes / ds.capacityBytes) * 100;
  const full = ds.freeBytes <= 0;
  return (
    <Region name="Datastore" id={id} title={`Datastore ${ds.id}`} className="datastore">
      <div className="ds-summary">
        <div className="capacity">
          <div className="capacity-text">
            <strong>{formatBytes(ds.usedBytes)}</strong> used of {formatBytes(ds.capacityBytes)} · {formatBytes(ds.freeBytes)} free · {ds.fs.toUpperCase()}
            {full && <span className="badge badge-err">Full</span>}
          </div>
          <div className={`capacity-bar ${usedPct > 90 ? 'crit' : usedPct > 75 ? 'warn' : ''}`} role="meter" aria-valuemin={0} aria-valuemax={100}
            aria-valuenow={Math.round(usedPct)} aria-label={`${ds.id} used space`}>
            <span style={{ width: `${Math.min(100, usedPct)}%` }} />
          </div>
        </div>
        <button type="button" className="btn" onClick={() => setIncreasing(true)}>Increase…</button>
        {increasing && <IncreaseDialog ds={ds} onClose={() => setIncreasing(false)} />}
      </div>
      <SnapshotCostTable files={ds.files} />
      <div className="ds-columns">
        <div className="ds-files">
          <div className="subhead">
            <h3>Files</h3>
            <label className="check small">
              <input type="checkbox" checked={onlyVm && !!vm} disabled={!vm} onChange={(e) => setOnlyVm(e.target.checked)} />
              Only {vm?.name ?? 'this VM'}
            </label>
          </div>
          <FileBrowser files={ds.files} vm={onlyVm && vm ? vm.id : null} />
        </div>
        <div className="ds-charts">
          <DatastoreCharts datastore={ds.id} vm={vm?.id ?? null} vmName={vm?.name ?? ''} />
        </div>
      </div>
    </Region>
  );
}
