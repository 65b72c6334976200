// Two branches of the lab's history side by side: each datastore's used space over time on both, so a
// learner sees what "consolidated" cost against "reverted". The numbers are the worker's samples.
import { useEffect, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Dialog } from '../common/Dialog';
import { useLab } from '../../app/store';
import { branchUsage } from '../../app/commands';
import { formatBytes, formatSimTime } from '../../app/format';
import type { UsageAnswer } from '../../worker/protocol';

/**
 * How each compared branch is drawn: a colour, a dash pattern and a marker of its own, so the two stay
 * apart where they overlap (the shared past), in print, and for a learner who does not tell the colours
 * apart. The first is drawn wider and under the second, so a dashed line over a solid one shows both.
 */
export const BRANCH_STYLES = [
  { color: '#0072b2', dash: undefined, width: 4, marker: 'circle' },
  { color: '#d55e00', dash: '7 4', width: 2, marker: 'square' },
] as const;
type BranchStyle = (typeof BRANCH_STYLES)[number];
/** About this many markers along a line: enough to follow it, few enough to read. */
const MARKERS_PER_LINE = 8;

function Mark({ x, y, style }: { x: number; y: number; style: BranchStyle }) {
  return style.marker === 'circle'
    ? <circle cx={x} cy={y} r={4.5} fill={style.color} stroke="var(--panel)" strokeWidth={1} />
    : <rect x={x - 4} y={y - 4} width={8} height={8} fill={style.color} stroke="var(--panel)" strokeWidth={1} />;
}

const GiB = 1024 ** 3;
/**
 * The axis in GB with a decimal when the branches differ by a few GB on a big datastore: whole GB would
 * write the same label on two ticks ("342 GB", "342 GB").
 */
function axisBytes(values: number[]): (v: number) => string {
  const span = values.length ? Math.max(...values) - Math.min(...values) : 0;
  const big = values.some((v) => v >= 100 * GiB);
  return big && span < 20 * GiB ? (v) => `${(v / GiB).toFixed(span < 2 * GiB ? 2 : 1)} GB` : (v) => formatBytes(v);
}

/** The legend's key: a short stretch of the line with its marker. */
function Key({ style }: { style: BranchStyle }) {
  return (
    <svg width="44" height="14" aria-hidden="true">
      <line x1="2" y1="7" x2="42" y2="7" stroke={style.color} strokeWidth={style.width} strokeDasharray={style.dash} />
      <Mark x={22} y={7} style={style} />
    </svg>
  );
}

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
              <YAxis dataKey="used" domain={['auto', 'auto']} tickFormatter={axisBytes(usage.series.flatMap((s) => s.samples.map((x) => x.used[i])))} fontSize={11} width={72} />
              <Tooltip labelFormatter={(t) => formatSimTime(Number(t), false)} formatter={(v) => formatBytes(Number(v))} />
              {usage.series.map((s, k) => {
                const style = BRANCH_STYLES[k % BRANCH_STYLES.length];
                const every = Math.max(1, Math.ceil(s.samples.length / MARKERS_PER_LINE));
                // Markers of the second line sit half a step later, so they never hide the first's.
                const offset = k % 2 === 1 ? Math.floor(every / 2) : 0;
                return (
                  <Line key={`${k}-${s.branch}`} name={name(s.branch)} type="stepAfter" dataKey="used" stroke={style.color} strokeWidth={style.width}
                    strokeDasharray={style.dash} isAnimationActive={false} activeDot={{ r: 5 }}
                    dot={(p: { cx?: number; cy?: number; index?: number }) => (p.index !== undefined && (p.index - offset) % every === 0 && p.cx !== undefined && p.cy !== undefined
                      ? <Mark key={p.index} x={p.cx} y={p.cy} style={style} /> : <g key={p.index} />)}
                    data={s.samples.map((x) => ({ t: x.time, used: x.used[i] }))} />
                );
              })}
            </LineChart>
          </ResponsiveContainer>
          <ul className="compare-legend" aria-label="Key">
            {usage.series.map((s, k) => (
              <li key={`${k}-${s.branch}`}><Key style={BRANCH_STYLES[k % BRANCH_STYLES.length]} />{k === 0 ? 'First' : 'Second'}: {name(s.branch)}</li>
            ))}
          </ul>
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
