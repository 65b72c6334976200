// One quiesce drawn as swimlanes under a ribbon of its named steps (Identify ... Backup complete).
// The axis spans the quiesce itself; limits beyond it (the 10 s hold, each writer's freeze window)
// are markers at the right edge. Markers take focus; focus or hover shows the event's message in the
// detail line, which otherwise describes the quiesce on screen.
import { useState } from 'react';
import type { EventView } from '../../engine/core/view';
import { formatDuration, formatSimTime } from '../../app/format';
import { usePresenterScale } from '../presenter/usePresenterScale';
import { useWidth } from '../common/useWidth';
import { useRoom } from './useRoom';
import { failureCode, isFailure, phasesOf, type Episode, type Lane } from './episodes';
import { labelWidth } from './labelWidth';
import { placeLabels, stepsOf, type Step } from './steps';

const LABEL_W = 128;
const LANE_H = 22;
/** The lowest a lane is drawn to fit a short window: its 11 px name and a failure's dot still fit. */
const LANE_MIN_H = 13;
const HOLD_ROW_H = 20;
const AXIS_H = 20;
const RIBBON_H = 16;
const LABEL_ROW_H = 14;
const LABEL_ROW_MIN_H = 12;
const CHAR_W = 6.3; // 11 px text
const PRESENTER_SCALE = 1.3;

/** A limit in whole seconds where it is one ("10 s"), else as a duration. */
const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : formatDuration(ms));

interface Props {
  episode: Episode;
  lanes: Lane[];
  /** The moment drawn up to: the clock while it runs, the end when done, the playhead in a replay. */
  now: number;
  /** The engine's hold limit (the quiesce summary's); null when the summary is gone: no limit drawn. */
  holdLimitMs: number | null;
  freezeLimits?: Map<string, number>;
  playhead?: number | null;
  /** The engine's measure of the hold once it ended (the quiesce summary's holdMs). */
  heldMs?: number | null;
}

/**
 * Where "held 1.08 s of 10 s" goes: left of the held bar (a..b) or right of it, whichever has room in
 * the plot (LABEL_W..right); when neither has room for all of it, "held 1.08 s" alone; when not even
 * that fits, the wider side takes it. Widths are measured (an over-estimate for this lighter text), so
 * the words are never cut at the chart's edge.
 */
function placeHeld(held: string, limit: string, a: number, b: number, right: number): { text: string; x: number; left: boolean; width: number } {
  const roomLeft = a - 5 - (LABEL_W + 4);
  const roomRight = right - 2 - (b + 5);
  for (const text of [`held ${held} of ${limit}`, `held ${held}`]) {
    const width = labelWidth(text);
    if (width <= roomLeft) return { text, x: a - 5, left: true, width };
    if (width <= roomRight) return { text, x: b + 5, left: false, width };
  }
  const text = `held ${held}`;
  const left = roomLeft >= roomRight;
  return { text, x: left ? a - 5 : b + 5, left, width: labelWidth(text) };
}

