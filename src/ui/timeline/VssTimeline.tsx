// The "VSS timeline" region: the selected VM's quiesces, live while one runs. Selecting a snapshot
// shows the quiesce that made it; otherwise the latest is followed.
import { useDeferredValue, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatDuration, formatSimTime } from '../../app/format';
import { useLab, useSelectedVm } from '../../app/store';
import { Region } from '../common/Region';
import { episodeForSnapshot, episodesOf, isFailure, lanesOf } from './episodes';
import { TimelineChart } from './TimelineChart';

const LATEST = '';

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

  const tools = episodes.length > 0 && (
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
  );

  return (
    <Region name="VSS timeline" className="timeline" tools={tools}>
      {episode && episode.events.length === 1 && episode.events[0].kind === 'vm.snapshotCreated' ? (
        <p className="muted empty" role="status">
          {episode.events[0].message} It was taken without quiescing, so VMware Tools, VSS and the writers took no part
          (taken {formatSimTime(episode.start)}).
        </p>
      ) : !episode ? (
        <p className="muted empty">No snapshot or quiesce yet for {vm?.name ?? 'this VM'}. Take a snapshot with “Quiesce guest file system” to watch VMware Tools, VSS, the provider and each writer work through it.</p>
      ) : (
        <>
          <p className={`episode-summary ${episode.failed ? 'failed' : ''}`} role="status">
            {episode.end === null ? 'Quiescing… ' : episode.failed ? 'Quiesce failed. ' : 'Completed. '}
            Started {formatSimTime(episode.start)}{episode.end !== null ? `, took ${formatDuration(episode.end - episode.start)}` : ''}.
            {episode.failed && ` ${episode.events.filter(isFailure).map((e) => e.message).join(' ')}`}
          </p>
          <TimelineChart episode={episode} lanes={lanes} now={running ? now : episode.end ?? episode.start}
            freezeLimits={new Map(writerNames.map((n, i) => [n, freezeLimits[i]]))} />
        </>
      )}
    </Region>
  );
}
