import { expect, test } from 'vitest';
import { parsePushVsPollParams } from '../../server/scenarios/push-vs-poll/params.ts';
import { formatBytes, jobSecondsFrom, PRESETS, tickLabel, timeTicks } from './push-vs-poll.ts';

test('every preset is a run the lab accepts, and the first is the article\'s 2 s poll', () => {
  for (const preset of PRESETS) expect(() => parsePushVsPollParams(preset.params, 1)).not.toThrow();
  expect(PRESETS[0].params).toMatchObject({ jobs: 1, jobSeconds: 28.9, pollIntervalMs: 2000 });
  expect(PRESETS.find((p) => p.id === 'naive')?.params.variant).toBe('naive');
});

test('time ticks fall on round steps that cover the span', () => {
  expect(timeTicks(30_000)).toEqual([0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000]);
  expect(timeTicks(4_000)).toEqual([0, 1000, 2000, 3000, 4000]);
  expect(timeTicks(0)).toEqual([0]);
  expect(timeTicks(95_000).length).toBeLessThanOrEqual(7);
  expect(tickLabel(2000)).toBe('2 s');
  expect(tickLabel(120_000)).toBe('2 min');
});

test('job seconds become one number when min equals max, else an ordered range', () => {
  expect(jobSecondsFrom(30, 30)).toBe(30);
  expect(jobSecondsFrom(60, 10)).toEqual([10, 60]);
  expect(formatBytes(13_749_000)).toBe('13.1 MB');
});
