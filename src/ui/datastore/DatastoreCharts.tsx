// Recharts plots over simulated time (loaded lazily). They draw the page's sampled history of the
// state view; nothing here is computed beyond unit conversion.
import { memo, useDeferredValue, useMemo, useRef } from 'react';
import { useInView } from '../common/useInView';
import {
  Area, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart,
  Tooltip, XAxis, YAxis, ZAxis,
} from 'recharts';
import { useHistory } from '../../app/history';
import { formatSimTime } from '../../app/format';
import { amplificationPoints, deltaRows, logRows, spaceRows, type DeltaRow } from './chartData';

const COLORS = ['#0079b8', '#c92100', '#62a420', '#8939ad', '#e57200', '#00968b'];
const timeAxis = <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatSimTime(t, false)} minTickGap={40} fontSize={11} />;
const tooltipTime = (t: unknown) => formatSimTime(Number(t), false);

interface Props { datastore: string; vm: string | null; vmName: string }

export default memo(function DatastoreCharts({ datastore, vm, vmName }: Props) {
  // Off screen the charts keep their last picture; on screen they follow the samples, deferred so
  // React renders them in the background.
  const [box, inView] = useInView<HTMLDivElement>();
  const latest = useHistory((h) => h.samples);
  const shown = useRef(latest);
  if (inView) shown.current = latest;
  const samples = useDeferredValue(shown.current);
  const space = useMemo(() => spaceRows(samples, datastore), [samples, datastore]);
  const deltas = useMemo(() => (vm ? deltaRows(samples, vm) : { rows: [], disks: [] }), [samples, vm]);
  const logs = useMemo(() => (vm ? logRows(samples, vm) : { rows: [], truncations: [] }), [samples, vm]);
  const amp = useMemo(() => (vm ? amplificationPoints(samples, vm) : []), [samples, vm]);

  return (
    <div className="charts" ref={box}>
      <figure className="chart" aria-label={`Space used on ${datastore} against its capacity, by kind of file, over simulated time`}>
        <figcaption>{datastore}: used vs capacity (GB)</figcaption>
        <ResponsiveContainer width="100%" height={180}>
          <ComposedChart data={space} margin={{ top: 6, right: 12, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {timeAxis}
            <YAxis fontSize={11} width={48} />
            <Tooltip labelFormatter={tooltipTime} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Area type="stepAfter" dataKey="base" name="Base disks" stackId="u" stroke={COLORS[0]} fill={COLORS[0]} isAnimationActive={false} />
            <Area type="stepAfter" dataKey="deltas" name="Deltas" stackId="u" stroke={COLORS[4]} fill={COLORS[4]} isAnimationActive={false} />
            <Area type="stepAfter" dataKey="memory" name="Memory" stackId="u" stroke={COLORS[3]} fill={COLORS[3]} isAnimationActive={false} />
            <Area type="stepAfter" dataKey="other" name="Other" stackId="u" stroke="#8c8c8c" fill="#b3b3b3" isAnimationActive={false} />
            <Line type="stepAfter" dataKey="capacity" name="Capacity" stroke={COLORS[1]} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart" aria-label={`Delta file size per disk of ${vmName} over simulated time`}>
        <figcaption>{vmName}: delta size per disk (MB)</figcaption>
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={deltas.rows} margin={{ top: 6, right: 12, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {timeAxis}
            <YAxis fontSize={11} width={48} />
            <Tooltip labelFormatter={tooltipTime} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {deltas.disks.map((d, i) => <Line key={d} type="stepAfter" name={d} dataKey={(row: DeltaRow) => row.mb.get(d) ?? null} stroke={COLORS[i % COLORS.length]} dot={false} isAnimationActive={false} />)}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      {logs.rows.length > 0 && (
        <figure className="chart" aria-label={`Exchange transaction log size on ${vmName}, with log truncations marked`}>
          <figcaption>{vmName}: Exchange logs (MB), truncations marked</figcaption>
          <ResponsiveContainer width="100%" height={180}>
            <LineChart data={logs.rows} margin={{ top: 6, right: 12, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              {timeAxis}
              <YAxis fontSize={11} width={48} />
              <Tooltip labelFormatter={tooltipTime} />
              {logs.truncations.map((t) => <ReferenceLine key={t} x={t} stroke={COLORS[2]} strokeDasharray="4 2" label={{ value: 'truncated', fontSize: 10, position: 'top' }} />)}
              <Line type="stepAfter" dataKey="logMB" name="Log size" stroke={COLORS[3]} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
      <figure className="chart" aria-label={`Read amplification against chain depth for the disks of ${vmName}`}>
        <figcaption>{vmName}: read amplification vs chain depth</figcaption>
        <ResponsiveContainer width="100%" height={180}>
          <ScatterChart margin={{ top: 6, right: 12, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="depth" type="number" name="Chain depth" allowDecimals={false} fontSize={11} />
            <YAxis dataKey="amplification" type="number" name="Files read per I/O" fontSize={11} width={48} />
            <ZAxis range={[40, 40]} />
            <Tooltip cursor={{ strokeDasharray: '3 3' }} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {amp.map((d, i) => <Scatter key={d.disk} name={d.disk} data={d.points} fill={COLORS[i % COLORS.length]} line isAnimationActive={false} />)}
          </ScatterChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
});
