import { afterEach, expect, test } from 'vitest';
import { VirtualClock } from '../clock/clock.ts';
import { Timeline } from '../timeline/timeline.ts';
import { type DeliveryMessage, DeliveryEngine, type Signer } from './delivery-engine.ts';
import { Faults } from './faults.ts';
import { type RetryPolicy, STRIPE_RETRY_POLICY } from './retry-policy.ts';
import { type ReceiverAnswer, type Received, type TestReceiver, startReceiver } from './test-receiver.ts';

const unsigned: Signer = () => ({ headers: { 'content-type': 'application/json' } });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { policy?: RetryPolicy; answer?: (r: Received, i: number) => ReceiverAnswer; faults?: Faults; keepSettled?: number } = {}) {
  const clock = new VirtualClock({ paused: true });
  const timeline = new Timeline();
  const receiver: TestReceiver = await startReceiver(options.answer);
  const faults = options.faults ?? new Faults();
  const engine = new DeliveryEngine({
    clock,
    timeline,
    policy: options.policy ?? STRIPE_RETRY_POLICY,
    sign: unsigned,
    from: 'stripe',
    to: 'app',
    faults: () => faults.get(),
    ...(options.keepSettled && { keepSettled: options.keepSettled }),
  });
  cleanups.push(() => receiver.close(), () => engine.dispose(), () => clock.dispose());
  const target = { id: 'we_1', url: receiver.url };
  let n = 0;
  const message = (): DeliveryMessage => {
    n++;
    return { eventId: `evt_${n}`, runId: 'run_test', body: JSON.stringify({ id: `evt_${n}`, n }) };
  };
  const scheduled = (id: string) => engine.waitFor(id, (d) => d.nextAttemptAt !== null || d.state !== 'pending');
  return { clock, timeline, receiver, faults, engine, target, message, scheduled };
}

const eventIdOf = (request: Received) => (JSON.parse(request.body) as { id: string }).id;

test('delivers at once and records a webhook attempt 1 on a 2xx', async () => {
  const { engine, target, message, timeline, receiver } = await setup();
  const [delivery] = engine.deliver(message(), [target]);
  const settled = await engine.settled(delivery.id);
  expect(settled).toMatchObject({ state: 'delivered', attempts: 1, reason: null });
  expect(receiver.received).toHaveLength(1);
  expect(timeline.list()).toMatchObject([{ kind: 'webhook', attempt: 1, status: 200, eventId: 'evt_1', from: 'stripe', to: 'app' }]);
});

test('retries a 500 on the schedule until it gets a 2xx, recording retries with attempt numbers', async () => {
  const { engine, target, message, timeline, clock, scheduled } = await setup({ answer: (_r, i) => ({ status: i < 3 ? 500 : 204 }) });
  const start = clock.now();
  const [delivery] = engine.deliver(message(), [target]);
  const waits: number[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const pending = await scheduled(delivery.id);
    waits.push(pending.nextAttemptAt! - clock.now());
    clock.step();
    if (attempt < 3) await engine.waitFor(delivery.id, (d) => d.attempts > attempt);
  }
  const settled = await engine.settled(delivery.id);
  expect(waits).toEqual([5_000, 300_000, 1_800_000]);
  expect(settled).toMatchObject({ state: 'delivered', attempts: 4 });
  expect(settled.settledAt! - start).toBe(5_000 + 300_000 + 1_800_000);
  expect(timeline.list().map((r) => [r.kind, r.attempt, r.status])).toEqual([
    ['webhook', 1, 500],
    ['retry', 2, 500],
    ['retry', 3, 500],
    ['retry', 4, 204],
  ]);
});

test('gives up after the last attempt of the schedule and marks the delivery failed with the reason', async () => {
  const { engine, target, message, timeline, clock, scheduled } = await setup({ answer: () => ({ status: 503, body: '{"error":"down for maintenance"}' }) });
  const start = clock.now();
  const [delivery] = engine.deliver(message(), [target]);
  for (let attempt = 1; attempt < STRIPE_RETRY_POLICY.delaysMs.length; attempt++) {
    await scheduled(delivery.id);
    clock.step();
    await engine.waitFor(delivery.id, (d) => d.attempts > attempt);
  }
  const failed = await engine.settled(delivery.id);
  expect(failed.state).toBe('failed');
  expect(failed.reason).toMatch(/Gave up after 10 attempts.*HTTP 503: down for maintenance/);
  const threeDays = STRIPE_RETRY_POLICY.delaysMs.reduce((a, b) => a + b, 0);
  expect(failed.settledAt! - start).toBe(threeDays);
  expect(threeDays / 3_600_000).toBeCloseTo(75.58, 1);
  expect(timeline.list().at(-1)?.labels).toContain('last attempt');
  expect(engine.stats()).toEqual({ emitted: 1, delivered: 0, pending: 0, failed: 1 });
});

