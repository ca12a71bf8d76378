import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: the page in headless Chromium against a real lab and Vite (see e2e/). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    // One lab, one Vite and one browser for the whole file; the tests share them in order.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
