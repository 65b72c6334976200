// Two branches of the lab's history side by side: each datastore's used space over time on both, so a
// learner sees what "consolidated" cost against "reverted". The numbers are the worker's samples.
import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Dialog } from '../common/Dialog';
import { useLab } from '../../app/store';
import { branchUsage } from '../../app/commands';
import { formatBytes, formatSimTime } from '../../app/format';
import type { UsageAnswer } from '../../worker/protocol';

const COLORS = ['#0079b8', '#e57200'];

export function CompareBranches({ onClose }: { onClose(): void }) {
  const history = useLab((s) => s.history);
  const branches = history?.branches ?? [];
  const current = branches.find((b) => b.current);
  const [a, setA] = useState(current?.id ?? '');
  const [b, setB] = useState(current?.parent ?? branches.find((x) => !x.current)?.id ?? '');
  const [usage, setUsage] = useState<UsageAnswer | null>(null);
  useEffect(() => {
    let live = true;
    void branchUsage([a, b]).then((u) => { if (live) setUsage(u); });
    return () => { live = false; };
  }, [a, b]);
  const name = (id: string) => branches.find((x) => x.id === id)?.label ?? id;
  const pick = (label: string, value: string, set: (v: string) => void) => (
    <label className="compare-pick">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>
        {branches.map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}
      </select>
    </label>
  );
  return (
    <Dialog title="Compare branches" wide onClose={onClose}
      footer={<button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>OK</button>}>
      <div className="compare-picks">{pick('First branch', a, setA)}{pick('Second branch', b, setB)}</div>
      {usage?.datastores.map((ds, i) => (
        <figure key={ds} className="chart" aria-label={`Space used on ${ds}: ${name(a)} against ${name(b)}`}>
          <figcaption>{ds}: space used on each branch</figcaption>
          <ResponsiveContainer width="100%" height={200}>
            <LineChart margin={{ top: 6, right: 12, left: 8, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatSimTime(t, false)} minTickGap={40} fontSize={11} />
              <YAxis dataKey="used" domain={['auto', 'auto']} tickFormatter={(v: number) => formatBytes(v)} fontSize={11} width={64} />
              <Tooltip labelFormatter={(t) => formatSimTime(Number(t), false)} formatter={(v) => formatBytes(Number(v))} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {usage.series.map((s, k) => (
                <Line key={s.branch} name={name(s.branch)} type="stepAfter" dataKey="used" stroke={COLORS[k % 2]} dot={false} isAnimationActive={false}
                  data={s.samples.map((x) => ({ t: x.time, used: x.used[i] }))} />
              ))}
            </LineChart>
          </ResponsiveContainer>
          <p className="muted">{usage.series.map((s) => {
            const last = s.samples[s.samples.length - 1];
            return last ? `${name(s.branch)}: ${formatBytes(last.used[i])} at ${formatSimTime(last.time, false)}` : `${name(s.branch)}: no samples yet`;
          }).join(' · ')}</p>
        </figure>
      ))}
      {usage && usage.series.every((s) => s.samples.length === 0) && <p>Neither branch has run long enough to chart yet.</p>}
    </Dialog>
  );
}
