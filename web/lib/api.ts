import type { HealthReport } from '../../server/lab/create-lab-app.ts';
import type { Lesson, LessonSummary } from '../../server/lab/lesson-types.ts';
import type { ClockState } from '../../server/clock/clock.ts';
import type { FaultSettings } from '../../server/delivery/faults.ts';
import type { TimelineRecord } from '../../server/timeline/record.ts';
import type { CheckResult, CheckSummary } from '../../server/checks/check-result.ts';

/** The lab's shapes the page uses, re-exported so components import them from one place. */
export type { CheckResult, CheckSummary, ClockState, FaultSettings, HealthReport };

/** `GET`/`PUT /api/faults`: the settings and what each fault does. */
export interface FaultsResponse {
  faults: FaultSettings;
  descriptions: Record<keyof FaultSettings, string>;
}

/** What `PUT /api/clock` takes: any of these. */
export interface ClockChange {
  speed?: number;
  paused?: boolean;
  step?: true;
  advanceMs?: number;
}

/** One line of `POST /api/checks/:lessonId`'s NDJSON stream. */
export type CheckLine = ({ type: 'check' } & CheckResult) | ({ type: 'summary' } & CheckSummary) | { type: 'error'; message: string };

/** An error from the lab API (`{error: {message, hint}}`), or from failing to reach it. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** What the learner can do about it, when the lab says. */
    readonly hint: string | undefined,
    /** HTTP status; 0 when the lab could not be reached at all. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `GET /api/lessons`. */
export interface LessonsResponse {
  lessons: LessonSummary[];
  /** The lesson "your app" serves now. */
  active: string | null;
  lastLesson: string | null;
}

/** One entry of `GET /api/triggers/stripe`. */
export interface TriggerInfo {
  event: string;
  description: string;
}

/** What `POST /api/triggers/stripe/:event` answers. */
export interface TriggerResult {
  runId: string;
  event: string;
}

/** `GET /api/timeline`. */
export interface TimelinePage {
  records: TimelineRecord[];
  clock: ClockState;
}

/**
 * Calls the lab API and returns its JSON. Anything but a 2xx becomes an ApiError carrying the
 * lab's message and hint, so callers show it instead of guessing.
 */
export async function requestJson<T>(path: string, init: { method?: string; body?: unknown; allowStatus?: number[] } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (err) {
    throw new ApiError(`Could not reach the lab (${(err as Error).message}).`, 'Is `npm run dev` (or `npm run lab`) still running?', 0);
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(`The lab answered ${path} with ${response.status} and a body that is not JSON.`, 'Is the lab running on the port Vite proxies /api to (HOOKLAB_LAB_PORT)?', response.status);
  }
  if (!response.ok && !init.allowStatus?.includes(response.status)) {
    const error = (data as { error?: { message?: string; hint?: string } } | null)?.error;
    throw new ApiError(error?.message ?? `The lab answered ${init.method ?? 'GET'} ${path} with HTTP ${response.status}.`, error?.hint, response.status);
  }
  return data as T;
}

/** The lab API, one function per call the page makes. */
export const api = {
  /** Every party's state (the same report as `/api/health`, but 200 even while a party is down). */
  health: () => requestJson<HealthReport>('/api/parties'),
  lessons: () => requestJson<LessonsResponse>('/api/lessons'),
  lesson: (id: string) => requestJson<Lesson>(`/api/lessons/${encodeURIComponent(id)}`),
  /** Makes "your app" serve `id`'s workspace. */
  openLesson: (id: string) => requestJson<{ active: string }>(`/api/lessons/${encodeURIComponent(id)}/open`, { method: 'POST' }),
  stripeTriggers: () => requestJson<{ triggers: TriggerInfo[] }>('/api/triggers/stripe'),
  triggerStripe: (event: string) => requestJson<TriggerResult>(`/api/triggers/stripe/${encodeURIComponent(event)}`, { method: 'POST' }),
  timeline: (limit = 500) => requestJson<TimelinePage>(`/api/timeline?limit=${limit}`),
  faults: () => requestJson<FaultsResponse>('/api/faults'),
  /** Changes some faults; the lab refuses a bad update whole. */
  updateFaults: (changes: Partial<FaultSettings>) => requestJson<FaultsResponse>('/api/faults', { method: 'PUT', body: changes }),
  resetFaults: () => requestJson<FaultsResponse>('/api/faults', { method: 'DELETE' }),
  /** Drives the lab's clock: speed, pause, a step to the next scheduled thing, or a jump ahead. */
  setClock: (change: ClockChange) => requestJson<ClockState>('/api/clock', { method: 'PUT', body: change }),
  /** Asks the mock Stripe to deliver an event again (grouped with `runId` on the timeline). */
  resendStripeEvent: (eventId: string, runId?: string) =>
    requestJson<{ eventId: string; type: string }>(`/api/stripe/events/${encodeURIComponent(eventId)}/resend`, { method: 'POST', body: { runId } }),
  runChecks,
};

/**
 * Runs a lesson's checks against the learner's workspace and calls `onLine` for each result as
 * the lab streams it (one JSON object per line), ending with the summary.
 */
async function runChecks(lessonId: string, onLine: (line: CheckLine) => void): Promise<void> {
  const path = `/api/checks/${encodeURIComponent(lessonId)}`;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { accept: 'application/x-ndjson' } });
  } catch (err) {
    throw new ApiError(`Could not reach the lab (${(err as Error).message}).`, 'Is `npm run dev` (or `npm run lab`) still running?', 0);
  }
  if (!response.ok || !response.body) {
    const error = ((await response.json().catch(() => null)) as { error?: { message?: string; hint?: string } } | null)?.error;
    throw new ApiError(error?.message ?? `The lab answered POST ${path} with HTTP ${response.status}.`, error?.hint, response.status);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    const lines = buffered.split('\n');
    buffered = done ? '' : (lines.pop() ?? '');
    for (const line of lines) if (line.trim()) onLine(JSON.parse(line) as CheckLine);
    if (done) return;
  }
}
