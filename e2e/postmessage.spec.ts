// The postMessage API (docs/embedding.md) across origins: the example slide deck at one origin drives
// the lab at another; a page at a foreign origin gets no answer at all and changes nothing.
import { test, expect, type Frame, type Page } from '@playwright/test';
import type { StateView } from '../src/engine/core/view';
import { savedSession } from './fixtures';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PORT = Number(process.env.PW_PORT ?? 4173);
const LAB = `http://127.0.0.1:${PORT}/`;
// The same preview server under another name is another origin.
const DECK_ORIGIN = `http://localhost:${PORT}`;

/** Records every message the page gets; `send` posts to the lab frame. */
const RECORDER = `window.received = [];
  window.addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));`;

/**
 * A host page that embeds the lab allowing `parentOrigin`, and records every message it gets. With
 * `friend`, a second frame at that URL sits beside the lab and can talk to it too.
 */
function hostPage(parentOrigin: string, friend: string | null): string {
  const src = `${LAB}?embed=1&panels=tree&parentOrigin=${encodeURIComponent(parentOrigin)}`;
  return `<!doctype html><title>host</title><iframe id="lab" src="${src}" width="800" height="500"></iframe>
${friend ? `<iframe id="friend" src="${friend}" width="10" height="10"></iframe>` : ''}
<script>
  ${RECORDER}
  window.send = (m) => document.getElementById('lab').contentWindow.postMessage(m, '*');
</script>`;
}

/** A page framed beside the lab: it posts to its sibling, the lab frame. */
const friendPage = `<!doctype html><title>friend</title><script>
  ${RECORDER}
  window.send = (m) => parent.frames[0].postMessage(m, '*');
</script>`;

// A second server on another loopback port: http://127.0.0.1:<port> and http://localhost:<port> are
// two more origins, real ones (a routed fake host would be a "public" page, which Chromium does not
// let frame a loopback address).
let server: Server;
let port = 0;
test.beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = url.pathname === '/friend.html' ? friendPage
      : url.pathname === '/opener.html' ? openerPage
      : hostPage(url.searchParams.get('parentOrigin') ?? '', url.searchParams.get('friend'));
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Host = 'localhost' | '127.0.0.1';
/** The host page at `host`, embedding a lab that allows `parentHost`; `friendHost` adds a frame there. */
async function serveHost(page: Page, host: Host, parentHost: Host, friendHost?: Host): Promise<void> {
  const friend = friendHost ? `&friend=${encodeURIComponent(`http://${friendHost}:${port}/friend.html`)}` : '';
  await page.goto(`http://${host}:${port}/host.html?parentOrigin=${encodeURIComponent(`http://${parentHost}:${port}`)}${friend}`);
}

const labFrame = (page: Page) => page.frameLocator('#lab');
const labState = (page: Page) => page.frames().find((f) => f.url().startsWith(LAB))!.evaluate(() => window.lab.state());

test('the example slide deck drives the lab from its own origin, and hears ready and resize', async ({ page }) => {
  await page.goto(`${DECK_ORIGIN}/examples/slides.html?lab=${encodeURIComponent(`${LAB}index.html`)}`);
  await page.getByRole('button', { name: 'Next slide' }).click();
  const slide = page.getByRole('region', { name: 'Slide 2' });
  const deckLog = slide.getByLabel('Messages from the lab');
  await expect(deckLog).toContainText('event ready', { timeout: 20_000 });
  await expect(deckLog).toContainText(/event resize \d+x\d+/);
  await expect(page.frameLocator('#quiesce-lab').getByRole('region', { name: 'VSS timeline' })).toBeVisible();

  await slide.getByRole('button', { name: 'Take a quiesced snapshot' }).click();
  await expect(deckLog).toContainText('dispatch: {"ok":true,"task":"task-');
  await slide.getByRole('button', { name: 'Advance one minute' }).click();
  await expect(deckLog).toContainText('advance: {"ok":true}');
  await slide.getByRole('button', { name: 'Ask for the state' }).click();
  await expect(deckLog).toContainText('state: simulated time 60 s, 1 tasks');
  await expect(page.frameLocator('#quiesce-lab').getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: /Snapshot Before patching/ })).toBeVisible();
});

