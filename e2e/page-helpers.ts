import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Clicks "Trigger a payment" and returns the run id the page reports for it. */
export async function triggerPayment(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Trigger a payment' }).click();
  const status = page.locator('trigger-control [role="status"]', { hasText: /Sent payment_intent\.succeeded/ });
  await status.waitFor();
  const runId = /\(run (\S+)\)/.exec((await status.textContent()) ?? '')?.[1];
  if (!runId) throw new Error('The page did not report the run id of the trigger.');
  return runId;
}

/** The timeline row of run `runId`'s 200 delivery of payment_intent.succeeded to "your app". */
export function deliveredPaymentRow(page: Page, runId: string) {
  return page.locator(`timeline-view button.row[data-run="${runId}"][data-kind="webhook"][data-status="200"]`, { hasText: 'payment_intent.succeeded' });
}

/** The focused element, looking through shadow roots, described by its label or text. */
export function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim();
  });
}

/** The list follows the newest row: its bottom edge is inside the list's box, without scrolling by hand. */
export async function expectNewestRowInView(page: Page): Promise<void> {
  const row = page.locator('timeline-view timeline-row').last();
  const list = page.locator('timeline-view ol.list');
  await expect
    .poll(async () => {
      const [rowBox, listBox] = [await row.boundingBox(), await list.boundingBox()];
      return rowBox && listBox ? Math.round(rowBox.y + rowBox.height - (listBox.y + listBox.height)) : null;
    })
    .toBeLessThanOrEqual(1);
}

/** Presses Tab until the focused element's label matches; fails after `maxPresses`. */
export async function tabUntil(page: Page, matches: (label: string) => boolean, maxPresses = 40): Promise<string> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const label = await focusedLabel(page);
    if (matches(label)) return label;
  }
  throw new Error(`Tab never reached the element after ${maxPresses} presses.`);
}

/** Resolves after the page has rendered two more frames. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
