import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,web,mocks,lessons,scripts}/**/*.test.ts'],
    // Lesson checks run through `npm run check` and the integrity test, each against a chosen target.
    exclude: ['lessons/*/check.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
