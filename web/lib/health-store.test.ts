import { expect, test } from 'vitest';
import type { HealthReport } from './api.ts';
import { HealthStore } from './health-store.ts';

test('holds the latest report and clears an earlier error once the lab answers', async () => {
  let fail = true;
  const report: HealthReport = { ok: true, parties: { lab: { status: 'up', port: 4000 } } };
  const store = new HealthStore(async () => {
    if (fail) throw new Error('Could not reach the lab.');
    return report;
  });
  await store.refresh();
  expect(store.error?.message).toBe('Could not reach the lab.');
  fail = false;
  await store.refresh();
  expect(store.error).toBeNull();
  expect(store.report).toEqual(report);
});

test('tells listeners after every refresh, failed or not', async () => {
  const store = new HealthStore(async () => {
    throw new Error('Could not reach the lab.');
  });
  let changes = 0;
  store.addEventListener('change', () => changes++);
  await store.refresh();
  await store.refresh();
  expect(changes).toBe(2);
});
