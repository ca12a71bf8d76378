/**
 * `npm run bench -- page-stream`: how well the page keeps up while a push-versus-poll run of 1,000
 * jobs streams about 17,000 records onto its timeline. Chromium notes the gap between animation
 * frames (how long the page could neither paint nor answer input), first on the idle lesson page,
 * the baseline, then during the run.
 */
import { recordFrameGaps, startThousandJobs, takeFrameGaps } from '../e2e/page-helpers.ts';
import { launchChromium, startStack } from '../e2e/stack.ts';
import { percentile, printTable } from './_stats.ts';

/** Frames of the idle baseline: about three seconds at 60 frames a second. */
const IDLE_FRAMES = 180;

const [stack, browser] = await Promise.all([startStack(), launchChromium()]);
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${stack.url}#/lessons/07-push-vs-poll`);
  const view = page.locator('push-vs-poll-view');
  await view.getByRole('button', { name: 'A busy hour' }).waitFor();
  await recordFrameGaps(page);
  await page.waitForFunction((count) => (window as unknown as { frameGaps: number[] }).frameGaps.length >= count, IDLE_FRAMES);
  const idle = await takeFrameGaps(page);

  const started = performance.now();
  await startThousandJobs(page);
  await view.locator('p.summary').waitFor({ timeout: 120_000 });
  const wallMs = Math.round(performance.now() - started);
  const streaming = await takeFrameGaps(page);
  const records = stack.lab.timeline.list().filter((r) => r.runId.startsWith('pvp_')).length;

  const figures = (gaps: number[]) => ({
    frames: gaps.length,
    p50Ms: round(percentile(gaps, 50)),
    p95Ms: round(percentile(gaps, 95)),
    maxMs: round(Math.max(...gaps)),
  });
  const baseline = figures(idle);
  const run = figures(streaming);
  printTable([
    { page: 'idle lesson 07 (baseline)', ...baseline },
    { page: `1,000-job run, ${records} records`, ...run },
  ]);
  console.log(`\nrun wall time ${(wallMs / 1000).toFixed(1)} s; frame gap during the run vs idle: p95 ${ratio(run.p95Ms, baseline.p95Ms)}×, worst ${ratio(run.maxMs, baseline.maxMs)}×`);
  console.log(JSON.stringify({ bench: 'page-stream', records, wallMs, idle: baseline, run }));
} finally {
  await browser.close();
  await stack.close();
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function ratio(a: number, b: number): string {
  return (a / b).toFixed(1);
}
