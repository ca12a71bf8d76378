import { expect, test } from 'vitest';
import { initialTheme, savedTheme } from './theme.ts';

const storage = (value: string | null) => ({ getItem: () => value });

test("uses the learner's saved theme over the system's preference", () => {
  expect(initialTheme(storage('light'), true)).toBe('light');
  expect(initialTheme(storage('dark'), false)).toBe('dark');
});

test("follows the system's preference when nothing (or nonsense) was saved, or storage is off", () => {
  expect(initialTheme(storage(null), true)).toBe('dark');
  expect(initialTheme(storage('purple'), false)).toBe('light');
  expect(initialTheme(null, true)).toBe('dark');
  const throwing = { getItem: (): string | null => { throw new Error('SecurityError'); } };
  expect(savedTheme(throwing)).toBeNull();
});
