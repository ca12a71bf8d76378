import { expect, test } from 'vitest';
import type { AppReport } from './save-status.ts';
import { compileMark } from './compile-mark.ts';

const LESSON = '03-first-consumer';
const error = { file: 'app.ts', line: 7, column: 42, message: 'Unexpected ";"', frame: '' };
const broken = (lesson: string | null, line = 7): AppReport => ({
  status: 'up',
  port: 3000,
  handler: { status: 'compile-error', version: 2, error: { ...error, line } },
  lastCrash: null,
  crashes: 0,
  lesson,
});

test('marks the line and column of a compile error in the open file', () => {
  expect(compileMark(broken(LESSON), LESSON, 'app.ts')).toEqual({ line: 7, column: 42, message: 'Unexpected ";"' });
});

test('marks nothing for another file, another lesson, an error without a line, or a handler that compiles', () => {
  expect(compileMark(broken(LESSON), LESSON, 'lib/verify.ts')).toBeNull();
  expect(compileMark(broken('07-push-vs-poll'), LESSON, 'app.ts')).toBeNull();
  expect(compileMark(broken(LESSON, 0), LESSON, 'app.ts')).toBeNull();
  expect(compileMark({ status: 'up', port: 3000, handler: { status: 'ready', version: 3, loadedAt: 1 }, lastCrash: null, crashes: 0, lesson: LESSON }, LESSON, 'app.ts')).toBeNull();
});
