// `npm run bench:ui`: the page under load, measured from inside Chromium. Not part of `npm test`.
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.bench\.ts/,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  reporter: 'list',
});
