// Recharts plots over simulated time (loaded lazily). They draw the lab's usage history as the worker
// sends it (the engine's samples, then the moment shown); nothing here is computed beyond unit conversion.
import { memo, useDeferredValue, useMemo, useState, type ReactElement } from 'react';
import { useInView } from '../common/useInView';
import {
  Area, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart,
  Tooltip, XAxis, YAxis, ZAxis,
} from 'recharts';
import { useLab } from '../../app/store';
import { useShallow } from 'zustand/react/shallow';
import { diskName } from '../common/diskName';
import { formatSimTime } from '../../app/format';
import { amplificationPoints, deltaRows, logRows, spaceRows, type DeltaRow } from './chartData';

const COLORS = ['#0079b8', '#c92100', '#62a420', '#8939ad', '#e57200', '#00968b'];
const timeAxis = <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatSimTime(t, false)} minTickGap={40} fontSize={11} />;
const tooltipTime = (t: unknown) => formatSimTime(Number(t), false);
const margin = { top: 6, right: 12, left: 0, bottom: 0 };
// The grid and axes every plot over simulated time shares (Recharts reads through fragments).
const overTime = (
  <>
    <CartesianGrid strokeDasharray="3 3" />
    {timeAxis}
    <YAxis fontSize={11} width={48} />
    <Tooltip labelFormatter={tooltipTime} />
  </>
);

/** One plot: a figure named for screen readers, its caption, and a chart as wide as the panel. */
function ChartFigure({ label, caption, children }: { label: string; caption: string; children: ReactElement }) {
  return (
    <figure className="chart" aria-label={label}>
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={180}>{children}</ResponsiveContainer>
    </figure>
  );
}

interface Props { datastore: string; vm: string | null; vmName: string }

export default memo(function DatastoreCharts({ datastore, vm, vmName }: Props) {
  // Off screen the charts keep their last picture; on screen they follow the worker's chart posts,
  // deferred so React renders them in the background.
  const [box, inView] = useInView<HTMLDivElement>();
  const latest = useLab((s) => s.charts.points);
  const [kept, keep] = useState(latest);
  if (inView && kept !== latest) keep(latest);
  const samples = useDeferredValue(inView ? latest : kept);
  const space = useMemo(() => spaceRows(samples, datastore), [samples, datastore]);
  const deltas = useMemo(() => (vm ? deltaRows(samples, vm) : { rows: [], disks: [] }), [samples, vm]);
  const logs = useMemo(() => (vm ? logRows(samples, vm) : { rows: [], truncations: [] }), [samples, vm]);
  const amp = useMemo(() => (vm ? amplificationPoints(samples, vm) : []), [samples, vm]);
  // The legend names disks as the page does ("Hard disk 1"), not by the lab file's ids.
  const diskLabels = useLab(useShallow((s) => s.state.vms.find((v) => v.id === vm)?.disks.map((d) => `${d.id}\u0000${diskName(d)}`) ?? []));
  const named = (id: string) => diskLabels.find((l) => l.startsWith(`${id}\u0000`))?.split('\u0000')[1] ?? id;

  return (
    <div className="charts" ref={box}>
      <ChartFigure label={`Space used on ${datastore} against its capacity, by kind of file, over simulated time`} caption={`${datastore}: used vs capacity (GB)`}>
          <ComposedChart data={space} margin={margin}>
            {overTime}
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Area type="stepAfter" dataKey="base" name="Base disks" stackId="u" stroke={COLORS[0]} fill={COLORS[0]} isAnimationActive={false} />
            <Area type="stepAfter" dataKey="deltas" name="Deltas" stackId="u" stroke={COLORS[4]} fill={COLORS[4]} isAnimationActive={false} />
            <Area type="stepAfter" dataKey="memory" name="Memory" stackId="u" stroke={COLORS[3]} fill={COLORS[3]} isAnimationActive={false} />
            <Area type="stepAfter" dataKey="other" name="Other" stackId="u" stroke="#8c8c8c" fill="#b3b3b3" isAnimationActive={false} />
            <Line type="stepAfter" dataKey="capacity" name="Capacity" stroke={COLORS[1]} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
          </ComposedChart>
      </ChartFigure>
      <ChartFigure label={`Delta file size per disk of ${vmName} over simulated time`} caption={`${vmName}: delta size per disk (MB)`}>
          <LineChart data={deltas.rows} margin={margin}>
            {overTime}
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {deltas.disks.map((d, i) => <Line key={d} type="stepAfter" name={named(d)} dataKey={(row: DeltaRow) => row.mb.get(d) ?? null} stroke={COLORS[i % COLORS.length]} dot={false} isAnimationActive={false} />)}
          </LineChart>
      </ChartFigure>
      {logs.rows.length > 0 && (
        <ChartFigure label={`Exchange transaction log size on ${vmName}, with log truncations marked`} caption={`${vmName}: Exchange logs (MB), truncations marked`}>
            <LineChart data={logs.rows} margin={margin}>
              {overTime}
              {logs.truncations.map((t) => <ReferenceLine key={t} x={t} stroke={COLORS[2]} strokeDasharray="4 2" label={{ value: 'truncated', fontSize: 10, position: 'top' }} />)}
              <Line type="stepAfter" dataKey="logMB" name="Log size" stroke={COLORS[3]} dot={false} isAnimationActive={false} />
            </LineChart>
        </ChartFigure>
      )}
      <ChartFigure label={`Read amplification against chain depth for the disks of ${vmName}`} caption={`${vmName}: read amplification vs chain depth`}>
          <ScatterChart margin={margin}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="depth" type="number" name="Chain depth" allowDecimals={false} fontSize={11} />
            <YAxis dataKey="amplification" type="number" name="Files read per I/O" fontSize={11} width={48} />
            <ZAxis range={[40, 40]} />
            <Tooltip cursor={{ strokeDasharray: '3 3' }} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {amp.map((d, i) => <Scatter key={d.disk} name={named(d.disk)} data={d.points} fill={COLORS[i % COLORS.length]} line isAnimationActive={false} />)}
          </ScatterChart>
      </ChartFigure>
    </div>
  );
});