test('requests from the allowed origin are answered there; bad ones get an error; other messages are ignored', async ({ page }) => {
  await serveHost(page, 'localhost', 'localhost');
  await expect.poll(() => page.evaluate(() => (window as unknown as { received: { data: { event?: string } }[] }).received.some((m) => m.data?.event === 'ready')), { timeout: 20_000 }).toBe(true);
  await page.evaluate(() => {
    const w = window as unknown as { send(m: unknown): void };
    w.send({ snaplab: 1, id: 'take', method: 'dispatch', params: { type: 'snapshot.take', vm: 'exch01', name: 'from the slide' } });
    w.send({ snaplab: 1, id: 'bad', method: 'dispatch', params: { type: 'vm.powerOn', vm: 'nope' } });
    w.send({ snaplab: 1, id: 'eval', method: 'eval', params: 'alert(1)' });
    w.send({ snaplab: 1, id: 'neg', method: 'advance', params: -5 });
    w.send('hello');
    w.send({ snaplab: 2, id: 'v2', method: 'state' });
    w.send({ snaplab: 1, id: 'time', method: 'advance', params: [30_000] });
  });
  const replies = async () => (await page.evaluate(() => (window as unknown as { received: { origin: string; data: { id?: unknown } }[] }).received))
    .filter((m) => m.data && 'id' in m.data);
  await expect.poll(async () => (await replies()).length).toBe(5);
  const byId = Object.fromEntries((await replies()).map((m) => [String(m.data.id), m]));
  expect(Object.keys(byId).sort()).toEqual(['bad', 'eval', 'neg', 'take', 'time']);
  for (const m of Object.values(byId)) expect(m.origin).toBe(LAB.slice(0, -1));
  expect(byId.take.data).toMatchObject({ snaplab: 1, result: { ok: true } });
  expect(byId.bad.data).toMatchObject({ result: { ok: false, error: { code: expect.any(String) } } });
  expect(byId.eval.data).toMatchObject({ error: { code: 'UNKNOWN_METHOD' } });
  expect(byId.neg.data).toMatchObject({ error: { code: 'INVALID_PARAMS' } });
  expect((await labState(page)).vms.find((v) => v.id === 'exch01')!.snapshots.map((s) => s.name)).toEqual(['from the slide']);
});

test('a command carrying a "__proto__" key is refused over postMessage as the CLI refuses it, and changes nothing', async ({ page }) => {
  await serveHost(page, 'localhost', 'localhost');
  await expect.poll(() => page.evaluate(() => (window as unknown as { received: { data: { event?: string } }[] }).received.some((m) => m.data?.event === 'ready')), { timeout: 20_000 }).toBe(true);
  // A slide that builds its commands from JSON text: JSON.parse makes "__proto__" an own key.
  await page.evaluate(() => (window as unknown as { send(m: unknown): void }).send({
    snaplab: 1, id: 'proto', method: 'dispatch', params: JSON.parse('{"type":"snapshot.take","vm":"exch01","name":"sneaky","__proto__":{"quiesce":true}}'),
  }));
  type Reply = { data: { id?: unknown; result?: unknown } };
  await expect.poll(() => page.evaluate(() => (window as unknown as { received: Reply[] }).received.some((m) => m.data?.id === 'proto'))).toBe(true);
  const reply = (await page.evaluate(() => (window as unknown as { received: Reply[] }).received)).find((m) => m.data.id === 'proto')!;
  expect(reply.data.result).toEqual({ ok: false, error: { code: 'INVALID_COMMAND', message: 'snapshot.take has no field "__proto__".' } });
  expect((await labState(page)).vms.find((v) => v.id === 'exch01')!.snapshots).toEqual([]);
});

type Recorded = { origin: string; data: { id?: unknown; event?: string; result?: unknown; marker?: number } };
const receivedBy = (page: Page | Frame) => page.evaluate(() => (window as unknown as { received: Recorded[] }).received);

/**
 * Proof that the lab has dealt with every request `sender` posted, without sleeping: the lab frame
 * hears the request ids (its bridge heard them first), asks its worker for the state (after anything a
 * request would have run), then posts a marker to `to`; a reply would have been posted before it.
 */
async function afterLabHeard(lab: Frame, ids: unknown[], to: 'parent' | 'opener'): Promise<StateView> {
  return lab.evaluate(async ([want, target]) => {
    const seen = (window as unknown as { heard: unknown[] }).heard;
    await new Promise<void>((resolve) => {
      const check = () => (want.every((id) => seen.includes(id)) ? resolve() : setTimeout(check, 20));
      check();
    });
    const state = await window.lab.state();
    (target === 'parent' ? window.parent : window.opener as Window).postMessage({ marker: 1 }, '*');
    return state;
  }, [ids, to] as const);
}

