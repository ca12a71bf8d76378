import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { triggerPayment } from './page-helpers.ts';
import { useStack, watchConsole } from './stack.ts';

const env = useStack();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.x A and AA rules, through shadow roots) on the page as it is now. */
async function violations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[] }> } };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`lesson 03 with the editor, a delivery open in the inspector and the faults shown passes axe in the ${colorScheme} theme`, async () => {
    const context = await env.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    const page = await context.newPage();
    const problems = watchConsole(page);
    // Each step fails on its own, well inside the test's time, so that a failure names the step.
    const step = { timeout: 10_000 };
    await page.goto(`${env.stack.url}#/lessons/03-first-consumer`);
    await page.locator('code-editor .cm-content').waitFor(step);
    await page.locator('party-health li.up', { hasText: 'Your app' }).waitFor(step);
    await page.locator(`timeline-view button.row[data-run="${await triggerPayment(page)}"]`).last().click(step);
    await page.locator('record-inspector h2').waitFor(step);
    await page.getByText('Misbehave (fault injection)').click(step);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test(`lesson 07 after a push-versus-poll run passes axe in the ${colorScheme} theme`, async () => {
    const context = await env.newContext({ viewport: { width: 1024, height: 768 }, colorScheme });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${env.stack.url}#/lessons/07-push-vs-poll`);
    const view = page.locator('push-vs-poll-view');
    await view.locator('select').last().selectOption('1000');
    await view.getByRole('button', { name: 'Run both ways' }).click();
    await view.locator('p.summary').waitFor({ timeout: 60_000 });
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);
}
