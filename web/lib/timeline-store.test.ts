import { expect, test, vi } from 'vitest';
import type { ClockState } from '../../server/clock/clock.ts';
import type { TimelineRecord } from '../../server/timeline/record.ts';
import { sampleRecord } from '../../server/timeline/record.fixture.ts';
import { type EventStream, TimelineStore } from './timeline-store.ts';

const clock: ClockState = { now: 1_000_000, speed: 1, paused: false, nextAt: null, nextLabel: null, pending: 0 };

function record(id: number, startedAt: number): TimelineRecord {
  return { id: `rec_${id}`, ...sampleRecord({ runId: 'run_test', startedAt, endedAt: startedAt + 5, response: { headers: {}, body: '{}' } }) };
}

/** A stand-in for EventSource that the test drives by hand. */
class FakeStream implements EventStream {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  readonly #listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  emit(type: string, data: unknown): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

test('seeds from the JSON page and keeps streamed records unique and in clock order', async () => {
  const stream = new FakeStream();
  let changes = 0;
  const store = new TimelineStore({
    openStream: () => stream,
    // The stream delivers rec_3 while the seed is still loading; the seed also holds it.
    loadPage: async () => {
      stream.emit('record', record(3, 30));
      return { records: [record(1, 10), record(3, 30)], clock };
    },
  });
  store.addEventListener('change', () => changes++);
  await store.start();
  stream.emit('record', record(2, 20));
  stream.emit('record', record(3, 30));

  expect(store.records.map((r) => r.id)).toEqual(['rec_1', 'rec_2', 'rec_3']);
  expect(changes).toBeGreaterThan(0);
});

test('reports the stream going live and reconnecting, and stops when asked', async () => {
  const stream = new FakeStream();
  const store = new TimelineStore({ openStream: () => stream, loadPage: async () => ({ records: [], clock }) });
  await store.start();
  expect(store.status).toBe('connecting');
  stream.onopen?.(new Event('open'));
  expect(store.status).toBe('live');
  stream.onerror?.(new Event('error'));
  expect(store.status).toBe('reconnecting');
  store.stop();
  expect(stream.closed).toBe(true);
  expect(store.status).toBe('closed');
});

test('keeps the seed error for the page to show, while the stream still feeds records', async () => {
  const stream = new FakeStream();
  const store = new TimelineStore({
    openStream: () => stream,
    loadPage: async () => {
      throw new Error('The lab answered 500.');
    },
  });
  await store.start();
  stream.emit('record', record(7, 70));
  expect(store.error?.message).toBe('The lab answered 500.');
  expect(store.records.map((r) => r.id)).toEqual(['rec_7']);
});

test('drops the oldest records beyond its cap', async () => {
  const stream = new FakeStream();
  const store = new TimelineStore({ openStream: () => stream, loadPage: async () => ({ records: [], clock }), max: 2 });
  await store.start();
  for (const n of [1, 2, 3]) stream.emit('record', record(n, n * 10));
  expect(store.records.map((r) => r.id)).toEqual(['rec_2', 'rec_3']);
  // A dropped id may come back (a reconnect replays it) and is then held again.
  stream.emit('record', record(1, 10));
  expect(store.records.map((r) => r.id)).toEqual(['rec_2', 'rec_3']);
});

test('moves the clock on between updates at its speed, and holds it while paused', async () => {
  const stream = new FakeStream();
  const store = new TimelineStore({ openStream: () => stream, loadPage: async () => ({ records: [], clock }) });
  await store.start();
  stream.emit('clock', { ...clock, speed: 10 });
  expect(store.clockNow(store.clockReceivedAt + 100)).toBe(clock.now + 1000);
  stream.emit('clock', { ...clock, paused: true });
  expect(store.clockNow(store.clockReceivedAt + 100)).toBe(clock.now);
});

test('opens a new stream and reloads the seed when the browser gives up on the old one', async () => {
  const streams: FakeStream[] = [];
  let seeds = 0;
  const store = new TimelineStore({
    openStream: () => {
      streams.push(new FakeStream());
      return streams.at(-1)!;
    },
    loadPage: async () => {
      seeds++;
      return { records: seeds > 1 ? [record(9, 90)] : [], clock };
    },
    reopenAfterMs: 0,
  });
  await store.start();
  // Vite's proxy answered 502 while the lab was down: EventSource closes for good.
  streams[0].readyState = 2;
  streams[0].onerror?.(new Event('error'));
  expect(store.status).toBe('reconnecting');
  await vi.waitFor(() => expect(streams).toHaveLength(2));
  streams[1].onopen?.(new Event('open'));
  await vi.waitFor(() => expect(store.records.map((r) => r.id)).toEqual(['rec_9']));
  expect(store.status).toBe('live');
  store.stop();
});

test('passes a workspace change from the stream on to whoever listens for it', async () => {
  const stream = new FakeStream();
  const store = new TimelineStore({ openStream: () => stream, loadPage: async () => ({ records: [], clock }) });
  await store.start();
  const changes: unknown[] = [];
  store.addEventListener('workspace', (event) => changes.push((event as CustomEvent).detail));
  const change = { lessonId: '03-first-consumer', files: [{ file: 'app.ts', version: 'abc123' }] };
  stream.emit('workspace', change);
  expect(changes).toEqual([change]);
});
