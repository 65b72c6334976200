// A SCORM 1.2 API for tests: keeps the data model in a map and records every call in order.
import type { Scorm12Api } from './findApi';

export type ScormCall = [method: string, ...args: string[]];

export function fakeScormApi(initial: Record<string, string> = {}, refuse: string[] = []): Scorm12Api & { calls: ScormCall[]; data: Map<string, string> } {
  const data = new Map(Object.entries({ 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio', ...initial }));
  const calls: ScormCall[] = [];
  let lastError = '0';
  return {
    calls,
    data,
    LMSInitialize: () => { calls.push(['LMSInitialize']); return 'true'; },
    LMSFinish: () => { calls.push(['LMSFinish']); return 'true'; },
    LMSGetValue: (e) => { calls.push(['LMSGetValue', e]); return data.get(e) ?? ''; },
    LMSSetValue: (e, v) => {
      calls.push(['LMSSetValue', e, v]);
      if (refuse.includes(e)) { lastError = '405'; return 'false'; }
      data.set(e, v);
      return 'true';
    },
    LMSCommit: () => { calls.push(['LMSCommit']); return 'true'; },
    LMSGetLastError: () => lastError,
    LMSGetErrorString: (c) => (c === '405' ? 'Incorrect Data Type' : ''),
  };
}
