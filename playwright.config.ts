import { defineConfig, devices } from '@playwright/test';
import { execSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Use Debian's Chromium when it is installed; otherwise Playwright's own browser (if present).
function systemChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const p = execSync(`command -v ${name}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      if (p) return p;
    } catch { /* not on PATH */ }
  }
  return undefined;
}
const executablePath = systemChromium();
// The test LRS (e2e/lms/crossOriginLrs.ts) has a self-signed certificate. ignoreHTTPSErrors covers
// requests of a live page only: a keepalive request still on its way after the page closed opens its
// connection with no page to ask, and Chromium refused the certificate then (TLS alert "certificate
// unknown"), dropping the statements a closing page sends. Trusting that one key, as a real LRS's
// certificate is trusted, lets them leave as they do in production.
const lrsKey = createHash('sha256')
  .update(new X509Certificate(readFileSync(join(import.meta.dirname, 'e2e', 'lms', 'tls', 'lrs-cert.pem'))).publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');
// PW_PORT lets several checkouts run their e2e suites side by side.
const port = Number(process.env.PW_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // A hang guard: a walkthrough plays simulated weeks and an axe scan reads the whole page; both take
  // 30-50 s alone and need the headroom on a busy 2-core machine.
  timeout: 120_000,
  // React Flow shows a node once it has measured it (a ResizeObserver callback): on a loaded 2-core
  // CI machine that has taken over Playwright's default 5 s.
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'off',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--disable-sync', '--no-first-run', `--ignore-certificate-errors-spki-list=${lrsKey}`],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    // A running server may be a stale build: reuse one only when asked (PW_REUSE_SERVER=1).
    reuseExistingServer: process.env.PW_REUSE_SERVER === '1',
    // vite preview starts in about a second; a busy 2-core machine can take far longer.
    timeout: 120_000,
  },
});
