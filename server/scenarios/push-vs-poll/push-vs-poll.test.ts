import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LESSONS_DIR } from '../../lab/lessons.ts';
import { startLab, type RunningLab } from '../../lab/start-lab.ts';
import { jobDurations } from './params.ts';
import type { PushVsPollResult } from './types.ts';

const LESSON = '03-first-consumer';
let lab: RunningLab;

beforeAll(async () => {
  lab = await startLab({
    workspaceDir: mkdtempSync(join(tmpdir(), 'hooklab-pvp-')),
    lessonId: LESSON,
    appDir: join(LESSONS_DIR, LESSON, 'solution'),
    ports: { lab: 0, stripe: 0, deepgram: 0, app: 0 },
  });
});
afterAll(() => lab?.close());

async function run(body: Record<string, unknown>): Promise<{ status: number; result: PushVsPollResult & { error?: { message: string } } }> {
  const response = await fetch(`${lab.urls.lab}/api/scenarios/push-vs-poll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ speed: 100_000, ...body }),
  });
  return { status: response.status, result: (await response.json()) as PushVsPollResult & { error?: { message: string } } };
}

test('the article\'s example: a 30 s job polled every 2 s takes 15 polls, 14 wasted, while push takes one callback', async () => {
  const { status, result } = await run({ jobs: 5, jobSeconds: 30, pollIntervalMs: 2000 });
  expect(status).toBe(200);
  expect(result.poll).toMatchObject({ requests: 75, wasted: 70, detected: 5, missed: 0, peakRequestsPerSecond: 5 });
  expect(result.push).toMatchObject({ requests: 5, wasted: 0, detected: 5, missed: 0, detectionLatencyMs: { p50: 0, p95: 0, max: 0 } });
  expect(result.poll.bytes).toBeGreaterThan(result.push.bytes);
  expect(result.clock.endedAt - result.clock.startedAt).toBe(30_000);
  expect(result.summary).toMatch(/^Polling made 75 requests for 5 jobs, 70 of them wasted/);
  // The figures come from the timeline: the records are there to draw.
  const callbacks = lab.timeline.list({ runId: result.runs.push, kind: 'callback' });
  expect(callbacks.map((r) => [r.from, r.to, r.status])).toEqual(Array(5).fill(['deepgram', 'app', 200]));
  expect(lab.timeline.list({ runId: result.runs.poll, kind: 'poll' })).toHaveLength(75);
  // Lanes to draw: each job submitted at the start, finished 30 s later, known at once by push, and by the 15th poll.
  const start = result.clock.startedAt;
  expect(result.lanes.push.map((l) => [l.submittedAt - start, l.finishedAt! - start, l.knownAt! - start, l.events.length])).toEqual(Array(5).fill([0, 30_000, 30_000, 1]));
  expect(result.lanes.poll.map((l) => [l.submittedAt - start, l.finishedAt! - start, l.knownAt! - start, l.events.length])).toEqual(Array(5).fill([0, 30_000, 30_000, 15]));
  expect(result.lanes.poll[0].events.map((e) => e.news)).toEqual([...Array(14).fill(false), true]);
  expect(lab.timeline.get(result.lanes.poll[0].events[0].id)?.kind).toBe('poll');
});

test('the sentence under the figures reads them: a 28.9 s job polled every 2 s is noticed 1.1 s late', async () => {
  const { result } = await run({ jobs: 1, jobSeconds: 28.9, pollIntervalMs: 2000 });
  expect(result.poll.detectionLatencyMs).toEqual({ p50: 1100, p95: 1100, max: 1100 });
  expect(result.summary).toBe(
    'Polling made 15 requests for 1 job, 14 of them wasted, and noticed the finished job 1.1 s late. Push made 1 request, none wasted, and noticed the finished job at once.',
  );
});

test('with durations drawn from a range, polls per job and lateness match what the interval implies', async () => {
  const params = { jobs: 20, jobSeconds: [10, 20] as [number, number], pollIntervalMs: 3000, seed: 7 };
  const { result } = await run(params);
  const durations = jobDurations(params).map((s) => s * 1000);
  const polls = durations.map((d) => Math.ceil(d / params.pollIntervalMs));
  const lateness = durations.map((d, i) => polls[i] * params.pollIntervalMs - d).sort((a, b) => a - b);
  expect(new Set(durations).size).toBeGreaterThan(10);
  expect(result.poll.requests).toBe(polls.reduce((a, b) => a + b, 0));
  expect(result.poll.wasted).toBe(result.poll.requests - params.jobs);
  expect(result.poll.detectionLatencyMs!.max).toBeCloseTo(lateness.at(-1)!, 0);
  expect(result.poll.detectionLatencyMs!.p50).toBeCloseTo(lateness[Math.ceil(params.jobs / 2) - 1], 0);
  expect(result.push).toMatchObject({ requests: 20, wasted: 0, detectionLatencyMs: { max: 0 } });
  expect(result.push.perSecond.reduce((a, b) => a + b, 0)).toBe(20);
});

test('backoff doubles the wait: a 30 s job polled from 1 s is seen at 31 s after 5 polls', async () => {
  const { result } = await run({ jobs: 2, jobSeconds: 30, pollIntervalMs: 1000, backoff: 2 });
  expect(result.poll).toMatchObject({ requests: 10, wasted: 8, detectionLatencyMs: { p50: 1000, max: 1000 } });
});

test('a loop with too few attempts gives up, and the jobs it gave up on count as missed', async () => {
  const { result } = await run({ jobs: 3, jobSeconds: 30, pollIntervalMs: 2000, maxAttempts: 5 });
  expect(result.poll).toMatchObject({ requests: 15, wasted: 15, detected: 0, missed: 3, detectionLatencyMs: null });
  expect(result.summary).toContain('it gave up on 3');
});

test('the article\'s naive loop asks once per job and stops, never seeing a transcript', async () => {
  const { result } = await run({ jobs: 4, jobSeconds: 30, pollIntervalMs: 2000, variant: 'naive' });
  expect(result.poll).toMatchObject({ requests: 4, wasted: 4, detected: 0, missed: 4 });
  expect(result.push).toMatchObject({ requests: 4, detected: 4 });
  expect(result.summary).toContain("`!status == 'completed'` is never true");
});

test('one run at a time: a second run while one is going gets a 409', async () => {
  // At 5× real time, a 5 s job keeps the first run going for about a second.
  const seen = new Set(lab.timeline.list().map((r) => r.id));
  const first = run({ jobs: 1, jobSeconds: 5, pollIntervalMs: 1000, speed: 5 });
  await lab.timeline.waitFor((r) => !seen.has(r.id) && r.runId.startsWith('pvp_'));
  const second = await run({ jobs: 1, jobSeconds: 5, pollIntervalMs: 1000 });
  expect(second.status).toBe(409);
  expect(second.result.error?.message).toMatch(/already going/);
  expect((await first).result.poll.requests).toBe(5);
});

test('a run during which your app restarts stops with a 409 instead of wrong figures', async () => {
  const seen = new Set(lab.timeline.list().map((r) => r.id));
  const pending = run({ jobs: 2, jobSeconds: 5, pollIntervalMs: 1000, speed: 5 });
  await lab.timeline.waitFor((r) => !seen.has(r.id) && r.runId.startsWith('pvp_'));
  await lab.app.switchTo(lab.app.dir);
  const { status, result } = await pending;
  expect(status).toBe(409);
  expect(result.error?.message).toMatch(/^Your app was stopped or restarted/);
  expect((await run({ jobs: 1, jobSeconds: 4, pollIntervalMs: 2000 })).result.poll.requests).toBe(2);
});

test('the clock is left as it was found, and bad parameters get a 400 that says what to send', async () => {
  lab.clock.set({ paused: false });
  await run({ jobs: 1, jobSeconds: 5, pollIntervalMs: 1000 });
  expect(lab.clock.state().paused).toBe(false);
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ jobSeconds: 30, pollIntervalMs: 2000 }, /"jobs" is required/],
    [{ jobs: 2, jobSeconds: [30, 10], pollIntervalMs: 2000 }, /\[min, max\] range/],
    [{ jobs: 2, jobSeconds: 30, pollIntervalMs: 'fast' }, /"pollIntervalMs" must be a number/],
    [{ jobs: 2, jobSeconds: 30, pollIntervalMs: 2000, variant: 'clever' }, /"variant" must be one of loop, naive/],
  ];
  for (const [body, message] of cases) {
    const { status, result } = await run(body);
    expect(status).toBe(400);
    expect(result.error?.message).toMatch(message);
  }
});
