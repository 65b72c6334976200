import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, contentSecurityPolicyHeader } from './build/contentSecurityPolicy.ts';
import { offlineCache } from './build/offlineCache.ts';

// base './' so the built lab deploys to any static host under a sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), offlineCache(), contentSecurityPolicy(), contentSecurityPolicyHeader()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // A hang guard, not a speed check (benchmarks measure speed): the property and fuzz tests take
    // 5-10 s alone and several times that on a 2-core machine kept busy by other work.
    testTimeout: 120_000,
    // Vitest leaves a core free by default, which on a 2-core CI machine runs every file one after
    // another; the files are CPU-bound and independent, so use every core.
    maxWorkers: availableParallelism(),
  },
});
