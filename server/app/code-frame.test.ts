import { expect, test } from 'vitest';
import { codeFrame } from './code-frame.ts';

const SOURCE = ['one', 'two', 'three(', 'four', 'five', 'six'].join('\n');

test('shows two lines either side, marks the line and puts a caret under the column', () => {
  expect(codeFrame(SOURCE, 3, 6)).toBe(['  1 | one', '  2 | two', '> 3 | three(', '    |      ^', '  4 | four', '  5 | five'].join('\n'));
});

test('stays inside the file at its first line and keeps tabs so the caret lines up', () => {
  expect(codeFrame('\tx = ;\nnext', 1, 6)).toBe(['> 1 | \tx = ;', '    | \t    ^', '  2 | next'].join('\n'));
});

test('gives no frame for a line outside the file', () => {
  expect(codeFrame(SOURCE, 0, 1)).toBe('');
  expect(codeFrame(SOURCE, 99, 1)).toBe('');
});
