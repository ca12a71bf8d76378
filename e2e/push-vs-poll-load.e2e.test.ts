import { expect, test } from 'vitest';
import { useStack, watchConsole } from './stack.ts';

const env = useStack();

test('the page stays responsive while 1,000 jobs stream 17,000 records onto its timeline', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = watchConsole(page);
  await page.goto(`${env.stack.url}#/lessons/07-push-vs-poll`);
  const view = page.locator('push-vs-poll-view');
  await view.getByRole('button', { name: 'A busy hour' }).waitFor();
  // Every animation frame notes how long it waited since the previous one.
  await page.evaluate(() => {
    const probe = window as unknown as { frameGaps: number[] };
    probe.frameGaps = [];
    let last = performance.now();
    const tick = (now: number) => {
      probe.frameGaps.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const fields = view.locator('scenario-controls input');
  await fields.nth(0).fill('1000');
  await fields.nth(1).fill('30');
  await fields.nth(2).fill('30');
  await view.locator('scenario-controls select').last().selectOption('100');
  await view.getByRole('button', { name: 'Run both ways' }).click();
  await view.locator('p.summary').waitFor({ timeout: 90_000 });
  await expect(view.locator('p.summary').textContent()).resolves.toMatch(/^Polling made 15,000 requests for 1,000 jobs, 14,000 of them wasted.*Push made 1,000 requests, none wasted/);
  const gaps = await page.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps);
  // Before rendering was throttled, frames stalled for seconds and the run took minutes.
  expect(gaps.length).toBeGreaterThan(100);
  expect(Math.max(...gaps)).toBeLessThan(2000);
  expect(await page.locator('timeline-view button.row').count()).toBeLessThanOrEqual(100);
  expect(problems).toEqual([]);
}, 120_000);