/** In the lab: note the ids of the requests it hears. */
const listenInLab = (lab: Frame) => lab.evaluate(() => {
  const heard: unknown[] = [];
  (window as unknown as { heard: unknown[] }).heard = heard;
  window.addEventListener('message', (e) => { if (e.data?.snaplab === 1 && 'id' in e.data) heard.push(e.data.id); });
});

test('a frame whose page is at another origin than parentOrigin gets no answer and changes nothing; nor does a sibling frame at the allowed origin', async ({ page }) => {
  // The lab allows http://localhost:<port>; the page hosting it is http://127.0.0.1:<port>. A friend
  // frame at the allowed origin sits beside the lab: it is not the lab's parent, so it is not heard either.
  await serveHost(page, '127.0.0.1', 'localhost', 'localhost');
  await expect(labFrame(page).getByRole('region', { name: 'Snapshot tree' })).toBeVisible({ timeout: 20_000 });
  const lab = page.frames().find((f) => f.url().startsWith(LAB))!;
  await lab.evaluate(() => window.lab.ready);
  await listenInLab(lab);
  await page.evaluate(() => {
    const w = window as unknown as { send(m: unknown): void };
    w.send({ snaplab: 1, id: 1, method: 'state' });
    w.send({ snaplab: 1, id: 2, method: 'dispatch', params: { type: 'snapshot.take', vm: 'exch01', name: 'foreign' } });
    w.send({ snaplab: 1, id: 3, method: 'play', params: 1000 });
  });
  await expect.poll(() => page.frames().some((f) => f.url().endsWith('/friend.html'))).toBe(true);
  const friend = page.frames().find((f) => f.url().endsWith('/friend.html'))!;
  await friend.waitForFunction(() => 'send' in window);
  await friend.evaluate(() => (window as unknown as { send(m: unknown): void }).send({ snaplab: 1, id: 'sibling', method: 'dispatch', params: { type: 'snapshot.take', vm: 'exch01', name: 'sibling' } }));
  const state = await afterLabHeard(lab, [1, 2, 3, 'sibling'], 'parent');
  await expect.poll(async () => (await receivedBy(page)).some((m) => m.data?.marker === 1)).toBe(true);
  expect((await receivedBy(page)).filter((m) => m.data?.marker !== 1)).toEqual([]);
  expect(await receivedBy(friend)).toEqual([]);
  expect(state.vms.find((v) => v.id === 'exch01')!.snapshots).toEqual([]);
  expect(state.tasks).toEqual([]);
});

/** A foreign page that opens the lab in a popup and posts to it. */
const openerPage = `<!doctype html><title>opener</title><script>
  ${RECORDER}
  window.openLab = (url) => { window.labWindow = window.open(url, 'lab', 'width=900,height=700'); };
  window.send = (m) => window.labWindow.postMessage(m, '*');
</script>`;

async function openPopup(page: Page, query: string): Promise<Page> {
  await page.goto(`http://127.0.0.1:${port}/opener.html`);
  const popup = page.waitForEvent('popup');
  await page.evaluate((url) => (window as unknown as { openLab(u: string): void }).openLab(url), `${LAB}?${query}`);
  const lab = await popup;
  await lab.waitForFunction(() => 'lab' in window);
  await lab.evaluate(() => window.lab.ready);
  return lab;
}

test('a foreign page that opens the lab in a popup with its own origin as parentOrigin gets no answer, no state, and cannot load', async ({ page, context }) => {
  // The learner's own lab, saved in this browser.
  const mine = await context.newPage();
  await mine.goto(LAB);
  await mine.evaluate(() => window.lab.ready);
  await mine.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'my-important-snapshot' }));
  await mine.evaluate(() => window.lab.advance(60_000));
  await expect.poll(() => savedSession(mine).then((s) => JSON.stringify(s).includes('my-important-snapshot'))).toBe(true);

  const foreignOrigin = `http://127.0.0.1:${port}`;
  const popup = await openPopup(page, `parentOrigin=${encodeURIComponent(foreignOrigin)}`);
  const lab = popup.mainFrame();
  await listenInLab(lab);
  await page.evaluate(() => {
    const w = window as unknown as { send(m: unknown): void };
    w.send({ snaplab: 1, id: 'state', method: 'state' });
    w.send({ snaplab: 1, id: 'load', method: 'load', params: 'first-snapshot' });
  });
  const state = await afterLabHeard(lab, ['state', 'load'], 'opener');
  await expect.poll(async () => (await receivedBy(page)).some((m) => m.data?.marker === 1)).toBe(true);
  // Not even "ready": the opener is not the lab's host.
  expect((await receivedBy(page)).filter((m) => m.data?.marker !== 1)).toEqual([]);
  // The popup did not load what it was asked, and never opened the learner's lab.
  expect(state.name).toBe('Snapshot and VSS workshop');
  expect(JSON.stringify(state)).not.toContain('my-important-snapshot');
  expect(JSON.stringify(await savedSession(mine))).toContain('my-important-snapshot');
});

