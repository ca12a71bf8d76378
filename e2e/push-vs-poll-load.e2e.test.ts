import { expect, test } from 'vitest';
import { recordFrameGaps, startThousandJobs, takeFrameGaps } from './page-helpers.ts';
import { useStack, watchConsole } from './stack.ts';

const env = useStack();

// How long frames wait during such a run is measured by `npm run bench -- page-stream`; this test
// checks that the page keeps painting and answering input, whatever the machine's speed.
test('the page stays responsive while 1,000 jobs stream 17,000 records onto its timeline', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = watchConsole(page);
  await page.goto(`${env.stack.url}#/lessons/07-push-vs-poll`);
  const view = page.locator('push-vs-poll-view');
  await view.getByRole('button', { name: 'A busy hour' }).waitFor();
  await recordFrameGaps(page);
  await startThousandJobs(page);

  // While the records stream in, a click still takes effect.
  await page.locator('timeline-view button.row[data-kind="poll"]').first().waitFor();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');

  await view.locator('p.summary').waitFor({ timeout: 90_000 });
  await expect(view.locator('p.summary').textContent()).resolves.toMatch(/^Polling made 15,000 requests for 1,000 jobs, 14,000 of them wasted.*Push made 1,000 requests, none wasted/);
  // Before rendering was throttled, frames stalled for seconds and the run took minutes.
  expect((await takeFrameGaps(page)).length).toBeGreaterThan(100);
  expect(await page.locator('timeline-view button.row').count()).toBeLessThanOrEqual(100);
  expect(problems).toEqual([]);
}, 120_000);
