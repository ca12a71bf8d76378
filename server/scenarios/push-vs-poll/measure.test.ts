import { expect, test } from 'vitest';
import type { TimelineRecord } from '../../timeline/record.ts';
import { measurePolling, measurePush } from './measure.ts';

let seq = 0;
function record(fields: Partial<TimelineRecord> & Pick<TimelineRecord, 'kind' | 'startedAt'>): TimelineRecord {
  return {
    id: `rec_${++seq}`,
    runId: 'run',
    from: 'app',
    to: 'deepgram',
    method: 'GET',
    url: 'http://127.0.0.1:1/v1/jobs/job-a',
    status: 200,
    endedAt: fields.startedAt,
    attempt: 1,
    request: { headers: {}, body: '' },
    response: { headers: {}, body: '' },
    ...fields,
  };
}
const poll = (job: string, at: number, status: string, completedAt?: number) =>
  record({
    kind: 'poll',
    startedAt: at,
    url: `http://127.0.0.1:1/v1/jobs/${job}`,
    response: { headers: {}, body: `{"request_id":"${job}","status":"${status}"${completedAt === undefined ? '' : `,"completed_at":"${new Date(completedAt).toISOString()}"`}}` },
  });

test('polling: the first answer that says completed is when the app knew; every other poll is wasted, later ones too', () => {
  const records = [
    poll('a', 2000, 'processing'),
    poll('a', 4000, 'completed', 3000),
    poll('a', 6000, 'completed', 3000),
    poll('b', 2000, 'processing'),
    poll('b', 4000, 'processing'),
  ];
  const figures = measurePolling(records, 2, 0, 6000);
  expect(figures).toMatchObject({ requests: 5, wasted: 4, detected: 1, missed: 1, detectionLatencyMs: { p50: 1000, p95: 1000, max: 1000 } });
  expect(figures.perSecond).toEqual([0, 0, 2, 0, 2, 0, 1]);
  expect(figures.peakRequestsPerSecond).toBe(2);
});

test('push: failed attempts and repeated deliveries are wasted; latency runs from the first attempt to the first 2xx', () => {
  const callback = (job: string, at: number, status: number | null, attempt: number) =>
    record({ kind: 'callback', from: 'deepgram', to: 'app', method: 'POST', startedAt: at, endedAt: at + 5, status, attempt, eventId: job });
  const records = [callback('a', 1000, 500, 1), callback('a', 31_000, 200, 2), callback('a', 31_100, 200, 3), callback('b', 2000, 200, 1), callback('c', 3000, null, 1)];
  expect(measurePush(records, 3, 0, 40_000)).toMatchObject({
    requests: 5,
    wasted: 3,
    detected: 2,
    missed: 1,
    detectionLatencyMs: { p50: 5, max: 30_005 },
  });
});
