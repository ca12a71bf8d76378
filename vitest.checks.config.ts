import { defineConfig } from 'vitest/config';

/** Runs lesson checks (`npm run check`, the integrity test); HOOKLAB_TARGET picks the code. */
export default defineConfig({
  test: {
    include: ['lessons/*/check.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
