// A SCORM 1.2 API for tests: keeps the data model in a map and records every call in order.
// `committed` is what the LMS holds (the data at the last accepted LMSCommit); `refuseCommits` and
// `refuseSets` make the next calls answer "false" (error 101, General exception).
import type { Scorm12Api } from './findApi';

export type ScormCall = [method: string, ...args: string[]];

export function fakeScormApi(initial: Record<string, string> = {}, refuse: string[] = []) {
  const data = new Map(Object.entries({ 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio', ...initial }));
  const calls: ScormCall[] = [];
  let lastError = '0';
  const api = {
    calls,
    data,
    committed: new Map(data),
    refuseCommits: 0,
    refuseSets: 0,
    LMSInitialize: () => { calls.push(['LMSInitialize']); return 'true'; },
    LMSFinish: () => { calls.push(['LMSFinish']); return 'true'; },
    LMSGetValue: (e) => { calls.push(['LMSGetValue', e]); return data.get(e) ?? ''; },
    LMSSetValue: (e, v) => {
      calls.push(['LMSSetValue', e, v]);
      if (refuse.includes(e)) { lastError = '405'; return 'false'; }
      if (api.refuseSets > 0) { api.refuseSets--; lastError = '101'; return 'false'; }
      data.set(e, v);
      lastError = '0';
      return 'true';
    },
    LMSCommit: () => {
      calls.push(['LMSCommit']);
      if (api.refuseCommits > 0) { api.refuseCommits--; lastError = '101'; return 'false'; }
      api.committed = new Map(data);
      lastError = '0';
      return 'true';
    },
    LMSGetLastError: () => lastError,
    LMSGetErrorString: (c: string) => ({ '405': 'Incorrect Data Type', '101': 'General exception' })[c] ?? '',
  } satisfies Scorm12Api & Record<string, unknown>;
  return api;
}
