import type { AppState } from '../../server/app/app-state.ts';
import type { ClockState } from '../../server/clock/clock.ts';
import type { TimelineRecord } from '../../server/timeline/record.ts';
import type { TimelinePage } from './api.ts';

/** The part of EventSource the store uses (so tests can hand it a fake). */
export interface EventStream {
  /** 2 (CLOSED) once the browser has given up: an HTTP error such as the proxy's 502 ends the stream. */
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

/** Where the live stream stands: the page says "reconnecting" rather than silently going stale. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

/** Where the store gets its records from (real EventSource and fetch in the page, fakes in tests). */
export interface TimelineStoreOptions {
  /** Loads what happened before the page opened (`GET /api/timeline?limit=500`). */
  loadPage: () => Promise<TimelinePage>;
  /** Opens the live stream (`new EventSource('/api/timeline/stream')`). */
  openStream: () => EventStream;
  /** Records kept in memory; older ones drop off the top. */
  max?: number;
  /** Milliseconds to wait before reopening a stream the browser closed for good. */
  reopenAfterMs?: number;
}

const CLOSED = 2;

/**
 * The page's copy of the lab's timeline: seeded from the JSON API, then kept live from the SSE
 * stream (`event: record`, `event: clock`, and `event: app` for "your app"'s state). Records are unique by id and ordered by clock start
 * time, whichever way they arrived. Fires `change` on every update.
 */
export class TimelineStore extends EventTarget {
  records: TimelineRecord[] = [];
  clock: ClockState | null = null;
  /** Real time (ms) when `clock` was received, to extrapolate the clock between updates. */
  clockReceivedAt = 0;
  /** "Your app" as the lab last reported it (`event: app`): status, handler, last crash. */
  app: (AppState & { lesson: string | null }) | null = null;
  status: StreamStatus = 'connecting';
  /** Why seeding failed, if it did (the stream may still work). */
  error: Error | null = null;
  readonly #options: TimelineStoreOptions;
  readonly #ids = new Set<string>();
  #stream: EventStream | null = null;
  #reopenTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: TimelineStoreOptions) {
    super();
    this.#options = options;
  }

  /** Opens the stream first and then loads the seed, so nothing recorded in between is missed. */
  async start(): Promise<void> {
    this.#open();
    await this.#seed();
  }

  /** Stops listening; the records stay. */
  stop(): void {
    clearTimeout(this.#reopenTimer);
    this.#stream?.close();
    this.#stream = null;
    this.#setStatus('closed');
  }

  /** Merges records in, skipping ids already held. */
  add(records: TimelineRecord[]): void {
    let added = false;
    for (const record of records) {
      if (this.#ids.has(record.id)) continue;
      this.#ids.add(record.id);
      this.#insert(record);
      added = true;
    }
    if (!added) return;
    const max = this.#options.max ?? 1000;
    if (this.records.length > max) {
      for (const dropped of this.records.splice(0, this.records.length - max)) this.#ids.delete(dropped.id);
    }
    this.#changed();
  }

  setClock(state: ClockState): void {
    this.clock = state;
    this.clockReceivedAt = Date.now();
    this.#changed();
  }

  /** The clock's time now, moved on from the last state the lab sent at its speed. */
  clockNow(realNow = Date.now()): number | null {
    if (!this.clock) return null;
    return this.clock.paused ? this.clock.now : this.clock.now + (realNow - this.clockReceivedAt) * this.clock.speed;
  }

  get(id: string): TimelineRecord | undefined {
    return this.records.find((record) => record.id === id);
  }

  #open(reopened = false): void {
    const stream = this.#options.openStream();
    this.#stream = stream;
    stream.onopen = () => {
      this.#setStatus('live');
      // A stream opened afresh does not replay what it missed (no Last-Event-ID); the seed does.
      if (reopened) void this.#seed();
    };
    stream.onerror = () => {
      if (this.status === 'closed') return;
      this.#setStatus('reconnecting');
      // The browser retries network errors itself but gives up on an HTTP error (the lab was down
      // behind Vite's proxy, which answered 502); then open a new stream.
      if (stream.readyState === CLOSED) {
        stream.close();
        this.#reopenTimer = setTimeout(() => this.#open(true), this.#options.reopenAfterMs ?? 2000);
      }
    };
    stream.addEventListener('record', (event) => this.add([JSON.parse(event.data) as TimelineRecord]));
    stream.addEventListener('clock', (event) => this.setClock(JSON.parse(event.data) as ClockState));
    stream.addEventListener('app', (event) => {
      this.app = JSON.parse(event.data) as AppState & { lesson: string | null };
      this.#changed();
    });
  }

  async #seed(): Promise<void> {
    try {
      const page = await this.#options.loadPage();
      this.error = null;
      this.add(page.records);
      if (!this.clock) this.setClock(page.clock);
      this.#changed();
    } catch (err) {
      this.error = err as Error;
      this.#changed();
    }
  }

  #insert(record: TimelineRecord): void {
    // Records mostly arrive in order; walk back from the end to find the place.
    let index = this.records.length;
    while (index > 0 && compare(this.records[index - 1], record) > 0) index--;
    this.records.splice(index, 0, record);
  }

  #setStatus(status: StreamStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

function sequence(id: string): number {
  return Number(id.replace(/^\D+/, '')) || 0;
}

function compare(a: TimelineRecord, b: TimelineRecord): number {
  return a.startedAt - b.startedAt || sequence(a.id) - sequence(b.id);
}
