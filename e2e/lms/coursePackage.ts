// For the course package tests: unpack a zip from packages/ (npm test runs `npm run package` before the
// e2e tests) into a temporary folder and serve it from a plain file server under /course/, beside the
// pages and endpoints a test adds (a mock LMS page, a mock LRS). One origin, like most platforms.
import { unzipSync } from 'fflate';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.json': 'application/json', '.xml': 'application/xml',
};

export function unpack(zipName: string): string {
  const zipPath = join(process.cwd(), 'packages', zipName);
  if (!existsSync(zipPath)) throw new Error(`${zipPath} is missing: run "npm run package" first (npm test does).`);
  const dir = mkdtempSync(join(tmpdir(), 'snaplab-package-'));
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zipPath)))) {
    if (name.endsWith('/')) continue;
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  return dir;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;

export interface PackageServer { base: string; close(): Promise<void> }

/** Serves `dir` under /course/; `handler` answers anything else first (return true when it did). */
export async function servePackage(dir: string, handler: Handler): Promise<PackageServer> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', async () => {
      if (await handler(req, res, body)) return;
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!path.startsWith('/course/')) { res.writeHead(404).end(); return; }
      const rel = normalize(path.slice('/course/'.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
      try {
        const bytes = readFileSync(join(dir, rel));
        res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(bytes);
      } catch {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
