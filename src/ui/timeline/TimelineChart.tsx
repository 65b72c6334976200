// One quiesce drawn as swimlanes: phases as bars, events as markers, the 10-second hold window as a
// dashed frame, each writer's freeze limit as a faint frame, failures in red. Markers take focus;
// focus or hover shows the event's message.
import { useState } from 'react';
import type { EventView } from '../../engine/core/view';
import { formatDuration, formatSimTime } from '../../app/format';
import { useWidth } from '../common/useWidth';
import { HOLD_LIMIT_MS } from '../../engine/core/vssLimits';
import { failureCode, isFailure, phasesOf, type Episode, type Lane } from './episodes';

const LABEL_W = 130;
const LANE_H = 30;
const AXIS_H = 24;

interface Props { episode: Episode; lanes: Lane[]; now: number; freezeLimits?: Map<string, number> }

export function TimelineChart({ episode, lanes, now, freezeLimits }: Props) {
  const [box, width] = useWidth<HTMLDivElement>();
  const [active, setActive] = useState<EventView | null>(null);
  const phases = phasesOf(episode);
  const hold = phases.find((p) => p.hold);
  const end = Math.max(episode.end ?? now, hold ? hold.from + HOLD_LIMIT_MS : 0, episode.start + 1);
  const span = end - episode.start;
  const pad = span * 0.04;
  const t0 = episode.start - pad;
  const t1 = end + pad;
  const plotW = width - LABEL_W - 12;
  const x = (t: number) => LABEL_W + ((t - t0) / (t1 - t0)) * plotW;
  const laneIndex = new Map(lanes.map((l, i) => [l.key, i]));
  const y = (lane: string) => AXIS_H + (laneIndex.get(lane) ?? 0) * LANE_H;
  const height = AXIS_H + lanes.length * LANE_H + 4;
  const tickCount = Math.max(2, Math.min(6, Math.floor(plotW / 90)));
  const ticks = Array.from({ length: tickCount + 1 }, (_, i) => episode.start + (span * i) / tickCount);

  return (
    <div ref={box} className="timeline-chart">
      <svg width={width} height={height} role="group" aria-label={`Quiesce at ${formatSimTime(episode.start, false)}`}>
        {ticks.map((t) => (
          <g key={t} className="tick">
            <line x1={x(t)} x2={x(t)} y1={AXIS_H - 4} y2={height} />
            <text x={x(t)} y={AXIS_H - 8} textAnchor="middle">+{formatDuration(t - episode.start)}</text>
          </g>
        ))}
        {lanes.map((l, i) => (
          <g key={l.key} className="lane">
            <rect x={0} y={AXIS_H + i * LANE_H} width={width} height={LANE_H} className={i % 2 ? 'lane-odd' : 'lane-even'} />
            <text x={8} y={AXIS_H + i * LANE_H + LANE_H / 2 + 4} className="lane-label">{l.label}</text>
          </g>
        ))}
        {hold && (
          <rect className="hold-window" x={x(hold.from)} y={y(hold.lane) + 2}
            width={x(hold.from + HOLD_LIMIT_MS) - x(hold.from)} height={LANE_H - 4}>
            <title>VSS allows writes to be held for at most 10 seconds</title>
          </rect>
        )}
        {episode.events.filter((e) => e.kind === 'vss.freeze' && freezeLimits?.has(e.source)).map((e, i) => {
          // Each writer's freeze-to-thaw limit (20 s Exchange, 60 s the others, NTDS included), cut at the chart's edge.
          const limit = freezeLimits!.get(e.source)!;
          const right = Math.min(x(e.time + limit), width - 4);
          const cut = x(e.time + limit) > width - 4;
          return (
            <g key={`fw${i}`} className="freeze-window">
              <rect x={x(e.time)} y={y(e.source) + 3} width={Math.max(2, right - x(e.time))} height={LANE_H - 6}>
                <title>{`${e.source} gives up if it stays frozen ${formatDuration(limit)} (VSS event 8229)`}</title>
              </rect>
              {cut && <text x={right - 4} y={y(e.source) + LANE_H - 6} textAnchor="end" className="freeze-limit">{formatDuration(limit)} limit →</text>}
            </g>
          );
        })}
        {phases.map((p, i) => {
          const to = p.to ?? now;
          return (
            <rect key={i} className={`phase ${p.failed ? 'failed' : ''} ${p.hold ? 'held' : ''}`}
              x={x(p.from)} y={y(p.lane) + 8} width={Math.max(2, x(to) - x(p.from))} height={LANE_H - 16} rx={3}>
              <title>{`${p.label}: ${formatDuration(to - p.from)}${p.to === null ? ' so far' : ''}`}</title>
            </rect>
          );
        })}
        {episode.events.map((e, i) => {
          const fail = isFailure(e);
          const label = `${formatSimTime(e.time)} ${e.source}: ${e.message}`;
          return (
            <g key={i} className={`marker ${fail ? 'failed' : ''}`} tabIndex={0} role="img" aria-label={label}
              onFocus={() => setActive(e)} onMouseEnter={() => setActive(e)}>
              <circle cx={x(e.time)} cy={y(e.source) + LANE_H / 2} r={fail ? 6 : 5} />
              {fail && (
                <text x={x(e.time) + (x(e.time) > width - 110 ? -9 : 9)} textAnchor={x(e.time) > width - 110 ? 'end' : 'start'}
                  y={y(e.source) + LANE_H / 2 + 4} className="fail-code">{failureCode(e)}</text>
              )}
            </g>
          );
        })}
      </svg>
      <p className={`timeline-detail ${active && isFailure(active) ? 'failed' : ''}`} aria-live="polite">
        {active
          ? <><strong>{formatSimTime(active.time)} · {active.source} · {active.kind}</strong> {active.message}</>
          : <span className="muted">Hover or focus a marker to read its message.</span>}
      </p>
    </div>
  );
}
