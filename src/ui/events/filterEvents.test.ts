import { describe, expect, it } from 'vitest';
import type { EventView } from '../../engine/core/view';
import { filterEvents, sourcesOf } from './filterEvents';

const ev = (source: string, message: string): EventView => ({ seq: 1, time: 0, vm: 'v', source, kind: 'guest.exec', message, severity: 'info' });
const list = [ev('Host', 'Merging DB01-000002-delta.vmdk into DB01-000001-delta.vmdk.'), ev('vCenter', 'Snapshot "s2" removed.'), ev('Host', 'Snapshot "s1" created.')];

describe('Events filters', () => {
  it('match every word of the text, in any case, against source and message', () => {
    expect(filterEvents(list, { text: 'merging delta', source: '' })).toEqual([list[0]]);
    expect(filterEvents(list, { text: 'VCENTER', source: '' })).toEqual([list[1]]);
    expect(filterEvents(list, { text: 'nothing like this', source: '' })).toEqual([]);
  });
  it('narrow to one source, with the text too', () => {
    expect(filterEvents(list, { text: '', source: 'Host' })).toEqual([list[0], list[2]]);
    expect(filterEvents(list, { text: 'snapshot', source: 'Host' })).toEqual([list[2]]);
  });
  it('narrow to one severity', () => {
    const warned = { ...list[1], severity: 'warning' as const };
    expect(filterEvents([list[0], warned], { text: '', source: '', severity: 'warning' })).toEqual([warned]);
  });
  it('list sources in first-seen order', () => {
    expect(sourcesOf(list)).toEqual(['Host', 'vCenter']);
  });
});
