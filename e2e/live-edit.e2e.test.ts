import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { LESSONS_DIR } from '../server/lab/lessons.ts';
import { deliveredPaymentRow, focusedLabel, triggerPayment } from './page-helpers.ts';
import { ARTIFACTS, useStack, watchConsole } from './stack.ts';

const LESSON = '03-first-consumer';
const env = useStack();
const appFile = () => join(env.stack.workspaceDir, LESSON, 'app.ts');

async function openLesson(options: BrowserContextOptions = {}, allow: RegExp[] = []): Promise<{ page: Page; problems: string[]; editor: Locator }> {
  const context = await env.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', ...options });
  const page = await context.newPage();
  // A step that hangs fails on its own line, well inside the test timeout.
  page.setDefaultTimeout(10_000);
  const problems = watchConsole(page, allow);
  await page.goto(`${env.stack.url}#/lessons/${LESSON}`);
  await page.getByRole('heading', { level: 1, name: 'Your first consumer' }).waitFor();
  await page.locator('party-health li.up', { hasText: 'Your app' }).waitFor();
  const editor = page.getByRole('textbox', { name: 'Edit app.ts' });
  await editor.waitFor();
  return { page, problems, editor };
}

/** Finds `text` with the editor's search (Ctrl-F), leaving it selected, and types `replacement` over it. */
async function replaceInEditor(page: Page, editor: Locator, text: string, replacement: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('Control+f');
  const search = page.locator('workspace-editor .cm-search input[name="search"]');
  // The search panel takes its query on key up, so type it rather than fill it.
  await search.pressSequentially(text);
  await search.press('Enter');
  await search.press('Escape');
  await page.keyboard.type(replacement);
}

test('typing and Ctrl-S change what "your app" answers; an infinite loop saved is survived, and the file keeps what was typed', async () => {
  const { page, problems, editor } = await openLesson();
  await page.screenshot({ path: join(ARTIFACTS, 'live-edit-editor-light-1280.png') });

  await replaceInEditor(page, editor, 'eventId: event.id', "eventId: event.id, handledBy: 'the page editor'");
  await page.locator('workspace-editor .dirty', { hasText: 'Unsaved changes' }).waitFor();
  await editor.press('Control+s');
  await page.locator('workspace-editor [role="status"]', { hasText: /Saved app\.ts .*: your app runs the new code\./ }).waitFor();
  expect(await page.locator('workspace-editor .dirty').count()).toBe(0);
  expect(readFileSync(appFile(), 'utf8')).toContain("handledBy: 'the page editor'");

  const row = deliveredPaymentRow(page, await triggerPayment(page));
  await row.click();
  const inspector = page.locator('record-inspector');
  await inspector.getByRole('heading', { name: /POST .*\/webhooks\/stripe/ }).waitFor();
  expect(await inspector.locator('section').textContent()).toContain('"handledBy": "the page editor"');
  await inspector.locator('pre', { hasText: 'handledBy' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'live-edit-new-behaviour.png') });

  await replaceInEditor(page, editor, 'const event = req.body;', 'const event = req.body; while (true) {}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('workspace-editor [role="status"]', { hasText: /Saved app\.ts .*: your app runs the new code\./ }).waitFor();
  const startedAt = Date.now();
  await triggerPayment(page);
  const banner = page.locator('app-status [role="alert"]', { hasText: 'Your handler never returned on POST /webhooks/stripe' });
  await banner.waitFor({ timeout: 15_000 });
  await page.locator('party-health li.up', { hasText: 'Your app' }).waitFor({ timeout: 15_000 });
  console.log(`e2e: infinite loop saved → lab reports the hang and "your app" is back in ${Date.now() - startedAt} ms`);
  await page.locator('app-status [role="alert"]', { hasText: /Your app hung, and was serving again \d+ ms later/ }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'live-edit-hang-recovered.png') });
  expect(readFileSync(appFile(), 'utf8')).toContain('const event = req.body; while (true) {}');
  expect(await editor.textContent()).toContain('while (true) {}');

  // The page still works: undo the loop in the editor, save, and the next payment is answered.
  await editor.click();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await editor.textContent())?.includes('while (true)')).toBe(false);
  await page.keyboard.press('Control+s');
  await expect.poll(() => readFileSync(appFile(), 'utf8').includes('while (true)')).toBe(false);
  await deliveredPaymentRow(page, await triggerPayment(page)).waitFor({ timeout: 15_000 });
  expect(problems).toEqual([]);
});

