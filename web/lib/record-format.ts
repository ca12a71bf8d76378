import type { Party, TimelineRecord } from '../../server/timeline/record.ts';

/** How a status reads at a glance; the page colours by it and always prints the number too. */
export type StatusClass = 'success' | 'redirect' | 'client-error' | 'server-error' | 'no-response' | 'lost';

/**
 * The class of a status: 2xx success, 3xx redirect, 4xx client error, 5xx server error, none; and
 * "lost" for a 2xx the provider counted as a failure anyway (the "fail first attempt" fault, whose
 * record carries the `error` that explains it).
 */
export function statusClass(status: number | null, error?: string | null): StatusClass {
  if (status === null) return 'no-response';
  if (status >= 200 && status < 300) return error ? 'lost' : 'success';
  if (status >= 300 && status < 400) return 'redirect';
  if (status >= 400 && status < 500) return 'client-error';
  return 'server-error';
}

/** "200", or "no response" when the exchange got none (timeout, refused). */
export function statusText(status: number | null): string {
  return status === null ? 'no response' : String(status);
}

const STATUS_MEANING: Record<StatusClass, string> = {
  success: 'success',
  redirect: 'redirect (a failure for a webhook)',
  'client-error': 'client error',
  'server-error': 'server error',
  'no-response': 'failure',
  lost: 'answer lost on the way back (a failure: the provider retries)',
};

/** Words for screen readers and tooltips: "501, server error". */
export function statusDescription(status: number | null, error?: string | null): string {
  return `${statusText(status)}, ${STATUS_MEANING[statusClass(status, error)]}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Clock time of day with milliseconds, in the learner's time zone: "19:33:03.601". */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A clock duration in the unit that reads best: "12 ms", "1.5 s", "3 min", "2.0 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** The path and query of a URL ("/webhooks/stripe"); the input itself when it is not a URL. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

const PARTY_NAMES: Record<Party, string> = {
  web: 'page',
  lab: 'lab',
  stripe: 'Stripe',
  deepgram: 'Deepgram',
  app: 'your app',
  'side-effect': 'side effect',
};

/** A party as the lessons name it ("your app", "Stripe"); `short` for tight rows ("app"). */
export function partyName(party: Party, short = false): string {
  if (short && party === 'app') return 'app';
  return PARTY_NAMES[party] ?? party;
}

/** The provider's event type a webhook carried ("payment_intent.succeeded"), if its body says. */
export function eventTypeOf(record: TimelineRecord): string | null {
  if (record.kind !== 'webhook' && record.kind !== 'retry' && record.kind !== 'callback') return null;
  try {
    const body = JSON.parse(record.request.body) as { type?: unknown };
    return typeof body.type === 'string' ? body.type : null;
  } catch {
    return null;
  }
}

/** A body made readable: JSON indented by two spaces, anything else unchanged. */
export function prettyBody(body: string): { text: string; json: boolean } {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { text: body, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(trimmed), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}
