// The "Events" region, as vSphere's Tasks & Events shows them: the selected VM's events, newest first,
// with time, source (named by the engine, as vSphere names it) and message, narrowed by a text filter
// and by source.
import { useDeferredValue, useMemo, useState } from 'react';
import { formatSimTime } from '../../app/format';
import { useLab, useSelectedVm } from '../../app/store';
import { Region } from '../common/Region';
import { filterEvents, sourcesOf, type EventFilter } from './filterEvents';

const SHOWN = 200;
const SEVERITY: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Information' };
const ALL = '';

export function EventsPanel({ id }: { id?: string }) {
  const vm = useSelectedVm();
  const vmId = vm?.id ?? null;
  const all = useDeferredValue(useLab((s) => s.state.events));
  const [filter, setFilter] = useState<EventFilter>({ text: '', source: ALL, severity: ALL });
  const mine = useMemo(() => all.filter((e) => e.vm === vmId), [all, vmId]);
  const sources = useMemo(() => sourcesOf(mine), [mine]);
  const shown = useMemo(() => filterEvents(mine, filter), [mine, filter]);
  const newest = shown.slice(-SHOWN).reverse();

  const tools = (
    <div className="event-filters" role="search" aria-label="Filter events">
      <label className="inline-field">
        <span className="visually-hidden">Filter events by text</span>
        <input type="search" placeholder="Filter" value={filter.text} aria-label="Filter events by text"
          onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
      </label>
      <label className="inline-field">Type
        <select value={filter.severity} onChange={(e) => setFilter({ ...filter, severity: e.target.value })}>
          <option value={ALL}>All types</option>
          <option value="error">Error</option>
          <option value="warning">Warning</option>
          <option value="info">Information</option>
        </select>
      </label>
      <label className="inline-field">Source
        <select value={filter.source} onChange={(e) => setFilter({ ...filter, source: e.target.value })}>
          <option value={ALL}>All sources</option>
          {sources.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
    </div>
  );

  return (
    <Region name="Events" id={id} title={vm ? `Events · ${vm.name}` : 'Events'} className="events" tools={tools}>
      {mine.length === 0 ? <p className="muted">No events for {vm?.name ?? 'this VM'} yet.</p> : (
        <>
          <p className="muted small" role="status">
            {shown.length === mine.length ? `${mine.length} ${mine.length === 1 ? 'event' : 'events'}` : `${shown.length} of ${mine.length} events ${shown.length === 1 ? 'matches' : 'match'}`}
            {shown.length > SHOWN ? `, the newest ${SHOWN} shown` : ''}.
          </p>
          <div className="table-scroll events-scroll" tabIndex={0} role="group" aria-label="Event list">
            <table className="grid events-grid">
              <thead><tr><th scope="col">Time</th><th scope="col">Type</th><th scope="col">Source</th><th scope="col">Description</th></tr></thead>
              <tbody>
                {newest.map((e, i) => (
                  <tr key={`${e.time}-${shown.length - i}`} className={`event-row event-${e.severity}`}>
                    <td className="event-time">{formatSimTime(e.time)}</td>
                    <td className={`event-type sev-${e.severity}`}>{SEVERITY[e.severity] ?? e.severity}</td>
                    <td className="event-source">{e.source}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Region>
  );
}