test('a save made in another editor shows up at once; under unsaved edits both versions are offered', async () => {
  const { page, problems, editor } = await openLesson({ viewport: { width: 1024, height: 768 }, colorScheme: 'dark' });
  const original = readFileSync(appFile(), 'utf8');
  writeFileSync(appFile(), `${original}// saved in vim\n`);
  await expect.poll(async () => editor.textContent()).toContain('// saved in vim');

  await replaceInEditor(page, editor, '// saved in vim', '// typed in the page');
  writeFileSync(appFile(), `${original}// saved in vim, again\n`);
  const conflict = page.locator('workspace-editor [role="alert"]', { hasText: 'app.ts changed on disk' });
  await conflict.waitFor();
  await conflict.locator('code-diff .cm-changedLine', { hasText: '// saved in vim, again' }).waitFor();
  await conflict.locator('code-diff .cm-deletedChunk', { hasText: '// typed in the page' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'live-edit-conflict-dark-1024.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Focus was in the hidden editor: it moves to the choice, and back to the editor once chosen.
  await expect.poll(() => focusedLabel(page)).toMatch(/^Keep mine/);
  await page.keyboard.press('Enter');
  await conflict.waitFor({ state: 'detached' });
  await expect.poll(() => focusedLabel(page)).toBe('Edit app.ts');
  expect(readFileSync(appFile(), 'utf8')).toContain('// typed in the page');
  expect(readFileSync(appFile(), 'utf8')).not.toContain('again');
  expect(problems).toEqual([]);
});

test('shows the solution beside the file without touching it, and Escape then Tab leaves the editor', async () => {
  const { page, problems, editor } = await openLesson({ colorScheme: 'dark' });
  const before = readFileSync(appFile(), 'utf8');
  await page.getByRole('button', { name: 'Show solution' }).click();
  const diff = page.getByRole('region', { name: 'Your file against the solution' });
  await diff.locator('.cm-changedLine', { hasText: 'res.json({ received: true, eventId: event.id });' }).waitFor();
  await diff.locator('.cm-deletedChunk', { hasText: "handledBy: 'the page editor'" }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'live-edit-solution-dark-1280.png') });
  expect(readFileSync(appFile(), 'utf8')).toBe(before);

  // Tab indents inside the editor (focus stays); Escape then Tab moves on.
  await editor.click();
  await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).toBe('Edit app.ts');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).not.toBe('Edit app.ts');
  expect(problems).toEqual([]);
});

test('a save that does not compile is marked on its line in the editor, and the mark goes once it is fixed', async () => {
  const { page, problems, editor } = await openLesson({ viewport: { width: 1024, height: 768 } });
  await replaceInEditor(page, editor, 'const event = req.body;', 'const event = req.body; const broken = ;');
  await editor.press('Control+s');
  await page.locator('workspace-editor [role="status"]', { hasText: 'does not compile' }).waitFor();
  await page.locator('app-status [role="alert"]', { hasText: 'app.ts (line 7' }).waitFor();
  const mark = page.locator('workspace-editor .cm-lintRange-error');
  await mark.waitFor();
  // esbuild points at the unexpected ";": the mark starts there, on the line that holds it.
  expect(await mark.textContent()).toBe(';');
  expect(await page.locator('workspace-editor .cm-line', { has: page.locator('.cm-lintRange-error') }).textContent()).toContain('const broken = ;');
  await page.locator('workspace-editor .cm-lint-marker-error').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'live-edit-compile-error-light-1024.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await editor.press('Control+z');
  await editor.press('Control+s');
  await page.locator('workspace-editor [role="status"]', { hasText: /Saved app\.ts .*: your app runs the new code\./ }).waitFor();
  await mark.waitFor({ state: 'detached' });
  await page.locator('app-status [role="alert"]', { hasText: 'does not compile' }).waitFor({ state: 'detached' });
  expect(readFileSync(appFile(), 'utf8')).not.toContain('broken');
  expect(problems).toEqual([]);
});

test('Reset to starter asks first, saying a history copy is kept, then puts the starter back and names the copy', async () => {
  const { page, problems, editor } = await openLesson();
  const before = readFileSync(appFile(), 'utf8');
  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Reset to starter' }).click();
  const status = page.locator('workspace-editor [role="status"]', { hasText: /Your previous file is kept in workspace\/\.history\// });
  await status.waitFor();
  expect(question).toContain('workspace/.history/');
  const starter = readFileSync(join(LESSONS_DIR, LESSON, 'starter', 'app.ts'), 'utf8');
  expect(readFileSync(appFile(), 'utf8')).toBe(starter);
  await expect.poll(async () => editor.textContent()).toContain('TODO 1');
  const kept = /workspace\/(\.history\/\S+?)\.?$/.exec((await status.textContent()) ?? '')?.[1];
  expect(kept && readFileSync(join(env.stack.workspaceDir, kept), 'utf8')).toBe(before);
  // Put the working handler back for whoever runs next.
  writeFileSync(appFile(), before);
  expect(problems).toEqual([]);
});

test('loads CodeMirror only when a lesson shows the editor', async () => {
  const context = await env.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${env.stack.url}#/lessons/07-push-vs-poll`);
  await page.getByRole('heading', { level: 1, name: /Push versus poll/ }).waitFor();
  await page.locator('party-health li.up', { hasText: 'Your app' }).waitFor();
  expect(requested.filter((url) => /codemirror/i.test(url))).toEqual([]);

  await page.getByRole('link', { name: /Your first consumer/ }).click();
  await page.getByRole('textbox', { name: 'Edit app.ts' }).waitFor();
  expect(requested.some((url) => /codemirror/i.test(url))).toBe(true);
  expect(problems).toEqual([]);
});

test('unsaved edits survive going to another lesson and back', async () => {
  const { page, problems, editor } = await openLesson({});
  await replaceInEditor(page, editor, 'export default router;', 'export default router; // still here');
  await page.getByRole('link', { name: /Push versus poll/ }).click();
  await page.getByRole('heading', { level: 1, name: /Push versus poll/ }).waitFor();
  await page.getByRole('link', { name: /Your first consumer/ }).click();
  await expect.poll(async () => page.getByRole('textbox', { name: 'Edit app.ts' }).textContent()).toContain('// still here');
  await page.locator('workspace-editor .dirty', { hasText: 'Unsaved changes' }).waitFor();
  expect(readFileSync(appFile(), 'utf8')).not.toContain('// still here');
  expect(problems).toEqual([]);
});