export function TimelineChart({ episode, lanes, now, holdLimitMs, freezeLimits, playhead = null, heldMs = null }: Props) {
  const [box, boxWidth] = useWidth<HTMLDivElement>();
  const room = useRoom(box);
  // Presenter mode draws the chart larger (the whole drawing, text included), for a projector's back row;
  // less so in a small window, in step with the type.
  const share = usePresenterScale();
  const scale = share ? Math.max(1, PRESENTER_SCALE * share) : 1;
  const width = boxWidth / scale;
  const [active, setActive] = useState<EventView | null>(null);
  const shownUntil = playhead ?? now;
  const steps = stepsOf(episode);
  const phases = phasesOf(episode);
  const hold = phases.find((p) => p.hold);
  // The axis is the quiesce itself (at least a second, so a short one is not a smear).
  const end = Math.max(episode.end ?? now, episode.start + 1000);
  const span = end - episode.start;
  const t0 = episode.start - span * 0.02;
  const t1 = end + span * 0.03;
  const plotW = Math.max(60, width - LABEL_W - 8);
  const x = (t: number) => LABEL_W + ((Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0)) * plotW;
  const right = LABEL_W + plotW;
  const ribbonY = AXIS_H + 2;
  const seg = (s: Step) => ({ a: x(s.from), b: x(Math.min(s.to ?? shownUntil, shownUntil)) });
  const shownSteps = steps.filter((s) => s.from <= shownUntil);
  // Every label is placed (sliding sideways or a row down), and the chart is as tall as the rows used.
  const placed = placeLabels(shownSteps.map((s) => { const { a, b } = seg(s); return { x: (a + b) / 2, width: labelWidth(s.label) }; }), LABEL_W, right - 2);
  const labelRows = Math.max(1, ...placed.map((p) => p.row + 1));
  // In a short region (the room left under the result line) the label rows close up and the lanes
  // lower (down to LANE_MIN_H), so every lane stays in view without scrolling.
  const lanesAt = (rowH: number) => ribbonY + RIBBON_H + labelRows * rowH + 4 + (hold ? HOLD_ROW_H : 0) + 4;
  const short = (lanesAt(LABEL_ROW_H) + lanes.length * LANE_H + 4) * scale > room;
  const rowH = short ? LABEL_ROW_MIN_H : LABEL_ROW_H;
  const holdY = ribbonY + RIBBON_H + labelRows * rowH + 4;
  const lanesY = lanesAt(rowH);
  const laneH = lanes.length === 0 || !short ? LANE_H : Math.max(LANE_MIN_H, Math.min(LANE_H, Math.floor((room / scale - lanesY - 4) / lanes.length)));
  const inset = Math.min(8, laneH / 2 - 2); // a phase bar's distance from its lane's edges
  const laneIndex = new Map(lanes.map((l, i) => [l.key, i]));
  const y = (lane: string) => lanesY + (laneIndex.get(lane) ?? 0) * laneH;
  const height = lanesY + lanes.length * laneH + 4;
  const tickCount = Math.max(2, Math.min(6, Math.floor(plotW / 80)));
  const ticks = Array.from({ length: tickCount + 1 }, (_, i) => episode.start + (span * i) / tickCount);

  const holdEnd = hold ? Math.min(hold.to ?? shownUntil, shownUntil) : 0;
  const held = hold ? (heldMs !== null && playhead === null && hold.to !== null ? heldMs : holdEnd - hold.from) : 0;
  const holdLimitAt = hold && holdLimitMs !== null ? hold.from + holdLimitMs : 0;
  const limitBeyond = hold ? holdLimitAt > t1 : false;

  return (
    <div ref={box} className="timeline-chart">
      <svg width={boxWidth} height={height * scale} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Quiesce at ${formatSimTime(episode.start, false)}: ${steps.map((s) => s.label).join(', ')}`}>
        {ticks.map((t) => (
          <g key={t} className="tick">
            <line x1={x(t)} x2={x(t)} y1={AXIS_H - 4} y2={height} />
            <text x={x(t)} y={AXIS_H - 7} textAnchor={t === episode.start ? 'start' : t === end ? 'end' : 'middle'}>+{formatDuration(t - episode.start)}</text>
          </g>
        ))}
        <text x={8} y={ribbonY + RIBBON_H - 3} className="lane-label">Steps</text>
        {shownSteps.map((s, i) => {
          const { a, b } = seg(s);
          const mid = (a + b) / 2;
          const { row, x: at } = placed[i];
          const half = labelWidth(s.label) / 2;
          return (
            <g key={s.key} className={`step step-${s.key} ${s.failed ? 'failed' : ''}`}>
              <rect x={a} y={ribbonY} width={Math.max(2, b - a)} height={RIBBON_H} rx={2}>
                <title>{`${s.label}: ${formatDuration((Math.min(s.to ?? shownUntil, shownUntil)) - s.from)}`}</title>
              </rect>
              {/* A tick from the step down to its label, slanting where the label had to slide aside. */}
              <line className="step-tick" x1={mid} x2={Math.min(Math.max(mid, at - half), at + half)} y1={ribbonY + RIBBON_H} y2={ribbonY + RIBBON_H + row * rowH + 3} />
              <text className="step-label" x={at} y={ribbonY + RIBBON_H + (row + 1) * rowH} textAnchor="middle">{s.label}</text>
            </g>
          );
        })}
        {lanes.map((l, i) => (
          <g key={l.key} className="lane">
            <rect x={0} y={lanesY + i * laneH} width={width} height={laneH} className={i % 2 ? 'lane-odd' : 'lane-even'} />
            <text x={8} y={lanesY + i * laneH + laneH / 2 + 4} className="lane-label">
              {l.label.replace(/^Microsoft /, '')}
              {freezeLimits?.has(l.key) && <title>{`${l.key} gives up if it stays frozen ${seconds(freezeLimits.get(l.key)!)} (VSS event 8229)`}</title>}
            </text>
          </g>
        ))}
        {hold && holdLimitMs !== null && (() => {
          // The hold row: writes held (orange) inside the 10 s the hold may last (dashed), cut at the
          // axis's edge with a marker; the words go where there is room, never over the bars.
          const a = x(hold.from);
          const b = Math.max(a + 3, x(holdEnd));
          const limitX = limitBeyond ? right : x(holdLimitAt);
          const limitText = limitBeyond ? `${seconds(holdLimitMs)} limit →` : `${seconds(holdLimitMs)} limit`;
          const held_ = placeHeld(formatDuration(held), seconds(holdLimitMs), a, b, right);
          const limitFits = limitX - (held_.left ? b : b + held_.width + 8) - 6 >= limitText.length * CHAR_W;
          return (
            <g className="hold">
              <text x={8} y={holdY + HOLD_ROW_H - 6} className="lane-label">Writes held</text>
              <rect className="hold-window" x={a} y={holdY + 2} width={Math.max(2, limitX - a)} height={HOLD_ROW_H - 4}>
                <title>{`VSS holds writes for at most ${seconds(holdLimitMs)} (the ${seconds(holdLimitMs)} hold limit)`}</title>
              </rect>
              <rect className="phase held" x={a} y={holdY + 5} width={b - a} height={HOLD_ROW_H - 10} rx={2} />
              <text className="hold-held" x={held_.x} y={holdY + HOLD_ROW_H - 6} textAnchor={held_.left ? 'end' : 'start'}>{held_.text}</text>
              {limitFits && <text className="hold-limit" x={limitX - 4} y={holdY + HOLD_ROW_H - 6} textAnchor="end">{limitText}</text>}
            </g>
          );
        })()}
        {episode.events.filter((e) => e.kind === 'vss.freeze' && e.time <= shownUntil && freezeLimits?.has(e.source) && e.time + freezeLimits.get(e.source)! <= t1).map((e, i) => {
          // A writer's freeze-to-thaw limit (20 s Exchange, 60 s others) when it falls inside the axis.
          const at = x(e.time + freezeLimits!.get(e.source)!);
          return <line key={`fw${i}`} className="freeze-limit-line" x1={at} x2={at} y1={y(e.source) + 2} y2={y(e.source) + laneH - 2} />;
        })}
        {phases.filter((p) => !p.hold && p.from <= shownUntil).map((p, i) => {
          const to = Math.min(p.to ?? shownUntil, shownUntil);
          return (
            <rect key={i} className={`phase ${p.failed ? 'failed' : ''}`}
              x={x(p.from)} y={y(p.lane) + inset} width={Math.max(2, x(to) - x(p.from))} height={laneH - 2 * inset} rx={3}>
              <title>{`${p.label}: ${formatDuration(to - p.from)}${p.to === null ? ' so far' : ''}`}</title>
            </rect>
          );
        })}
        {episode.events.map((e, i) => {
          const fail = isFailure(e);
          const future = e.time > shownUntil;
          const label = `${formatSimTime(e.time)} ${e.source}: ${e.message}`;
          const cx = x(e.time);
          return (
            <g key={i} className={`marker ${fail ? 'failed' : ''} ${future ? 'future' : ''}`} tabIndex={future ? -1 : 0} role="img" aria-label={label}
              aria-hidden={future || undefined} onFocus={() => setActive(e)} onMouseEnter={() => setActive(e)}>
              <circle cx={cx} cy={y(e.source) + laneH / 2} r={fail ? 5.5 : 4} />
              {fail && !future && (
                <text x={cx + (cx > right - 110 ? -9 : 9)} textAnchor={cx > right - 110 ? 'end' : 'start'}
                  y={y(e.source) + laneH / 2 + 4} className="fail-code">{failureCode(e)}</text>
              )}
            </g>
          );
        })}
        {playhead !== null && (
          <g className="playhead">
            <line x1={x(playhead)} x2={x(playhead)} y1={AXIS_H - 4} y2={height} />
            <text x={x(playhead) + 3} y={AXIS_H - 7}>+{formatDuration(playhead - episode.start)}</text>
          </g>
        )}
      </svg>
      <p className={`timeline-detail ${active && isFailure(active) ? 'failed' : ''}`} aria-live="polite">
        {active
          ? <><strong>{formatSimTime(active.time)} · {active.source}</strong> {active.message}</>
          : <span className="muted">Quiesce started {formatSimTime(episode.start)}. Hover or focus a dot to read what each part said.</span>}
      </p>
    </div>
  );
}
