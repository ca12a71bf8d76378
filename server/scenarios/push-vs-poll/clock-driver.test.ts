import { expect, test } from 'vitest';
import { VirtualClock } from '../../clock/clock.ts';
import { ClockDriver } from './clock-driver.ts';

test('the clock moves to the next timer only once nothing is in flight, and stops when the run is done', async () => {
  const clock = new VirtualClock({ paused: true });
  const start = clock.now();
  let inFlight = 0;
  const driver = new ClockDriver(clock, () => inFlight);
  const fired: number[] = [];
  clock.setTimer(1000, () => fired.push(clock.now() - start));
  clock.setTimer(3000, () => fired.push(clock.now() - start));
  driver.busy(+1);
  inFlight = 1;
  const run = driver.run(() => fired.length === 2, 100_000, new AbortController().signal);
  await Promise.resolve();
  expect(fired).toEqual([]);
  driver.busy(-1);
  await Promise.resolve();
  expect(fired).toEqual([]);
  inFlight = 0;
  driver.notify();
  await run;
  expect(fired).toEqual([1000, 3000]);
  expect(clock.state().paused).toBe(true);
  clock.dispose();
});

test('a run with nothing left on the clock but work not done fails instead of hanging', async () => {
  const clock = new VirtualClock({ paused: true });
  const driver = new ClockDriver(clock, () => 0);
  await expect(driver.run(() => false, 1000, new AbortController().signal)).rejects.toThrow(/nothing is scheduled on the clock/);
  clock.dispose();
});
