import { EventEmitter } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
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

/**
 * Every exchange the lab sees, in order of arrival. Records are kept in memory for queries and
 * appended to a JSON-lines file so that a restart of the lab loses nothing.
 */
export class Timeline {
  readonly #records: TimelineRecord[] = [];
  readonly #events = new EventEmitter();
  readonly #file: WriteStream | undefined;
  #nextId = 1;

  /** With `file`, earlier records are loaded from it and new ones appended. */
  constructor(file?: string) {
    this.#events.setMaxListeners(0);
    if (!file) return;
    if (existsSync(file)) this.#load(file);
    mkdirSync(dirname(file), { recursive: true });
    this.#file = createWriteStream(file, { flags: 'a' });
  }

  /** Stores a record, gives it an id and tells the subscribers. */
  add(record: NewTimelineRecord): TimelineRecord {
    const stored = { id: `rec_${this.#nextId++}`, ...record };
    this.#records.push(stored);
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
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const record = JSON.parse(line) as TimelineRecord;
        this.#records.push(record);
        this.#nextId = Math.max(this.#nextId, Number(record.id.slice(4)) + 1);
      } catch {
        // A line cut short by a crash is skipped; the rest of the history is still good.
      }
    }
  }
}
