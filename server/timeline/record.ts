/**
 * One HTTP exchange seen by the lab. The same shape travels from the server to the page (SSE and
 * JSON), so both sides import this file. Times are virtual-clock milliseconds.
 */
export const PARTIES = ['web', 'lab', 'stripe', 'deepgram', 'app', 'side-effect'] as const;
export type Party = (typeof PARTIES)[number];

export const RECORD_KINDS = ['api', 'webhook', 'retry', 'poll', 'callback', 'side-effect'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface HttpMessage {
  headers: Record<string, string>;
  /** The body as text, cut to a size cap (see `truncated`). */
  body: string;
  truncated?: boolean;
}

export interface TimelineRecord {
  id: string;
  /** Groups the records of one trigger, scenario or check run. */
  runId: string;
  kind: RecordKind;
  from: Party;
  to: Party;
  method: string;
  url: string;
  /** HTTP status, or null when no response came (timeout, connection refused). */
  status: number | null;
  startedAt: number;
  endedAt: number;
  /** 1 for a first delivery, 2+ for retries; 1 for everything else. */
  attempt: number;
  request: HttpMessage;
  response: HttpMessage | null;
  /** What went wrong, in words a learner can act on. */
  error?: string;
  /** The provider's event id, when the exchange delivered one. */
  eventId?: string;
  /** Labels such as injected faults ("duplicate", "stale timestamp"). */
  labels?: string[];
}

/** A record before the timeline has given it an id. */
export type NewTimelineRecord = Omit<TimelineRecord, 'id'>;

/** Bodies beyond this many characters are cut in the timeline (the exchange itself is not). */
export const BODY_CAP = 16 * 1024;

/** Cuts a body to the timeline's cap. */
export function capBody(body: string): Pick<HttpMessage, 'body' | 'truncated'> {
  return body.length > BODY_CAP ? { body: body.slice(0, BODY_CAP), truncated: true } : { body };
}
