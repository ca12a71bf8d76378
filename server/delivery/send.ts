import type { VirtualClock } from '../clock/clock.ts';
import { capBody, type NewTimelineRecord, type Party, type RecordKind, type TimelineRecord } from '../timeline/record.ts';
import type { Timeline } from '../timeline/timeline.ts';

export interface OutgoingRequest {
  runId: string;
  kind: RecordKind;
  from: Party;
  to: Party;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  attempt?: number;
  eventId?: string;
  labels?: string[];
  /** Count a 2xx answer as a failure with this reason (fault injection: "the answer was lost"). */
  injectedFailure?: string;
}

export interface SendOptions {
  clock: VirtualClock;
  timeline: Timeline;
  /** Clock milliseconds to wait for a response before giving up. */
  timeoutMs: number;
  /**
   * Real milliseconds a receiver always gets, however fast the clock runs: at 10000× a 10 s
   * timeout is 1 real ms, and a healthy consumer must not fail for that (default 0).
   */
  minRealTimeoutMs?: number;
}

/**
 * Sends one HTTP request, waits at most `timeoutMs` of clock time, and records the exchange in
 * the timeline whatever happens: a response, a timeout or a refused connection.
 */
export async function sendAndRecord(request: OutgoingRequest, options: SendOptions): Promise<TimelineRecord> {
  const { clock, timeline, timeoutMs, minRealTimeoutMs = 0 } = options;
  const controller = new AbortController();
  const realStart = performance.now();
  let timedOut = false;
  let realTimer: NodeJS.Timeout | undefined;
  const abort = () => {
    timedOut = true;
    controller.abort();
  };
  const cancelClockTimer = clock.setTimer(
    timeoutMs,
    () => {
      const realLeft = minRealTimeoutMs - (performance.now() - realStart);
      if (realLeft <= 0) abort();
      else realTimer = setTimeout(abort, realLeft);
    },
    `timeout of ${request.method} ${request.url}`,
  );
  const cancelTimeout = () => {
    cancelClockTimer();
    clearTimeout(realTimer);
  };
  const startedAt = clock.now();
  const base: Omit<NewTimelineRecord, 'status' | 'endedAt' | 'response'> = {
    runId: request.runId,
    kind: request.kind,
    from: request.from,
    to: request.to,
    method: request.method,
    url: request.url,
    startedAt,
    attempt: request.attempt ?? 1,
    request: { headers: request.headers, ...capBody(request.body) },
    ...(request.eventId && { eventId: request.eventId }),
    ...(request.labels?.length && { labels: request.labels }),
  };
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const text = await response.text();
    const record: NewTimelineRecord = {
      ...base,
      status: response.status,
      endedAt: clock.now(),
      response: { headers: Object.fromEntries(response.headers), ...capBody(text) },
    };
    const error = describeFailure(response.status, text) ?? request.injectedFailure;
    if (error) record.error = error;
    return timeline.add(record);
  } catch (err) {
    return timeline.add({
      ...base,
      status: null,
      endedAt: clock.now(),
      response: null,
      error: timedOut
        ? `No response within ${timeoutMs / 1000} s of clock time: the receiver took too long. Answer 2xx first, then do slow work.`
        : `Could not reach ${request.url}: ${causeOf(err)}. Is the receiver running and listening on that port?`,
    });
  } finally {
    cancelTimeout();
  }
}

/** Whether a recorded exchange counts as a successful delivery: a 2xx and no injected failure. */
export function isDelivered(record: TimelineRecord): boolean {
  return record.status !== null && record.status >= 200 && record.status < 300 && !record.error;
}

/** Why a response counts as a failed delivery, or undefined when it is a 2xx. */
function describeFailure(status: number, body: string): string | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status >= 300 && status < 400) {
    return `HTTP ${status}: redirects count as failures, and providers do not follow them. Answer 2xx at the URL you registered.`;
  }
  let detail = '';
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string };
    detail = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? '');
  } catch {
    detail = body.slice(0, 200);
  }
  return `HTTP ${status}${detail ? `: ${detail}` : ''}`;
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
