// UI benchmark: the largest built-in lab at top speed. Prints the p95 frame interval, the longest
// main-thread task (PerformanceObserver 'longtask') and the initial JS transfer, gzip.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from '@playwright/test';
import { builtInLabs } from '../../src/engine/index';
import { MAX_SPEED } from '../../src/worker/clock';

const RUN_MS = Number(process.env.BENCH_UI_MS ?? 15_000);
const SPEED = Number(process.env.BENCH_UI_SPEED ?? MAX_SPEED);
const DIST = join(import.meta.dirname, '../../dist');

/** The entry script and its modulepreloads: what the page needs before it can draw anything. */
function initialJs(): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const f of files) {
    const buf = readFileSync(join(DIST, f));
    rawBytes += statSync(join(DIST, f)).size;
    gzipBytes += gzipSync(buf, { level: 9 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

function largestLab(): [string, unknown] {
  const size = (d: unknown) => ((d as { vms?: unknown[] }).vms ?? []).length;
  return Object.entries(builtInLabs).sort((a, b) => size(b[1]) - size(a[1]))[0];
}

test('UI under the largest built-in lab at top speed', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __bench: { longest: number; longCount: number; frames: number[]; recording: boolean } };
    w.__bench = { longest: 0, longCount: 0, frames: [], recording: false };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!w.__bench.recording) continue;
        w.__bench.longest = Math.max(w.__bench.longest, e.duration);
        w.__bench.longCount++;
      }
    }).observe({ type: 'longtask', buffered: false });
    let last = 0;
    const frame = (t: number) => {
      if (w.__bench.recording && last) w.__bench.frames.push(t - last);
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const [id, definition] = largestLab();
  await page.goto('./');
  await page.evaluate(() => window.lab.ready);
  const loaded = await page.evaluate((d) => window.lab.load(d), definition);
  if (!loaded.ok) throw new Error(loaded.error.message);
  // Give the panels something to draw: snapshots on every VM, one quiesced.
  const vms = (await page.evaluate(() => window.lab.state())).vms;
  for (const vm of vms) {
    await page.evaluate((v) => window.lab.dispatch({ type: 'snapshot.take', vm: v, name: 'bench', quiesce: true }), vm.id);
  }
  await page.getByRole('region', { name: 'Inventory' }).getByRole('button').first().click();

  await page.evaluate(() => { (window as unknown as { __bench: { recording: boolean } }).__bench.recording = true; });
  await page.evaluate((s) => window.lab.play(s), SPEED);
  await page.waitForTimeout(RUN_MS);
  await page.evaluate(() => window.lab.pause());
  const m = await page.evaluate(() => (window as unknown as { __bench: { longest: number; longCount: number; frames: number[] } }).__bench);
  const state = await page.evaluate(() => window.lab.state());

  const frames = m.frames.slice().sort((a, b) => a - b);
  const pct = (p: number) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))] ?? NaN;
  const js = initialJs();
  const result = {
    lab: id, vms: vms.length, speed: SPEED, realMs: RUN_MS, simulatedMs: state.time,
    frames: frames.length, p50FrameMs: +pct(0.5).toFixed(1), p95FrameMs: +pct(0.95).toFixed(1), maxFrameMs: +pct(1).toFixed(1),
    longTasks: m.longCount, longestTaskMs: +m.longest.toFixed(0),
    initialJsGzipKB: +(js.gzipBytes / 1024).toFixed(1), initialJsRawKB: +(js.rawBytes / 1024).toFixed(1), initialJsFiles: js.files,
  };
  console.log(`\nSnapLab UI bench: lab "${id}" (${vms.length} VMs) at ${SPEED}x for ${RUN_MS / 1000} s real, ${(state.time / 3_600_000).toFixed(1)} h simulated`);
  console.log(`  frame interval  p50 ${result.p50FrameMs} ms  p95 ${result.p95FrameMs} ms (goal <= 20)  max ${result.maxFrameMs} ms`);
  console.log(`  long tasks      ${result.longTasks}, longest ${result.longestTaskMs} ms (goal <= 100)`);
  console.log(`  initial JS      ${result.initialJsGzipKB} KB gzip (${result.initialJsRawKB} KB raw; goal <= 300) ${js.files.join(', ')}`);
  console.log(JSON.stringify(result));
});
