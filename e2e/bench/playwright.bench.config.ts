// `npm run bench:ui`: the page under load, measured from inside Chromium. Not part of `npm test`.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import base from '../../playwright.config';

// Playwright starts the web server in this config's folder; the built app is served from the root.
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.bench\.ts/,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  reporter: 'list',
  webServer: base.webServer && !Array.isArray(base.webServer) ? { ...base.webServer, cwd: root } : base.webServer,
});
