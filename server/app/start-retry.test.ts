import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { StartRetry } from './start-retry.ts';

let dir: string;
let retry: StartRetry | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hooklab-retry-'));
});
afterEach(() => {
  retry?.reset();
  rmSync(dir, { recursive: true, force: true });
});

/** A StartRetry whose due retries are collected; `next()` resolves with the next reason. */
function collect() {
  const waiting: ((reason: string) => void)[] = [];
  retry = new StartRetry(() => dir, (reason) => waiting.shift()?.(reason));
  return () => new Promise<string>((resolve) => waiting.push(resolve));
}

test('retries after a growing delay: 250 ms, then 500 ms', async () => {
  const next = collect();
  let started = performance.now();
  retry!.schedule();
  expect(await next()).toBe('timer');
  const first = performance.now() - started;
  started = performance.now();
  retry!.schedule();
  expect(await next()).toBe('timer');
  const second = performance.now() - started;
  expect(first).toBeGreaterThanOrEqual(245);
  expect(second).toBeGreaterThanOrEqual(495);
});

test('retries at once when the learner saves a file, instead of waiting for the delay', async () => {
  const next = collect();
  for (let i = 0; i < 4; i++) retry!.schedule(); // the delay is now 2 s
  const due = next();
  writeFileSync(join(dir, 'app.ts'), 'fixed');
  expect(await due).toBe('saved');
});