test('with opener=1 the page that opened the lab may script it, in a lab of its own, never the learner\'s', async ({ page, context }) => {
  const mine = await context.newPage();
  await mine.goto(LAB);
  await mine.evaluate(() => window.lab.ready);
  await mine.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'my-important-snapshot' }));
  await mine.evaluate(() => window.lab.advance(60_000));
  await expect.poll(() => savedSession(mine).then((s) => JSON.stringify(s).includes('my-important-snapshot'))).toBe(true);

  const opener = `http://127.0.0.1:${port}`;
  await openPopup(page, `parentOrigin=${encodeURIComponent(opener)}&opener=1`);
  await expect.poll(async () => (await receivedBy(page)).some((m) => m.data?.event === 'ready'), { timeout: 20_000 }).toBe(true);
  await page.evaluate(() => {
    const w = window as unknown as { send(m: unknown): void };
    w.send({ snaplab: 1, id: 'load', method: 'load', params: 'first-snapshot' });
    w.send({ snaplab: 1, id: 'state', method: 'state' });
  });
  await expect.poll(async () => (await receivedBy(page)).filter((m) => m.data?.id === 'load' || m.data?.id === 'state').length).toBe(2);
  const answers = await receivedBy(page);
  expect(answers.find((m) => m.data.id === 'load')!.data.result).toMatchObject({ ok: true });
  const state = answers.find((m) => m.data.id === 'state')!.data.result as StateView;
  expect(JSON.stringify(state)).not.toContain('my-important-snapshot');
  // The learner's lab is as it was: a new tab opens it.
  const later = await context.newPage();
  await later.goto(LAB);
  await later.evaluate(() => window.lab.ready);
  expect((await later.evaluate(() => window.lab.state())).vms.find((v) => v.id === 'exch01')!.snapshots.map((x) => x.name)).toEqual(['my-important-snapshot']);
});

test('the host hears an objective event for each objective met, then lessonComplete', async ({ page }) => {
  await serveHost(page, 'localhost', 'localhost');
  type Received = { data: { event?: string; id?: unknown; objective?: { id: string; done: boolean }; lesson?: string } }[];
  const received = () => page.evaluate(() => (window as unknown as { received: Received }).received);
  await expect.poll(async () => (await received()).some((m) => m.data?.event === 'ready'), { timeout: 20_000 }).toBe(true);
  const send = (m: unknown) => page.evaluate((msg) => (window as unknown as { send(m: unknown): void }).send(msg), m);
  await send({ snaplab: 1, id: 'load', method: 'load', params: 'first-snapshot' });
  await expect.poll(async () => (await received()).some((m) => m.data?.id === 'load')).toBe(true);
  const solution: { method: string; params: unknown }[] = [
    { method: 'dispatch', params: { type: 'snapshot.take', vm: 'exch01', name: 'before-patch', description: 'My first snapshot' } },
    { method: 'advance', params: 2000 },
    { method: 'dispatch', params: { type: 'guest.write', vm: 'exch01', disk: 'disk1', offset: 8 * 1024 ** 3, length: 64 * 1024 ** 2 } },
    { method: 'advance', params: 60_000 },
  ];
  for (const [i, step] of solution.entries()) {
    await send({ snaplab: 1, id: `step${i}`, ...step });
    await expect.poll(async () => (await received()).some((m) => m.data?.id === `step${i}`)).toBe(true);
  }
  await expect.poll(async () => (await received()).filter((m) => m.data?.event === 'lessonComplete').length).toBe(1);
  const events = (await received()).filter((m) => m.data?.event === 'objective' || m.data?.event === 'lessonComplete');
  const objectives = events.filter((m) => m.data.event === 'objective');
  expect(objectives.length).toBeGreaterThan(0);
  for (const o of objectives) expect(o.data).toMatchObject({ snaplab: 1, lesson: 'first-snapshot', objective: { done: true } });
  expect(events.at(-1)!.data).toMatchObject({ snaplab: 1, event: 'lessonComplete', lesson: 'first-snapshot', title: 'First snapshot' });
});
