import { expect, test } from 'vitest';
import type { AppReport } from './save-status.ts';
import { handlerKey, saveStatusText } from './save-status.ts';

const LESSON = '03-first-consumer';
const app = (handler: NonNullable<AppReport>['handler'], lesson: string | null = LESSON): AppReport => ({ status: 'up', port: 3000, handler, lastCrash: null, crashes: 0, lesson });
const before = app({ status: 'ready', version: 4, loadedAt: 1000 });

test('after a save, says your app is loading it until another handler is loaded, then that it runs the new code', () => {
  const status = { text: 'Saved app.ts at 10:00', saved: true, swapAfter: handlerKey(before) };
  expect(saveStatusText(status, before, LESSON)).toBe('Saved app.ts at 10:00: your app is loading it…');
  expect(saveStatusText(status, app({ status: 'ready', version: 5, loadedAt: 2000 }), LESSON)).toBe('Saved app.ts at 10:00: your app runs the new code.');
});

test('counts a restarted process (its versions start again at 1) as having loaded the saved file', () => {
  const status = { text: 'Saved', swapAfter: handlerKey(before) };
  expect(saveStatusText(status, app({ status: 'ready', version: 1, loadedAt: 3000 }), LESSON)).toBe('Saved: your app runs the new code.');
});

test('says when the saved file does not compile and the last good version keeps answering', () => {
  const error = { file: 'app.ts', line: 7, column: 42, message: 'Unexpected ";"', frame: '' };
  const status = { text: 'Saved', swapAfter: handlerKey(before) };
  expect(saveStatusText(status, app({ status: 'compile-error', version: 5, error }), LESSON)).toMatch(/^Saved, but it does not compile .*last good version keeps answering\.$/);
});

test('plain text for other actions, and for a lesson your app does not serve', () => {
  expect(saveStatusText(null, before, LESSON)).toBe('');
  expect(saveStatusText({ text: 'Reset to the starter.' }, before, LESSON)).toBe('Reset to the starter.');
  expect(saveStatusText({ text: 'Saved', swapAfter: handlerKey(before) }, app({ status: 'ready', version: 4, loadedAt: 1000 }, '07-push-vs-poll'), LESSON)).toBe('Saved');
});