test('counts no answer within the timeout as a failure and retries', async () => {
  const { engine, target, message, timeline, clock, receiver, scheduled } = await setup({ answer: (_r, i) => (i === 0 ? 'hang' : { status: 200 }) });
  const [delivery] = engine.deliver(message(), [target]);
  await receiver.waitForCount(1);
  clock.advance(9_999);
  expect(timeline.list()).toHaveLength(0);
  clock.advance(1);
  const timedOut = await timeline.waitFor((r) => r.attempt === 1);
  expect(timedOut.status).toBeNull();
  expect(timedOut.error).toMatch(/No response within 10 s/);
  expect(timedOut.endedAt - timedOut.startedAt).toBe(10_000);
  await scheduled(delivery.id);
  clock.step();
  expect(await engine.settled(delivery.id)).toMatchObject({ state: 'delivered', attempts: 2 });
});

test('counts a 3xx as a failure and does not follow the redirect', async () => {
  const { engine, target, message, timeline, receiver, scheduled } = await setup({
    answer: () => ({ status: 301, headers: { location: 'http://127.0.0.1:1/elsewhere' } }),
  });
  const [delivery] = engine.deliver(message(), [target]);
  const pending = await scheduled(delivery.id);
  expect(pending.state).toBe('pending');
  expect(pending.reason).toMatch(/HTTP 301: redirects count as failures/);
  expect(timeline.list()).toMatchObject([{ status: 301 }]);
  expect(receiver.received).toHaveLength(1);
});

test('the duplicate fault sends each delivered event twice with the same id, labelled', async () => {
  const { engine, target, message, timeline, receiver, faults } = await setup();
  faults.update({ duplicate: true });
  const [delivery] = engine.deliver(message(), [target]);
  await engine.settled(delivery.id);
  const both = await receiver.waitForCount(2);
  expect(both.map(eventIdOf)).toEqual(['evt_1', 'evt_1']);
  const duplicate = await timeline.waitFor((r) => r.labels?.includes('duplicate') ?? false);
  expect(duplicate).toMatchObject({ eventId: 'evt_1', status: 200 });
  expect(engine.stats()).toEqual({ emitted: 1, delivered: 1, pending: 0, failed: 0 });
});

test('the reorder fault holds deliveries for the window and sends them newest first', async () => {
  const { engine, target, message, receiver, clock, faults, timeline } = await setup();
  faults.update({ reorderWindowMs: 2_000 });
  const deliveries = [message(), message(), message()].flatMap((m) => engine.deliver(m, [target]));
  expect(clock.state().nextLabel).toMatch(/reordering fault/);
  clock.advance(1_999);
  expect(receiver.received).toHaveLength(0);
  clock.advance(1);
  await Promise.all(deliveries.map((d) => engine.settled(d.id)));
  expect(receiver.received.map(eventIdOf)).toEqual(['evt_3', 'evt_2', 'evt_1']);
  expect(timeline.list().every((r) => r.labels?.includes('reordered'))).toBe(true);
});

test('the extra delay fault waits on the clock before each attempt', async () => {
  const { engine, target, message, receiver, clock, faults, timeline } = await setup();
  faults.update({ extraDelayMs: 30_000 });
  const [delivery] = engine.deliver(message(), [target]);
  clock.advance(29_999);
  expect(receiver.received).toHaveLength(0);
  clock.advance(1);
  await engine.settled(delivery.id);
  expect(timeline.list()[0].labels).toContain('delayed 30 s');
});

test('the fail-first-attempt fault counts a 2xx as lost, so the same event comes again', async () => {
  const { engine, target, message, receiver, clock, faults, timeline, scheduled } = await setup();
  faults.update({ failFirstAttempt: true });
  const [delivery] = engine.deliver(message(), [target]);
  await scheduled(delivery.id);
  expect(timeline.list()[0]).toMatchObject({ status: 200, labels: ['fail first attempt'] });
  expect(timeline.list()[0].error).toMatch(/treated as lost/);
  clock.step();
  expect(await engine.settled(delivery.id)).toMatchObject({ state: 'delivered', attempts: 2 });
  expect(receiver.received.map(eventIdOf)).toEqual(['evt_1', 'evt_1']);
});

test('a fault rate of 0 leaves every delivery alone', async () => {
  const { engine, target, message, faults, timeline } = await setup();
  faults.update({ failFirstAttempt: true, rate: 0 });
  const [delivery] = engine.deliver(message(), [target]);
  expect(await engine.settled(delivery.id)).toMatchObject({ state: 'delivered', attempts: 1 });
  expect(timeline.list()[0].labels).toBeUndefined();
});

test('resend sends a delivered event again, labelled, and keeps it delivered', async () => {
  const { engine, target, message, receiver, timeline } = await setup();
  const first = message();
  const [delivery] = engine.deliver(first, [target]);
  await engine.settled(delivery.id);
  engine.resend(first, [target]);
  await receiver.waitForCount(2);
  const resent = await timeline.waitFor((r) => r.labels?.includes('manual resend') ?? false);
  expect(resent).toMatchObject({ kind: 'retry', attempt: 2, status: 200, eventId: 'evt_1' });
  expect(engine.stats()).toEqual({ emitted: 1, delivered: 1, pending: 0, failed: 0 });
});

