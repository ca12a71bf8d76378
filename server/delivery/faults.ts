import { EventEmitter } from 'node:events';

/**
 * Misbehaviour the learner can switch on in an emitter. Each fault is labelled on the timeline
 * record it affects, so that what the consumer saw can be explained.
 */
export interface FaultSettings {
  /** Send each successful delivery a second time (same event id): at-least-once delivery. */
  duplicate: boolean;
  /** Hold new deliveries this many clock ms, then send them newest first (0: off). */
  reorderWindowMs: number;
  /** Wait this many clock ms before every attempt (0: off). */
  extraDelayMs: number;
  /** Treat the first attempt as failed even when the receiver answered 2xx (the answer was "lost"). */
  failFirstAttempt: boolean;
  /** Change one character of the signature. */
  corruptSignature: boolean;
  /** Sign with a timestamp 10 minutes old (beyond the SDK's 300 s tolerance). */
  staleTimestamp: boolean;
  /** Sign with a secret that is not the endpoint's. */
  wrongSecret: boolean;
  /** Share of deliveries (0 to 1) the faults above apply to. */
  rate: number;
}

/** Everything off: deliveries behave as a healthy provider's. */
export const NO_FAULTS: FaultSettings = Object.freeze({
  duplicate: false,
  reorderWindowMs: 0,
  extraDelayMs: 0,
  failFirstAttempt: false,
  corruptSignature: false,
  staleTimestamp: false,
  wrongSecret: false,
  rate: 1,
});

/** How old a stale timestamp is: past the 300 s tolerance of `constructEvent`. */
export const STALE_BY_SECONDS = 600;

const BOOLEAN_FAULTS = ['duplicate', 'failFirstAttempt', 'corruptSignature', 'staleTimestamp', 'wrongSecret'] as const;
const DURATION_FAULTS = ['reorderWindowMs', 'extraDelayMs'] as const;
/** A day of clock time: longer windows or delays are surely a typo. */
const MAX_DURATION_MS = 24 * 3600 * 1000;

/** Thrown for a bad fault setting; `field` names it. */
export class InvalidFaultError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Checks a partial update (a parsed JSON body) and merges it into `current`; unknown fields are refused. */
export function mergeFaults(current: FaultSettings, input: unknown): FaultSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidFaultError('', 'Fault settings must be a JSON object, e.g. {"duplicate": true}.');
  }
  const next: FaultSettings = { ...current };
  for (const [field, value] of Object.entries(input)) {
    if ((BOOLEAN_FAULTS as readonly string[]).includes(field)) {
      if (typeof value !== 'boolean') throw new InvalidFaultError(field, `"${field}" must be true or false; got ${JSON.stringify(value)}.`);
      next[field as (typeof BOOLEAN_FAULTS)[number]] = value;
    } else if ((DURATION_FAULTS as readonly string[]).includes(field)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_DURATION_MS) {
        throw new InvalidFaultError(field, `"${field}" must be clock milliseconds from 0 (off) to ${MAX_DURATION_MS}; got ${JSON.stringify(value)}.`);
      }
      next[field as (typeof DURATION_FAULTS)[number]] = value;
    } else if (field === 'rate') {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        throw new InvalidFaultError(field, `"rate" must be a number from 0 to 1 (the share of deliveries affected); got ${JSON.stringify(value)}.`);
      }
      next.rate = value;
    } else {
      throw new InvalidFaultError(field, `Unknown fault "${field}". Known faults: ${Object.keys(NO_FAULTS).join(', ')}.`);
    }
  }
  return next;
}

/** The current fault settings of one emitter, changed through `/api/faults`. */
export class Faults {
  readonly #events = new EventEmitter();
  #settings: FaultSettings;

  constructor(initial: Partial<FaultSettings> = {}) {
    this.#settings = mergeFaults(NO_FAULTS, initial);
  }

  get(): FaultSettings {
    return this.#settings;
  }

  /** Applies a validated partial update; nothing changes if any field is bad. */
  update(input: unknown): FaultSettings {
    this.#settings = mergeFaults(this.#settings, input);
    this.#events.emit('change', this.#settings);
    return this.#settings;
  }

  reset(): FaultSettings {
    return this.update(NO_FAULTS);
  }

  onChange(listener: (settings: FaultSettings) => void): () => void {
    this.#events.on('change', listener);
    return () => this.#events.off('change', listener);
  }
}
