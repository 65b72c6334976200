// The lab's history as a track: drag or use the keyboard to go back to any moment (Home: the start,
// End: the newest moment, [ and ]: the previous and next marker). Markers show snapshots, quiesces,
// failures and questions. A seek is asked of the worker once at a time; a drag only sends its latest
// position, so a long replay never queues up behind the pointer.
import { memo, useRef, useState, type KeyboardEvent } from 'react';
import { useLab } from '../../app/store';
import { markerTime, seekTo } from '../../app/commands';
import { formatSimTime } from '../../app/format';
import type { Marker } from '../../worker/branchTree';
import { BranchSwitcher } from './BranchSwitcher';
import './scrubber.css';

const MARKER_WORDS: Record<Marker['kind'], string> = {
  snapshot: 'Snapshot', revert: 'Revert', delete: 'Delete', quiesce: 'Quiesce', failure: 'Failure', question: 'Question',
};

/** Seeks one at a time: while one runs, only the newest wanted position waits. */
function useSeeker(onIdle: () => void) {
  const busy = useRef(false);
  const next = useRef<number | null>(null);
  return (ms: number) => {
    next.current = ms;
    if (busy.current) return;
    busy.current = true;
    void (async () => {
      while (next.current !== null) {
        const t = next.current;
        next.current = null;
        await seekTo(t);
      }
      busy.current = false;
      onIdle();
    })();
  };
}

/** Markers placed along `span` ms; re-rendered only when the history view changes. */
const MarkerLayer = memo(function MarkerLayer({ markers, span }: { markers: Marker[]; span: number }) {
  return markers.map((m, i) => (
    <span key={i} className={`scrub-marker scrub-${m.kind}`} style={{ left: `${(m.time / span) * 100}%` }}
      title={`${MARKER_WORDS[m.kind]} at ${formatSimTime(m.time, false)}: ${m.label}`} />
  ));
});

export function Scrubber() {
  const history = useLab((s) => s.history);
  const liveTime = useLab((s) => s.liveTime);
  const playing = useLab((s) => s.clock.playing);
  // The position being sought, shown until the worker has answered every seek asked.
  const [dragging, setDragging] = useState<number | null>(null);
  const seek = useSeeker(() => setDragging(null));
  if (!history) return null;
  const reached = Math.max(history.reached, liveTime);
  const position = dragging ?? (playing ? liveTime : history.position);
  const markers = history.markers;
  const span = Math.max(1, history.reached);
  const jump = (dir: 1 | -1) => {
    const t = markerTime(dir);
    if (t !== null) { setDragging(t); seek(t); }
  };
  // Arrows move by 1% of the history (at least a second), Page keys by 10%; Home and End are native.
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const small = Math.max(1000, reached / 100);
    const by: Record<string, number> = { ArrowLeft: -small, ArrowDown: -small, ArrowRight: small, ArrowUp: small, PageDown: -10 * small, PageUp: 10 * small };
    if (e.key === '[' || e.key === ']') {
      e.preventDefault();
      jump(e.key === ']' ? 1 : -1);
    } else if (by[e.key] !== undefined) {
      e.preventDefault();
      const ms = Math.min(reached, Math.max(0, position + by[e.key]));
      setDragging(ms);
      seek(ms);
    }
  };
  // In the past is the worker's to say (the history view); a drag still on its way counts too.
  const inPast = !history.atEnd;
  const behind = inPast || (dragging !== null && dragging < reached - 0.5);
  return (
    <div className={`scrubber ${inPast ? 'in-past' : ''}`} role="group" aria-label="Lab history">
      <div className="scrubber-track">
        <div className="scrubber-markers" aria-hidden="true">
          {/* The markers sit on a strip as long as the history they were seen in; while time runs only
              the strip's width changes (one style), not every marker's place. */}
          {reached > 0 && (
            <div className="scrubber-marker-strip" style={{ width: `${(span / reached) * 100}%` }}>
              <MarkerLayer markers={markers} span={span} />
            </div>
          )}
        </div>
        <input type="range" className="scrubber-range" aria-label="Lab history position"
          aria-keyshortcuts="Home End [ ] ArrowLeft ArrowRight PageUp PageDown" aria-valuetext={`${formatSimTime(position, false)} of ${formatSimTime(reached, false)}`}
          min={0} max={Math.max(1, Math.floor(reached))} step={1} value={Math.round(position)}
          title="Drag to go back in time. Home: start, End: now, [ and ]: previous and next marker"
          onKeyDown={onKey}
          onChange={(e) => {
            const ms = Math.min(reached, Number(e.target.value));
            setDragging(ms);
            seek(ms);
          }} />
      </div>
      <button type="button" className="btn btn-ghost" disabled={!behind} onClick={() => { setDragging(reached); seek(reached); }}
        title="Go to the newest moment of this branch">Back to now</button>
      <span className="visually-hidden" aria-live="polite">
        {inPast ? 'In the past: a change here starts a new branch.' : ''}
      </span>
      <BranchSwitcher />
    </div>
  );
}
