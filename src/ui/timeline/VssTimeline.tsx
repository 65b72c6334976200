// The "VSS timeline" region: the selected VM's quiesces, live while one runs. Selecting a snapshot
// shows the quiesce that made it; otherwise the latest is followed. A result line says in plain words
// what happened (from the engine's quiesce summary), a legend under the chart names the steps, and "Replay at 0.1x"
// plays the quiesce again with a moving playhead.
import { useDeferredValue, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatDuration, formatSimTime } from '../../app/format';
import { useLab, useSelectedVm } from '../../app/store';
import { Region } from '../common/Region';
import { episodeForSnapshot, episodesOf, lanesOf } from './episodes';
import { STEP_LABELS, type StepKey } from './steps';
import { TimelineChart } from './TimelineChart';
import { useReplay } from './useReplay';

const LATEST = '';
const LEGEND: StepKey[] = ['identify', 'prepare', 'freeze', 'hold', 'thaw', 'post', 'complete'];

export function VssTimeline() {
  const vm = useSelectedVm();
  const events = useDeferredValue(useLab((s) => s.state.events));
  const snapshot = useLab((s) => s.state.vms.find((v) => v.id === s.selectedVm)?.snapshots.find((x) => x.id === s.selectedSnapshot));
  const writerNames = useLab(useShallow((s) => s.state.vms.find((v) => v.id === s.selectedVm)?.writers.map((w) => w.name) ?? []));
  const freezeLimits = useLab(useShallow((s) => s.state.vms.find((v) => v.id === s.selectedVm)?.writers.map((w) => w.freezeTimeoutMs) ?? []));
  const [picked, setPicked] = useState(LATEST);
  const vmId = vm?.id ?? '';
  const episodes = useMemo(() => episodesOf(events, vmId), [events, vmId]);
  const fromSnapshot = snapshot ? episodeForSnapshot(episodes, snapshot.createdAt) : undefined;
  const episode = episodes.find((e) => e.id === picked) ?? fromSnapshot ?? episodes[episodes.length - 1];
  const running = episode !== undefined && episode.end === null;
  const now = useLab((s) => (running ? s.state.time : 0));
  const lanes = useMemo(() => (episode ? lanesOf(episode.events, writerNames) : []), [episode, writerNames]);
  const summary = episode ? vm?.quiesces?.find((q) => q.startedAt === episode.start) : undefined;
  const replay = useReplay(episode && episode.end !== null ? episode : null);

  const tools = episodes.length > 0 && (
    <>
      <button type="button" className="btn btn-small" aria-pressed={replay.playhead !== null} disabled={!episode || running || episode.events.length < 2}
        onClick={() => (replay.playhead === null ? replay.start() : replay.stop())}>
        {replay.playhead === null ? 'Replay at 0.1x' : 'Stop replay'}
      </button>
      <label className="inline-field">Quiesce
        <select value={picked} onChange={(e) => setPicked(e.target.value)}>
          <option value={LATEST}>{fromSnapshot ? `For snapshot “${snapshot?.name}”` : 'Latest (follow)'}</option>
          {episodes.slice().reverse().map((ep) => (
            <option key={ep.id} value={ep.id}>
              {formatSimTime(ep.start, false)} · {ep.end === null ? 'running' : ep.failed ? 'failed' : 'done'}
            </option>
          ))}
        </select>
      </label>
    </>
  );

  const result = summary ? { text: summary.resultLine, failed: summary.result === 'error' } : null;
  return (
    <Region name="VSS timeline" className="timeline" tools={tools} scrolls>
      {episode && episode.events.length === 1 && episode.events[0].kind === 'vm.snapshotCreated' ? (
        <p className="muted empty" role="status">
          {episode.events[0].message} It was taken without quiescing, so VMware Tools, VSS and the writers took no part
          (taken {formatSimTime(episode.start)}).
        </p>
      ) : !episode ? (
        <p className="muted empty">No snapshot or quiesce yet for {vm?.name ?? 'this VM'}. Take a snapshot with “Quiesce guest file system” to watch VMware Tools, VSS, the provider and each writer work through it: Identify, Prepare, Freeze, the 10-second hold while the snapshot is taken, Thaw.</p>
      ) : (
        <>
          <div className={`episode-summary ${episode.failed || result?.failed ? 'failed' : ''}`} role="status">
            <strong className="episode-result">{result ? result.text : episode.end === null ? 'Quiescing…' : episode.failed ? 'Quiesce failed.' : 'Completed.'}</strong>
            <span className="muted">
              {' '}Snapshot “{summary?.snapshot ?? '?'}”, started {formatSimTime(episode.start, false)}{episode.end !== null ? `, took ${formatDuration(episode.end - episode.start)}` : ''}
              {summary?.holdMs != null ? ` · writes held ${formatDuration(summary.holdMs)} of ${summary.holdLimitMs / 1000} s` : ''}.
            </span>
          </div>
          <TimelineChart key={episode.id} episode={episode} lanes={lanes} now={running ? now : episode.end ?? episode.start}
            holdLimitMs={summary?.holdLimitMs ?? null} heldMs={summary?.holdMs ?? null} playhead={replay.playhead}
            freezeLimits={new Map(writerNames.map((n, i) => [n, freezeLimits[i]]))} />
          {/* The legend under the chart, so a short window shows the steps and their labels first. */}
          <ul className="timeline-legend" aria-label="Steps">
            {LEGEND.map((k) => <li key={k}><span className={`legend-swatch step-${k}`} aria-hidden="true" />{STEP_LABELS[k]}</li>)}
            <li><span className="legend-swatch legend-hold" aria-hidden="true" />10 s hold limit</li>
            <li><span className="legend-dot" aria-hidden="true" />event</li>
            <li><span className="legend-dot failed" aria-hidden="true" />failure</li>
          </ul>
        </>
      )}
    </Region>
  );
}
