import { join } from 'node:path';
import { expect, test } from 'vitest';
import { focusedLabel } from './page-helpers.ts';
import { ARTIFACTS, useStack, watchConsole } from './stack.ts';

const env = useStack();

test('lesson 07 runs the article\'s 2 s poll against push and reads the measured figures', async () => {
  const context = await env.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light' });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${env.stack.url}#/lessons/07-push-vs-poll`);
  const view = page.locator('push-vs-poll-view');
  await view.getByRole('button', { name: "The article's example" }).waitFor();
  await expect(view.getByRole('button', { name: "The article's example" }).getAttribute('aria-pressed')).resolves.toBe('true');
  await view.locator('select').last().selectOption('1000');
  await view.getByRole('button', { name: 'Run both ways' }).click();
  const summary = view.locator('p.summary');
  await summary.waitFor({ timeout: 20_000 });
  await expect(summary.textContent()).resolves.toBe(
    'Polling made 15 requests for 1 job, 14 of them wasted, and noticed the finished job 1.1 s late. Push made 1 request, none wasted, and noticed the finished job at once.',
  );
  await expect(view.locator('strategy-figures.poll dd').first().textContent()).resolves.toBe('15');
  await expect(view.locator('run-lanes circle.mark.poll').count()).resolves.toBe(15);
  await expect(view.locator('run-lanes circle.mark.poll.news').count()).resolves.toBe(1);
  await expect(view.locator('rate-chart path.push').count()).resolves.toBe(1);
  await view.screenshot({ path: join(ARTIFACTS, 'push-vs-poll-article.png') });
  // A mark is a real request: clicking the last poll opens it, with the answer that said "completed".
  await view.locator('run-lanes circle.mark.poll.news').click();
  await view.locator('record-inspector').getByText(/"status":\s*"completed"/).first().waitFor();
  // From the keyboard: the 16 marks are one Tab stop, and the arrow keys walk through them.
  await view.locator('record-inspector').getByRole('button', { name: 'Close the inspector' }).click();
  await view.locator('run-lanes circle.mark').first().focus();
  await expect(view.locator('run-lanes circle.mark[tabindex="0"]').count()).resolves.toBe(1);
  expect(await focusedLabel(page)).toMatch(/^Callback at .*brought the news/);
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toMatch(/^Poll at 2 s: 200, success, nothing new/);
  await page.keyboard.press('End');
  expect(await focusedLabel(page)).toMatch(/^Poll at .*brought the news/);
  await page.keyboard.press('Enter');
  await view.locator('record-inspector').getByText(/"status":\s*"completed"/).first().waitFor();
  await page.locator('run-lanes circle.mark').last().focus();
  await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).not.toMatch(/^(Poll|Callback) at/);

  await view.getByRole('button', { name: 'A busy hour' }).click();
  await view.locator('select').last().selectOption('1000');
  await view.getByRole('button', { name: 'Run both ways' }).click();
  await view.locator('p.summary', { hasText: 'for 50 jobs' }).waitFor({ timeout: 20_000 });
  await view.locator('run-lanes').getByText(/^The first 10 of 50 jobs/).waitFor();
  await view.locator('run-lanes').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'push-vs-poll-busy.png') });

  await view.getByRole('button', { name: "The article's naive loop" }).click();
  await view.locator('select').last().selectOption('1000');
  await view.getByRole('button', { name: 'Run both ways' }).click();
  await view.locator('p.summary', { hasText: 'The naive loop' }).waitFor({ timeout: 20_000 });
  await expect(view.locator('strategy-figures.poll dd.warn').textContent()).resolves.toBe('5');
  await view.screenshot({ path: join(ARTIFACTS, 'push-vs-poll-naive.png') });
  expect(problems).toEqual([]);
  await context.close();
});
