import { expect, test } from 'vitest';
import type { HealthReport } from './api.ts';
import { HealthStore } from './health-store.ts';

function reportWith(app: Record<string, unknown>): HealthReport {
  return { ok: app.status === 'up', parties: { lab: { status: 'up', port: 4000 }, app: { port: 3000, ...app } as HealthReport['parties'][string] } };
}

test('names the file, line and column of a handler that does not compile, with its frame', async () => {
  const error = { file: '../../workspace/03-first-consumer/app.ts', line: 17, column: 11, message: 'Unexpected ";"', frame: '17 | const x = ;' };
  const store = new HealthStore(async () => reportWith({ status: 'up', handler: { status: 'compile-error', version: 2, error } }));
  await store.refresh();
  expect(store.appProblem()).toEqual({ kind: 'compile-error', message: 'app.ts (line 17, column 11) does not compile: Unexpected ";"', frame: '17 | const x = ;' });
});

test('reports a crashed app, and nothing when the app is up with a ready handler', async () => {
  let report = reportWith({ status: 'crashed' });
  const store = new HealthStore(async () => report);
  await store.refresh();
  expect(store.appProblem()?.kind).toBe('crashed');
  report = reportWith({ status: 'up', handler: { status: 'ready', version: 1, loadedAt: 0 } });
  await store.refresh();
  expect(store.appProblem()).toBeNull();
});

test('keeps the error when the lab cannot be reached, and tells listeners', async () => {
  const store = new HealthStore(async () => {
    throw new Error('Could not reach the lab.');
  });
  let changes = 0;
  store.addEventListener('change', () => changes++);
  await store.refresh();
  expect(store.error?.message).toBe('Could not reach the lab.');
  expect(changes).toBe(1);
});
