import type { ElementHandle, Locator, Page } from 'playwright-core';
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

/** What a screen reader names an element by: its aria-label, else its text outside aria-hidden parts. */
const spoken = (element: Node): string => {
  const label = element instanceof Element ? element.getAttribute('aria-label') : null;
  if (label) return label.trim();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('[aria-hidden="true"]')) text += node.textContent;
  }
  return text.replace(/\s+/g, ' ').trim();
};

/** The name a screen reader gives `target` (see `spoken`). */
export function spokenText(target: Locator): Promise<string> {
  return target.evaluate(spoken);
}

/** The focused element, looking through shadow roots, by the name a screen reader gives it. */
export async function focusedLabel(page: Page): Promise<string> {
  const handle = await page.evaluateHandle(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element;
  });
  const element = handle.asElement() as ElementHandle<Node> | null;
  return element ? element.evaluate(spoken) : '';
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

/**
 * From now on, each animation frame of the page notes how long it came after the previous one.
 * (A string, not a function: tsx, which runs the benchmarks, wraps named functions in a helper
 * that does not exist in the page.)
 */
export async function recordFrameGaps(page: Page): Promise<void> {
  await page.evaluate(`{
    window.frameGaps = [];
    let last = performance.now();
    const tick = (now) => {
      window.frameGaps.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }`);
}

/** The frame gaps (ms) noted since `recordFrameGaps` or the last call, which starts a new list. */
export function takeFrameGaps(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const probe = window as unknown as { frameGaps: number[] };
    const gaps = probe.frameGaps;
    probe.frameGaps = [];
    return gaps;
  });
}

/** On lesson 07, starts 1,000 jobs of 30 s, polled every 2 s (the article's preset), at 100×: about 17,000 records. */
export async function startThousandJobs(page: Page): Promise<void> {
  const view = page.locator('push-vs-poll-view');
  const fields = view.locator('scenario-controls input');
  await fields.nth(0).fill('1000');
  await fields.nth(1).fill('30');
  await fields.nth(2).fill('30');
  await view.locator('scenario-controls select').last().selectOption('100');
  await view.getByRole('button', { name: 'Run both ways' }).click();
}