test('resend of a failed delivery that now succeeds marks it delivered', async () => {
  const policy: RetryPolicy = { name: 'once', delaysMs: [0], timeoutMs: 1_000 };
  const { engine, target, message, receiver } = await setup({ policy, answer: () => ({ status: 500 }) });
  const first = message();
  const [delivery] = engine.deliver(first, [target]);
  expect(await engine.settled(delivery.id)).toMatchObject({ state: 'failed' });
  receiver.answer(() => ({ status: 200 }));
  engine.resend(first, [target]);
  expect(await engine.waitFor(delivery.id, (d) => d.state === 'delivered')).toMatchObject({ attempts: 2, reason: null });
  expect(engine.stats()).toEqual({ emitted: 1, delivered: 1, pending: 0, failed: 0 });
});

test('loses no event: every emitted delivery ends delivered or failed, and the books balance at every step', async () => {
  const seen = new Map<string, number>();
  let hangs = 0;
  const { engine, target, message, clock, receiver, timeline } = await setup({
    answer: (request) => {
      const id = `${request.path} ${eventIdOf(request)}`;
      const times = (seen.get(id) ?? 0) + 1;
      seen.set(id, times);
      const n = Number(eventIdOf(request).slice(4));
      // Every third event fails twice; every fifth one hangs once (and times out).
      if (n % 3 === 0 && times <= 2) return { status: 500 };
      if (n % 5 === 0 && times === 1) {
        hangs++;
        return 'hang';
      }
      return { status: 200 };
    },
  });
  const second = { id: 'we_2', url: receiver.url.replace('/webhook', '/other') };
  const deliveries = Array.from({ length: 30 }, () => message()).flatMap((m) => engine.deliver(m, [target, second]));
  // Quiet: every attempt made has either been recorded or is hanging at the receiver, and every
  // other pending delivery is waiting for its next attempt on the clock.
  const quiet = () => {
    const records = timeline.list();
    const attempts = deliveries.reduce((sum, d) => sum + d.attempts, 0);
    const hanging = hangs - records.filter((r) => r.status === null).length;
    const waiting = deliveries.filter((d) => d.state === 'pending' && d.nextAttemptAt === null).length;
    return records.length + hanging === attempts && receiver.received.length === attempts && waiting === hanging;
  };
  for (let steps = 0; engine.stats().pending > 0; steps++) {
    expect(steps).toBeLessThan(100);
    while (!quiet()) await new Promise((resolve) => setImmediate(resolve));
    const { emitted, delivered, pending, failed } = engine.stats();
    expect(delivered + pending + failed).toBe(emitted);
    if (pending > 0) clock.step();
  }
  expect(engine.stats()).toEqual({ emitted: 60, delivered: 60, pending: 0, failed: 0 });
  expect(new Set(receiver.received.map(eventIdOf)).size).toBe(30);
  expect(timeline.list().filter((r) => r.status === null)).toHaveLength(8);
});

test('a fast clock still gives the receiver its minimum real time before timing out', async () => {
  const { clock, timeline, receiver } = await setup({ answer: () => 'hang' });
  const engine = new DeliveryEngine({ clock, timeline, policy: STRIPE_RETRY_POLICY, sign: unsigned, from: 'stripe', to: 'app', minRealTimeoutMs: 200 });
  cleanups.push(() => engine.dispose());
  const started = performance.now();
  engine.deliver({ eventId: 'evt_slow', runId: 'run', body: '{}' }, [{ id: 'we', url: receiver.url }]);
  await receiver.waitForCount(1);
  clock.advance(10_000);
  const record = await timeline.waitFor((r) => r.eventId === 'evt_slow');
  expect(record.error).toMatch(/No response within 10 s/);
  expect(performance.now() - started).toBeGreaterThanOrEqual(190);
});

test('a target disabled while a retry waits gets no more attempts, and the delivery fails saying why', async () => {
  const { engine, message, receiver, clock, scheduled } = await setup({ answer: () => ({ status: 500 }) });
  const target = { id: 'we_gone', url: receiver.url, status: 'enabled' };
  const [delivery] = engine.deliver(message(), [target]);
  await scheduled(delivery.id);
  target.status = 'disabled';
  clock.step();
  const failed = await engine.settled(delivery.id);
  expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
  expect(failed.reason).toMatch(/we_gone was disabled or deleted/);
  expect(receiver.received).toHaveLength(1);
});

test('forgets the oldest settled deliveries past keepSettled, and still counts every one', async () => {
  const { engine, target, message } = await setup({ keepSettled: 4 });
  const deliveries = [];
  for (let i = 0; i < 12; i++) {
    const [delivery] = engine.deliver(message(), [target]);
    deliveries.push(await engine.settled(delivery.id)); // one at a time: they settle in order
  }
  expect(engine.stats()).toEqual({ emitted: 12, delivered: 12, pending: 0, failed: 0 });
  const kept = engine.list();
  expect(kept.length).toBeGreaterThanOrEqual(4);
  expect(kept.length).toBeLessThanOrEqual(5);
  expect(engine.get(deliveries[0].id)).toBeUndefined();
  expect(engine.list({ eventId: deliveries[0].eventId })).toEqual([]);
  expect(engine.get(deliveries[11].id)).toMatchObject({ state: 'delivered' });
});
