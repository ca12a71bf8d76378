import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ARTIFACTS, launchChromium, type Stack, startStack, watchConsole } from './stack.ts';

const LESSON = '03-first-consumer';
const SCREENSHOT = resolve(import.meta.dirname, '..', 'docs', 'screenshot.png');

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openPage(options: BrowserContextOptions, allow: RegExp[] = []): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', ...options });
  const page = await context.newPage();
  const problems = watchConsole(page, allow);
  return { page, problems };
}

/** The timeline row of the 200 delivery of payment_intent.succeeded to "your app". */
function deliveredPaymentRow(page: Page) {
  return page.locator('timeline-view button.row[data-kind="webhook"][data-status="200"]', { hasText: 'payment_intent.succeeded' }).last();
}

/** The focused element, looking through shadow roots, described by its label or text. */
function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim();
  });
}

async function tabUntil(page: Page, matches: (label: string) => boolean, maxPresses = 40): Promise<string> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const label = await focusedLabel(page);
    if (matches(label)) return label;
  }
  throw new Error(`Tab never reached the element after ${maxPresses} presses.`);
}

test('opens lesson 03, triggers a payment and shows the 200 delivery in the timeline and the inspector', async () => {
  const { page, problems } = await openPage({});
  await page.goto(stack.url);
  await page.getByRole('link', { name: /Your first consumer/ }).click();
  await page.waitForURL(`**/#/lessons/${LESSON}`);
  await page.getByRole('heading', { level: 1, name: 'Your first consumer' }).waitFor();
  await page.locator('party-health li.up', { hasText: 'Your app' }).waitFor();

  const clickedAt = Date.now();
  await page.getByRole('button', { name: 'Trigger a payment' }).click();
  const row = deliveredPaymentRow(page);
  await row.waitFor();
  const latencyMs = Date.now() - clickedAt;
  console.log(`e2e: trigger click → 200 delivery row visible in ${latencyMs} ms`);
  expect(latencyMs).toBeLessThan(3000);
  expect(await row.locator('.status').textContent()).toBe('200');
  expect(await row.locator('.path').textContent()).toBe('/webhooks/stripe');
  expect(await row.locator('.parties').textContent()).toBe('Stripe → app');

  await row.click();
  const inspector = page.locator('record-inspector');
  await inspector.getByRole('heading', { name: /POST .*\/webhooks\/stripe/ }).waitFor();
  const text = (await inspector.locator('section').textContent()) ?? '';
  expect(text).toContain('200, success');
  expect(text).toContain('stripe-signature');
  expect(text).toContain('"type": "payment_intent.succeeded"');
  expect(text).toContain('"received": true');

  await page.screenshot({ path: join(ARTIFACTS, 'lesson-03-light-1280.png') });
  await page.screenshot({ path: SCREENSHOT });
  expect(problems).toEqual([]);
});

test('fits 1024 px in the dark theme, with the timeline and inspector usable', async () => {
  const { page, problems } = await openPage({ viewport: { width: 1024, height: 768 }, colorScheme: 'dark' });
  await page.goto(`${stack.url}#/lessons/${LESSON}`);
  await page.getByRole('heading', { level: 1, name: 'Your first consumer' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

  await page.getByRole('button', { name: 'Trigger a payment' }).click();
  await deliveredPaymentRow(page).click();
  await page.locator('record-inspector h2').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const triggerBox = await page.getByRole('button', { name: 'Trigger a payment' }).boundingBox();
  expect(triggerBox && triggerBox.x + triggerBox.width).toBeLessThanOrEqual(1024);

  await page.screenshot({ path: join(ARTIFACTS, 'lesson-03-dark-1024.png') });
  expect(problems).toEqual([]);
});

test('remembers the theme the learner picks across reloads', async () => {
  const { page, problems } = await openPage({ colorScheme: 'light' });
  await page.goto(`${stack.url}#/lessons/${LESSON}`);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  await toggle.click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your first consumer' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
  await page.screenshot({ path: join(ARTIFACTS, 'lesson-03-dark-1280.png') });
  expect(problems).toEqual([]);
});

test('can be driven from the keyboard alone: trigger, open a row, close it with Escape', async () => {
  const { page, problems } = await openPage({});
  await page.goto(`${stack.url}#/lessons/${LESSON}`);
  await page.getByRole('heading', { level: 1, name: 'Your first consumer' }).waitFor();

  await tabUntil(page, (label) => label === 'Trigger a payment');
  const before = await page.locator('timeline-view button.row').count();
  await page.keyboard.press('Enter');
  await page.locator('timeline-view button.row').nth(before + 3).waitFor();

  await tabUntil(page, (label) => label.startsWith('webhook from') || label.startsWith('api from'));
  await page.keyboard.press('End');
  expect(await focusedLabel(page)).toMatch(/^webhook from Stripe to your app, POST \/webhooks\/stripe, 200, success/);
  await page.keyboard.press('Enter');
  await page.locator('record-inspector h2').waitFor();
  await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).toBe('Close the inspector');
  await page.keyboard.press('Escape');
  await page.locator('record-inspector').waitFor({ state: 'detached' });
  expect(await focusedLabel(page)).toMatch(/^webhook from Stripe to your app/);
  await page.screenshot({ path: join(ARTIFACTS, 'keyboard-focus.png') });
  expect(problems).toEqual([]);
});

test('runs the checks from the page and marks the lesson complete when they pass', async () => {
  const { page, problems } = await openPage({});
  await page.goto(`${stack.url}#/lessons/${LESSON}`);
  await page.getByRole('button', { name: 'Check my work' }).click();
  await page.getByText(/All \d+ checks pass: the lesson is complete\./).waitFor({ timeout: 60_000 });
  const results = page.getByRole('list', { name: 'Check results' }).getByRole('listitem');
  expect(await results.count()).toBeGreaterThan(0);
  for (const text of await results.allTextContents()) expect(text).toContain('(passed)');
  await page.locator('lesson-list a[aria-current="page"]', { hasText: '(completed)' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'checks-passed.png') });
  expect(problems).toEqual([]);
});

test('shows the lab error, with its hint, for a lesson that does not exist', async () => {
  const { page, problems } = await openPage({}, [/Failed to load resource: the server responded with a status of 404/]);
  await page.goto(`${stack.url}#/lessons/99-no-such-lesson`);
  const alert = page.locator('lesson-view error-notice [role="alert"]');
  await alert.waitFor();
  const text = (await alert.textContent()) ?? '';
  expect(text).toContain('No lesson "99-no-such-lesson"');
  expect(text).toContain('GET /api/lessons lists the lessons there are.');
  expect(problems).toEqual([]);
});
