// The cmi5 package as a platform launches it: unzipped onto a plain file server (the LMS's origin,
// which also serves the returnURL page), the LRS on another origin (crossOriginLrs.ts), and the AU for
// "first-snapshot" opened at the URL cmi5.xml gives with cmi5's launch parameters added.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { servePackage, unpack, type PackageServer } from './coursePackage';
import { ACTOR, CrossOriginLrs } from './crossOriginLrs';

export const REGISTRATION = 'b3c1c5f4-0a3e-4c1e-9a57-6b2f2c9d7e11';

export interface Cmi5Course {
  server: PackageServer;
  lrs: CrossOriginLrs;
  auUrl: string;
  activityId: string;
  /** Opens the AU (a new page load); `ready`: wait for window.lab.ready too. */
  launch(page: Page, ready?: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function openCmi5Course(): Promise<Cmi5Course> {
  const dir = unpack('snaplab-cmi5.zip');
  const structure = readFileSync(join(dir, 'cmi5.xml'), 'utf8');
  const au = /<au id="([^"]+:first-snapshot)"[\s\S]*?<url>([^<]+)<\/url>/.exec(structure)!;
  const activityId = au[1];
  const auUrl = au[2].replace(/&amp;/g, '&');
  const lrs = new CrossOriginLrs(activityId, REGISTRATION, 'session-1');
  const lrsBase = await lrs.start();
  const server = await servePackage(dir, (req, res) => {
    if (!req.url?.startsWith('/returned.html')) return false;
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Back in the LMS</title><h1>Back in the LMS</h1>');
    return true;
  });
  return {
    server, lrs, auUrl, activityId,
    async launch(page, ready = true) {
      const q = new URLSearchParams({ endpoint: `${lrsBase}xapi/`, fetch: `${lrsBase}fetch`, actor: JSON.stringify(ACTOR), registration: REGISTRATION, activityId });
      await page.goto(`${server.base}course/${auUrl}&${q}`);
      if (ready) await page.evaluate(() => window.lab.ready);
    },
    close: async () => { await server.close(); await lrs.close(); },
  };
}
