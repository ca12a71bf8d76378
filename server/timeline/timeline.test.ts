import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sampleRecord as record } from './record.fixture.ts';
import { Timeline } from './timeline.ts';

test('filters records by kind, run and start time, newest last', () => {
  const timeline = new Timeline();
  timeline.add(record({ kind: 'api', startedAt: 1 }));
  timeline.add(record({ runId: 'run_2', startedAt: 2 }));
  timeline.add(record({ startedAt: 3 }));
  expect(timeline.list({ kind: 'webhook' }).map((r) => r.startedAt)).toEqual([2, 3]);
  expect(timeline.list({ runId: 'run_1' }).map((r) => r.startedAt)).toEqual([1, 3]);
  expect(timeline.list({ since: 2, limit: 1 }).map((r) => r.startedAt)).toEqual([3]);
});

test('waitFor resolves with a record already stored or one that arrives later', async () => {
  const timeline = new Timeline();
  const stored = timeline.add(record({ status: 500 }));
  await expect(timeline.waitFor((r) => r.status === 500)).resolves.toBe(stored);
  const later = timeline.waitFor((r) => r.status === 201);
  const added = timeline.add(record({ status: 201 }));
  await expect(later).resolves.toBe(added);
});

test('a restarted timeline reloads its history from the file and keeps numbering ids', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hooklab-timeline-')), 'timeline.jsonl');
  const first = new Timeline(file);
  first.add(record());
  first.add(record({ status: 503 }));
  await first.close();

  const second = new Timeline(file);
  expect(second.list().map((r) => r.status)).toEqual([200, 503]);
  expect(second.add(record()).id).toBe('rec_3');
  await second.close();
});

test('keeps the newest records past its capacity, and compacts its file to them on load', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hooklab-timeline-')), 'timeline.jsonl');
  const first = new Timeline(file, { capacity: 4 });
  for (let i = 1; i <= 6; i++) first.add(record({ startedAt: i }));
  expect(first.list().map((r) => r.startedAt)).toEqual([3, 4, 5, 6]);
  await first.close();

  const second = new Timeline(file, { capacity: 4 });
  expect(second.list().map((r) => r.startedAt)).toEqual([3, 4, 5, 6]);
  expect(second.add(record()).id).toBe('rec_7');
  await second.close();
  expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(5);
});
