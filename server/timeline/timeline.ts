import { EventEmitter } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { NewTimelineRecord, RecordKind, TimelineRecord } from './record.ts';

export interface TimelineQuery {
  /** Only records that started at or after this clock time. */
  since?: number;
  kind?: RecordKind;
  runId?: string;
  /** The newest `limit` records. */
  limit?: number;
}

/** How many records a timeline keeps by default: a long-running lab must not grow without bound. */
export const TIMELINE_CAPACITY = 50_000;

/**
 * Every exchange the lab sees, in order of arrival. The newest `capacity` records are kept in
 * memory for queries and appended to a JSON-lines file so that a restart of the lab loses nothing;
 * the file is compacted to the same number of records when it is loaded.
 */
export class Timeline {
  #records: TimelineRecord[] = [];
  readonly #events = new EventEmitter();
  readonly #file: WriteStream | undefined;
  readonly #capacity: number;
  #nextId = 1;

  /** With `file`, earlier records are loaded from it and new ones appended. */
  constructor(file?: string, options: { capacity?: number } = {}) {
    this.#capacity = options.capacity ?? TIMELINE_CAPACITY;
    this.#events.setMaxListeners(0);
    if (!file) return;
    if (existsSync(file)) this.#load(file);
    mkdirSync(dirname(file), { recursive: true });
    this.#file = createWriteStream(file, { flags: 'a' });
  }

  /** Stores a record, gives it an id and tells the subscribers; the oldest go past capacity. */
  add(record: NewTimelineRecord): TimelineRecord {
    const stored = { id: `rec_${this.#nextId++}`, ...record };
    this.#records.push(stored);
    // Trimmed in batches, so that a busy run does not copy the array on every record.
    if (this.#records.length > this.#capacity * 1.25) this.#records.splice(0, this.#records.length - this.#capacity);
    this.#file?.write(`${JSON.stringify(stored)}\n`);
    this.#events.emit('record', stored);
    return stored;
  }

  list(query: TimelineQuery = {}): TimelineRecord[] {
    const found = this.#records.filter(
      (r) =>
        (query.since === undefined || r.startedAt >= query.since) &&
        (query.kind === undefined || r.kind === query.kind) &&
        (query.runId === undefined || r.runId === query.runId),
    );
    return query.limit === undefined ? found : found.slice(-query.limit);
  }

  get(id: string): TimelineRecord | undefined {
    return this.#records.find((r) => r.id === id);
  }

  /** Calls `listener` with each new record; returns the function that stops it. */
  subscribe(listener: (record: TimelineRecord) => void): () => void {
    this.#events.on('record', listener);
    return () => this.#events.off('record', listener);
  }

  /**
   * Resolves with the first record that matches, already stored or yet to come: tests and checks
   * wait on this instead of sleeping. `timeoutMs` (real time) only bounds a wait that never ends.
   */
  waitFor(match: (record: TimelineRecord) => boolean, timeoutMs = 10_000): Promise<TimelineRecord> {
    const found = this.#records.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`No matching timeline record arrived within ${timeoutMs} ms.`));
      }, timeoutMs);
      const stop = this.subscribe((record) => {
        if (!match(record)) return;
        clearTimeout(timer);
        stop();
        resolve(record);
      });
    });
  }

  async close(): Promise<void> {
    const file = this.#file;
    if (file) await new Promise<void>((resolve) => file.end(resolve));
  }

  #load(file: string): void {
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim());
    for (const line of lines) {
      try {
        const record = JSON.parse(line) as TimelineRecord;
        this.#records.push(record);
        this.#nextId = Math.max(this.#nextId, Number(record.id.slice(4)) + 1);
      } catch {
        // A line cut short by a crash is skipped; the rest of the history is still good.
      }
    }
    if (lines.length > this.#capacity) {
      this.#records = this.#records.slice(-this.#capacity);
      writeFileSync(file, this.#records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    }
  }
}
