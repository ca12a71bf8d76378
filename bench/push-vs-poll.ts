/**
 * `npm run bench -- push-vs-poll`: 1,000 jobs of 30 s audio, polled every 2 s versus pushed by
 * callback, at 100× clock, through the lab's real API and "your app". Prints wall time, both
 * strategies' figures and the lab's peak memory; fails if it takes a minute or loses a callback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LESSONS_DIR } from '../server/lab/lessons.ts';
import { startLab } from '../server/lab/start-lab.ts';
import type { PushVsPollResult, StrategyFigures } from '../server/scenarios/push-vs-poll/types.ts';
import { printTable } from './_stats.ts';

const PARAMS = { jobs: 1000, jobSeconds: 30, pollIntervalMs: 2000, speed: 100 };
const LIMIT_MS = 60_000;

const workspaceDir = mkdtempSync(join(tmpdir(), 'hooklab-bench-pvp-'));
const lab = await startLab({
  workspaceDir,
  lessonId: '03-first-consumer',
  appDir: join(LESSONS_DIR, '03-first-consumer', 'solution'),
  ports: { lab: 0, stripe: 0, deepgram: 0, app: 0 },
});
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeap = Math.max(peakHeap, heapUsed);
}, 20);

const started = performance.now();
const response = await fetch(`${lab.urls.lab}/api/scenarios/push-vs-poll`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(PARAMS),
});
const wallMs = Math.round(performance.now() - started);
clearInterval(sampler);
const result = (await response.json()) as PushVsPollResult;
await lab.close();
rmSync(workspaceDir, { recursive: true, force: true });
if (!response.ok) {
  console.error('The scenario failed:', result);
  process.exit(1);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const row = (name: string, f: StrategyFigures) => ({
  strategy: name,
  requests: f.requests,
  wasted: f.wasted,
  detected: f.detected,
  missed: f.missed,
  'latency p50 ms': f.detectionLatencyMs?.p50 ?? '-',
  'p95 ms': f.detectionLatencyMs?.p95 ?? '-',
  'max ms': f.detectionLatencyMs?.max ?? '-',
  bytes: f.bytes,
  'peak req/s': f.peakRequestsPerSecond,
});
console.log(`${PARAMS.jobs} jobs of ${PARAMS.jobSeconds} s, poll every ${PARAMS.pollIntervalMs} ms, at ${PARAMS.speed}× clock`);
printTable([row('push', result.push), row('poll', result.poll)]);
console.log(`wall time ${(wallMs / 1000).toFixed(2)} s (scenario ${(result.wallMs / 1000).toFixed(2)} s), clock time ${((result.clock.endedAt - result.clock.startedAt) / 1000).toFixed(1)} s`);
console.log(`lab peak memory: rss ${mb(peakRss)}, heap ${mb(peakHeap)}`);
console.log(result.summary);
console.log(JSON.stringify({ bench: 'push-vs-poll', params: PARAMS, wallMs, peakRssBytes: peakRss, peakHeapBytes: peakHeap, push: { ...result.push, perSecond: undefined }, poll: { ...result.poll, perSecond: undefined } }));

const lost = PARAMS.jobs - result.push.detected;
if (lost > 0 || wallMs >= LIMIT_MS) {
  console.error(`FAILED: ${lost} callbacks lost, wall time ${wallMs} ms (limit ${LIMIT_MS} ms).`);
  process.exitCode = 1;
}
