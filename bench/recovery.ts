/**
 * `npm run bench -- recovery`: how fast "your app" comes back from each way learner code can
 * break it (unhandled rejection, process.exit, infinite loop, unbounded memory), RUNS times each:
 * from the breaking request to the lab knowing (detected) and to serving again (back). The
 * baseline, in the same run, is the same crash without the warm spare (a cold process start).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess } from '../server/app/app-process.ts';
import { BREAKING_HANDLER } from '../server/app/breaking-handler.fixture.ts';
import type { CrashReport } from '../server/app/crash-report.ts';
import { percentile, printTable } from './_stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CACHE = join(import.meta.dirname, '..', 'node_modules', '.cache', 'hooklab');
mkdirSync(CACHE, { recursive: true });
const dir = mkdtempSync(join(CACHE, 'bench-recovery-'));
writeFileSync(join(dir, 'app.ts'), BREAKING_HANDLER);

/** Breaks the app with `path` and resolves with ms to detection and to serving again. */
async function breakOnce(app: AppProcess, url: string, path: string): Promise<{ detected: number; back: number }> {
  await app.whenSpareReady();
  const crashed = new Promise<CrashReport>((resolve) => app.once('crash', resolve));
  const sentAt = performance.now();
  void fetch(`${url}${path}`, { method: 'POST' }).catch(() => null);
  await crashed;
  const detected = performance.now() - sentAt;
  await new Promise<void>((resolve) => app.once('status', (status) => status === 'up' && resolve()));
  const back = performance.now() - sentAt;
  return { detected, back };
}

const rows: Record<string, string | number>[] = [];
const result: Record<string, number> = {};
for (const warmSpare of [true, false]) {
  const app = new AppProcess({ dir, port: 0, maxHeapMb: 64, warmSpare });
  const url = `http://127.0.0.1:${await app.start()}`;
  for (const [kind, path] of [['unhandled rejection', '/reject'], ['process.exit', '/exit'], ['infinite loop', '/loop'], ['out of memory', '/hog']] as const) {
    const detected: number[] = [];
    const back: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const times = await breakOnce(app, url, path);
      detected.push(times.detected);
      back.push(times.back);
    }
    const restart = back.map((b, i) => b - detected[i]);
    rows.push({
      crash: kind,
      restart: warmSpare ? 'warm spare' : 'cold (baseline)',
      'detected p50 ms': Math.round(percentile(detected, 50)),
      'restart p50 ms': Math.round(percentile(restart, 50)),
      'restart p95 ms': Math.round(percentile(restart, 95)),
      'back p50 ms': Math.round(percentile(back, 50)),
    });
    const key = `${path.slice(1)}${warmSpare ? 'Warm' : 'Cold'}`;
    result[`${key}DetectedP50Ms`] = Math.round(percentile(detected, 50));
    result[`${key}RestartP50Ms`] = Math.round(percentile(restart, 50));
    result[`${key}BackP50Ms`] = Math.round(percentile(back, 50));
  }
  await app.stop();
}
rmSync(dir, { recursive: true, force: true });
printTable(rows);
console.log('detected: from the breaking request to the lab knowing; restart: from then to serving again (target ≤ 1000 ms; a hang is found within 2 s).');
console.log(JSON.stringify({ bench: 'recovery', runs: RUNS, ...result }));
