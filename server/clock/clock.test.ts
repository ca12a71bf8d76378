import { expect, test } from 'vitest';
import { VirtualClock } from './clock.ts';

test('a paused clock does not move on its own', () => {
  const clock = new VirtualClock({ paused: true });
  const before = clock.now();
  let spins = 0;
  while (spins < 100_000) spins++;
  expect(clock.now()).toBe(before);
});

test('step jumps to the next scheduled thing and runs it, and only it', () => {
  const clock = new VirtualClock({ paused: true });
  const start = clock.now();
  const ran: string[] = [];
  clock.setTimer(5_000, () => ran.push('five seconds'), 'retry 2');
  clock.setTimer(300_000, () => ran.push('five minutes'), 'retry 3');
  expect(clock.state().nextLabel).toBe('retry 2');

  const afterFirst = clock.step();
  expect(ran).toEqual(['five seconds']);
  expect(afterFirst.now).toBe(start + 5_000);
  expect(afterFirst).toMatchObject({ nextAt: start + 300_000, nextLabel: 'retry 3', pending: 1 });

  clock.step();
  expect(ran).toEqual(['five seconds', 'five minutes']);
  expect(clock.now()).toBe(start + 300_000);
  expect(clock.state()).toMatchObject({ nextAt: null, nextLabel: null, pending: 0 });
});

test('step with nothing scheduled leaves the time alone', () => {
  const clock = new VirtualClock({ paused: true });
  const before = clock.now();
  expect(clock.step().now).toBe(before);
});

test('advance runs everything that falls due on the way, in time order, at its own time', () => {
  const clock = new VirtualClock({ paused: true });
  const start = clock.now();
  const seen: number[] = [];
  clock.setTimer(3_000, () => seen.push(clock.now() - start));
  clock.setTimer(1_000, () => seen.push(clock.now() - start));
  clock.setTimer(10_000, () => seen.push(clock.now() - start));
  clock.advance(5_000);
  expect(seen).toEqual([1_000, 3_000]);
  expect(clock.now()).toBe(start + 5_000);
});

test('timers scheduled by a running timer still fire within the same advance', () => {
  const clock = new VirtualClock({ paused: true });
  const start = clock.now();
  const seen: number[] = [];
  clock.setTimer(1_000, () => {
    seen.push(clock.now() - start);
    clock.setTimer(1_000, () => seen.push(clock.now() - start));
  });
  clock.advance(5_000);
  expect(seen).toEqual([1_000, 2_000]);
});

test('a cancelled timer never runs', () => {
  const clock = new VirtualClock({ paused: true });
  let ran = false;
  const cancel = clock.setTimer(1_000, () => (ran = true));
  cancel();
  clock.advance(2_000);
  expect(ran).toBe(false);
  expect(clock.state().pending).toBe(0);
});

test('a day of clock time passes on its own in about a second of real time at 100000x', async () => {
  const clock = new VirtualClock({ paused: true });
  const oneDay = 24 * 3600 * 1000;
  const start = clock.now();
  const fired = new Promise<number>((resolve) => clock.setTimer(oneDay, () => resolve(clock.now())));
  clock.set({ speed: 100_000, paused: false });
  // Nothing steps the clock here: only its speed can make a day pass before vitest's timeout.
  expect((await fired) - start).toBeGreaterThanOrEqual(oneDay);
});

test('speeding up keeps the time already passed', () => {
  const clock = new VirtualClock({ paused: true });
  clock.advance(60_000);
  const before = clock.now();
  const state = clock.set({ speed: 100 });
  expect(state.speed).toBe(100);
  expect(state.now).toBe(before);
});

test('refuses a speed that is not a positive number up to 100000', () => {
  const clock = new VirtualClock();
  expect(() => clock.set({ speed: 0 })).toThrow(/above 0/);
  expect(() => clock.set({ speed: Number.NaN })).toThrow(RangeError);
  expect(() => clock.set({ speed: 1_000_000 })).toThrow(/at most 100000/);
});

test('sleep resolves once the clock has moved past it', async () => {
  const clock = new VirtualClock({ paused: true });
  let done = false;
  const sleeping = clock.sleep(30_000).then(() => (done = true));
  clock.advance(29_999);
  await Promise.resolve();
  expect(done).toBe(false);
  clock.advance(1);
  await sleeping;
  expect(done).toBe(true);
});

test('tells listeners when the clock is changed or moved', () => {
  const clock = new VirtualClock({ paused: true });
  const states: boolean[] = [];
  const stop = clock.onChange((state) => states.push(state.paused));
  clock.set({ paused: false });
  clock.set({ paused: true });
  stop();
  clock.advance(1);
  expect(states).toEqual([false, true]);
});

test('tells listeners once when timers are scheduled, so the page can show what comes next', async () => {
  const clock = new VirtualClock({ paused: true });
  const states: (string | null)[] = [];
  clock.onChange((state) => states.push(state.nextLabel));
  clock.setTimer(5_000, () => {}, 'retry 2');
  clock.setTimer(9_000, () => {}, 'retry 3');
  await new Promise((resolve) => setImmediate(resolve));
  expect(states).toEqual(['retry 2']);
});
