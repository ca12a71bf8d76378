import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { sampleRecord } from '../server/timeline/record.fixture.ts';
import { spokenText } from './page-helpers.ts';
import { ARTIFACTS, useStack, watchConsole } from './stack.ts';

const LESSON = '03-first-consumer';
const env = useStack();

async function openLesson(allow: RegExp[] = []): Promise<{ page: Page; problems: string[] }> {
  const context = await env.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  const problems = watchConsole(page, allow);
  await page.goto(`${env.stack.url}#/lessons/${LESSON}`);
  await page.getByRole('heading', { level: 1, name: 'Your first consumer' }).waitFor();
  return { page, problems };
}

test('a fault switched on in the page is labelled on the next delivery, and switched off again', async () => {
  const { page, problems } = await openLesson();
  await page.getByText('Misbehave (fault injection)').click();
  await page.getByLabel('Corrupt the signature').check();
  await expect.poll(() => env.stack.lab.faults.get().corruptSignature).toBe(true);
  await page.getByText('— 1 on').waitFor();

  await page.getByRole('button', { name: 'Trigger a payment' }).click();
  const record = await env.stack.lab.timeline.waitFor((r) => r.kind === 'webhook' && (r.labels?.includes('corrupt signature') ?? false));
  const row = page.locator(`timeline-view button.row[data-id="${record.id}"]`);
  await row.click();
  expect(await page.locator('record-inspector section').textContent()).toContain('corrupt signature');

  await page.getByRole('button', { name: 'All off' }).click();
  await expect.poll(() => env.stack.lab.faults.get().corruptSignature).toBe(false);
  await page.screenshot({ path: join(ARTIFACTS, 'delivery-faults.png') });
  expect(problems).toEqual([]);
});

test('Resend in the inspector delivers the event again, labelled manual resend', async () => {
  const { page, problems } = await openLesson();
  await page.getByRole('button', { name: 'Trigger a payment' }).click();
  const first = await env.stack.lab.timeline.waitFor((r) => r.kind === 'webhook' && r.status === 200 && r.request.body.includes('"payment_intent.succeeded"') && !r.labels);
  await page.locator(`timeline-view button.row[data-id="${first.id}"]`).click();
  await page.locator('record-inspector').getByRole('button', { name: 'Resend' }).click();
  await page.locator('record-inspector').getByText(/Resent evt_/).waitFor();
  const again = await env.stack.lab.timeline.waitFor((r) => r.eventId === first.eventId && (r.labels?.includes('manual resend') ?? false));
  expect(again.status).toBe(200);
  expect(problems).toEqual([]);
});

test('Resend on a delivery from an earlier session says why the mock Stripe does not know it, and what to do', async () => {
  // The browser reports the lab's 404 answer in the console; that one is provoked on purpose.
  const { page, problems } = await openLesson([/status of 404/]);
  // The timeline outlives a lab restart; the mock Stripe's events do not.
  const at = env.stack.lab.clock.now();
  const old = env.stack.lab.timeline.add(
    sampleRecord({
      runId: 'run_earlier',
      url: `${env.stack.lab.urls.app}/webhooks/stripe`,
      startedAt: at,
      endedAt: at + 5,
      request: { headers: {}, body: JSON.stringify({ id: 'evt_from_an_earlier_session', type: 'customer.created' }) },
      eventId: 'evt_from_an_earlier_session',
    }),
  );
  await page.locator(`timeline-view button.row[data-id="${old.id}"]`).click();
  await page.locator('record-inspector').getByRole('button', { name: 'Resend' }).click();
  const alert = page.locator('record-inspector error-notice [role="alert"]');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/Could not resend:.*No such event: 'evt_from_an_earlier_session'.*earlier session\. Trigger a new one to resend\./s);
  await page.locator('record-inspector').screenshot({ path: join(ARTIFACTS, 'resend-forgotten-event.png') });
  expect(problems).toEqual([]);
});

test('the clock controls pause, change speed and step to the next scheduled retry, naming it', async () => {
  const { page, problems } = await openLesson();
  const clock = page.locator('clock-controls');
  await clock.getByRole('button', { name: 'Pause' }).click();
  await clock.getByRole('button', { name: 'Resume' }).waitFor();
  expect(env.stack.lab.clock.state().paused).toBe(true);

  env.stack.lab.faults.update({ failFirstAttempt: true });
  try {
    await page.getByRole('button', { name: 'Trigger a payment' }).click();
    await clock.getByText(/Next, in 5\.00 s of clock time: attempt 2 of evt_/).waitFor();
    await clock.getByRole('button', { name: /Step/ }).click();
    // Your app answered 200 both times; the first answer was "lost", and its row says so.
    const lostFirst = (eventId: string) =>
      env.stack.lab.timeline.list().find((r) => r.eventId === eventId && r.attempt === 1 && (r.labels?.includes('fail first attempt') ?? false));
    const retry = await env.stack.lab.timeline.waitFor((r) => r.kind === 'retry' && r.attempt === 2 && lostFirst(r.eventId ?? '') !== undefined);
    const lost = lostFirst(retry.eventId ?? '')!;
    const rowOf = (id: string) => page.locator(`timeline-view button.row[data-id="${id}"]`);
    await expect.poll(() => spokenText(rowOf(lost.id))).toContain('200, answer lost on the way back');
    await expect.poll(() => spokenText(rowOf(retry.id))).toContain('200, success');
  } finally {
    env.stack.lab.faults.reset();
  }

  await clock.getByRole('button', { name: '100×' }).click();
  await expect.poll(() => env.stack.lab.clock.state().speed).toBe(100);
  // The lab's clock changes before its answer reaches the page; wait for the page to show it.
  await expect.poll(() => clock.getByRole('button', { name: '100×' }).getAttribute('aria-pressed')).toBe('true');
  await page.screenshot({ path: join(ARTIFACTS, 'delivery-clock.png') });
  await clock.getByRole('button', { name: '1×' }).click();
  await clock.getByRole('button', { name: 'Resume' }).click();
  expect(problems).toEqual([]);
});
