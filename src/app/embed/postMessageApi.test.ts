import { describe, expect, it } from 'vitest';
import type { LabApi } from '../labApi';
import { lessonEvents } from './lessonEvents';
import { parseRequest } from './messages';
import { createLab, defaultLabDefinition } from '../../engine/index';
import { runScript } from '../../cli/script';
import { answer, startPostMessageApi, type MessageSource } from './postMessageApi';

/** A window.lab that records its calls. */
function fakeApi(calls: unknown[][]): LabApi {
  const rec = (name: string) => async (...args: unknown[]) => { calls.push([name, ...args]); return { ok: true, name }; };
  return {
    ready: Promise.resolve(),
    load: rec('load'), dispatch: rec('dispatch'), advance: rec('advance'), state: rec('state'), play: rec('play'), pause: rec('pause'),
  } as unknown as LabApi;
}

describe('parseRequest', () => {
  it('a command carrying a "__proto__" key reaches the engine as sent and is refused, as the CLI refuses it', () => {
    const text = '{"type":"vm.powerOn","vm":"exch01","__proto__":{"polluted":true}}';
    const req = parseRequest({ snaplab: 1, id: 9, method: 'dispatch', params: JSON.parse(text) });
    expect(req?.ok).toBe(true);
    if (!req?.ok) return;
    const sent = req.args[0] as object;
    expect(Object.hasOwn(sent, '__proto__')).toBe(true);
    const viaPostMessage = createLab(defaultLabDefinition).dispatch(structuredClone(sent));
    const viaCli = runScript(JSON.parse(`{"lab":{"name":"t","hosts":[{"id":"esx01","version":"7.0"}],"datastores":[{"id":"ds1","capacityGB":100}],"vms":[{"id":"exch01"}]},"steps":[${text}]}`)).results[0];
    expect(viaPostMessage).toEqual({ ok: false, error: { code: 'INVALID_COMMAND', message: 'vm.powerOn has no field "__proto__".' } });
    expect(viaCli).toEqual(viaPostMessage);
    // The tuple form too, and a lab definition given to load.
    const tuple = parseRequest({ snaplab: 1, id: 10, method: 'dispatch', params: [JSON.parse(text)] });
    expect(tuple?.ok && Object.hasOwn(tuple.args[0] as object, '__proto__')).toBe(true);
    const load = parseRequest({ snaplab: 1, id: 11, method: 'load', params: JSON.parse('{"name":"x","__proto__":{}}') });
    expect(load?.ok && Object.hasOwn(load.args[0] as object, '__proto__')).toBe(true);
  });

  it('ignores what is not a SnapLab request', () => {
    for (const data of [null, 'hello', 42, {}, { snaplab: 2, id: 1, method: 'state' }, { snaplab: 1, method: 'state' }, { snaplab: 1, event: 'ready' }, { snaplab: 1, id: 3, event: 'ready' }]) {
      expect(parseRequest(data)).toBeNull();
    }
  });

  it('reads the params as the first argument or as the argument list', () => {
    expect(parseRequest({ snaplab: 1, id: 'a', method: 'advance', params: 5000 })).toEqual({ ok: true, id: 'a', method: 'advance', args: [5000] });
    expect(parseRequest({ snaplab: 1, id: 2, method: 'load', params: ['first-snapshot', { seed: 3 }] })).toEqual({ ok: true, id: 2, method: 'load', args: ['first-snapshot', { seed: 3 }] });
    expect(parseRequest({ snaplab: 1, id: 3, method: 'state' })).toEqual({ ok: true, id: 3, method: 'state', args: [] });
    expect(parseRequest({ snaplab: 1, id: 4, method: 'play', params: 60 })).toEqual({ ok: true, id: 4, method: 'play', args: [60] });
    expect(parseRequest({ snaplab: 1, id: 6, method: 'seek', params: 90_000 })).toEqual({ ok: true, id: 6, method: 'seek', args: [90_000] });
    expect(parseRequest({ snaplab: 1, id: 6, method: 'seek', params: [0] })).toEqual({ ok: true, id: 6, method: 'seek', args: [0] });
    const cmd = { type: 'snapshot.take', vm: 'exch01', name: 'before patch', quiesce: true };
    expect(parseRequest({ snaplab: 1, id: 5, method: 'dispatch', params: cmd })).toEqual({ ok: true, id: 5, method: 'dispatch', args: [cmd] });
  });

  it('answers a well-formed envelope with a bad method or bad params with an error', () => {
    expect(parseRequest({ snaplab: 1, id: 1, method: 'eval', params: 'alert(1)' })).toMatchObject({ ok: false, id: 1, error: { code: 'UNKNOWN_METHOD' } });
    expect(parseRequest({ snaplab: 1, id: 1, method: 'advance', params: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(parseRequest({ snaplab: 1, id: 1, method: 'seek', params: 'noon' })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(parseRequest({ snaplab: 1, id: 1, method: 'dispatch', params: { vm: 'x' } })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(parseRequest({ snaplab: 1, id: 1, method: 'load', params: ['x', { seed: -1 }] })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(parseRequest({ snaplab: 1, id: 1, method: 'toString' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});

describe('answer', () => {
  it('calls window.lab and wraps its answer with the same id', async () => {
    const calls: unknown[][] = [];
    expect(await answer({ snaplab: 1, id: { n: 1 }, method: 'advance', params: [60_000] }, fakeApi(calls))).toEqual({ snaplab: 1, id: { n: 1 }, result: { ok: true, name: 'advance' } });
    expect(calls).toEqual([['advance', 60_000]]);
  });

  it('turns a crashed lab into an error answer', async () => {
    const api = { ...fakeApi([]), state: () => Promise.reject(new Error('The lab engine stopped.')) } as LabApi;
    expect(await answer({ snaplab: 1, id: 9, method: 'state' }, api)).toEqual({ snaplab: 1, id: 9, error: { code: 'LAB_UNAVAILABLE', message: 'The lab engine stopped.' } });
  });
});

describe('startPostMessageApi', () => {
  const setup = () => {
    let listener: ((ev: MessageEvent) => void) | null = null;
    const self = { addEventListener: (_: 'message', fn: (ev: MessageEvent) => void) => { listener = fn; }, removeEventListener: () => { listener = null; } };
    const posted: [unknown, string][] = [];
    const parent: MessageSource = { postMessage: (m, o) => posted.push([m, o]) };
    const calls: unknown[][] = [];
    const api = startPostMessageApi({ origin: 'https://slides.example.com', api: fakeApi(calls), self, parent });
    const send = async (origin: string, data: unknown) => { listener?.({ origin, data, source: parent } as MessageEvent); await new Promise((r) => setTimeout(r, 0)); };
    return { api, posted, calls, send, listening: () => listener !== null };
  };

  it('answers the allowed origin only, and only to that origin', async () => {
    const { posted, calls, send } = setup();
    await send('https://evil.example.com', { snaplab: 1, id: 1, method: 'pause' });
    await send('https://slides.example.com.evil.example', { snaplab: 1, id: 2, method: 'pause' });
    expect(calls).toEqual([]);
    expect(posted).toEqual([]);
    await send('https://slides.example.com', { snaplab: 1, id: 3, method: 'pause' });
    expect(posted).toEqual([[{ snaplab: 1, id: 3, result: { ok: true, name: 'pause' } }, 'https://slides.example.com']]);
  });

  it('announces events to the parent origin and stops listening', async () => {
    const { api, posted, listening } = setup();
    api.announce('ready');
    api.announce('resize', { width: 800, height: 400, snaplab: 5 });
    expect(posted).toEqual([
      [{ snaplab: 1, event: 'ready' }, 'https://slides.example.com'],
      [{ snaplab: 1, event: 'resize', width: 800, height: 400 }, 'https://slides.example.com'],
    ]);
    api.stop();
    expect(listening()).toBe(false);
  });
});

describe('lessonEvents', () => {
  const lesson = (done: boolean[], complete = false) => ({
    id: 'first-snapshot', title: 'Your first snapshot', complete,
    objectives: done.map((d, i) => ({ id: `o${i}`, text: `Objective ${i}`, done: d, why: d ? '' : 'not yet' })),
  });

  it('reports objectives that change and the lesson completing once', () => {
    expect(lessonEvents(lesson([false, false]), lesson([true, false]))).toEqual([
      { event: 'objective', lesson: 'first-snapshot', objective: { id: 'o0', text: 'Objective 0', done: true } },
    ]);
    expect(lessonEvents(lesson([true, false]), lesson([true, true], true)).map((e) => e.event)).toEqual(['objective', 'lessonComplete']);
    expect(lessonEvents(lesson([true, true], true), lesson([true, true], true))).toEqual([]);
  });

  it('takes a newly loaded lesson as the baseline', () => {
    expect(lessonEvents(undefined, lesson([true, true], true))).toEqual([]);
    expect(lessonEvents({ ...lesson([false]), id: 'other' }, lesson([true], true))).toEqual([]);
  });
});
