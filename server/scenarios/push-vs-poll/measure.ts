import type { TimelineRecord } from '../../timeline/record.ts';
import type { LatencyFigures, StrategyFigures } from './types.ts';

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function latencies(values: number[]): LatencyFigures | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
}

function headerBytes(headers: Record<string, string>): number {
  return Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 2);
}

/** Bytes of an exchange as recorded: request line, headers and body, then the response's. */
export function exchangeBytes(record: TimelineRecord): number {
  const bodyBytes = (message: { headers: Record<string, string>; body: string; truncated?: boolean }) =>
    message.truncated && message.headers['content-length'] ? Number(message.headers['content-length']) : Buffer.byteLength(message.body);
  const path = new URL(record.url).pathname + new URL(record.url).search;
  let bytes = `${record.method} ${path} HTTP/1.1\r\n`.length + headerBytes(record.request.headers) + bodyBytes(record.request);
  if (record.response) bytes += 'HTTP/1.1 200 OK\r\n'.length + headerBytes(record.response.headers) + bodyBytes(record.response);
  return bytes;
}

function rate(records: TimelineRecord[], clockStart: number, clockEnd: number): { peak: number; perSecond: number[] } {
  const perSecond = Array<number>(Math.max(1, Math.ceil((clockEnd - clockStart) / 1000) + 1)).fill(0);
  for (const r of records) perSecond[Math.max(0, Math.floor((r.startedAt - clockStart) / 1000))]++;
  return { peak: Math.max(0, ...perSecond), perSecond };
}

/** What a poll's answer said, read from its recorded body (the fields come first, so a cut body still has them). */
function pollAnswer(record: TimelineRecord): { status?: string; finishedAt?: number } {
  const body = record.response?.body ?? '';
  const status = /"status":"(\w+)"/.exec(body)?.[1];
  const finished = /"completed_at":"([^"]+)"/.exec(body)?.[1];
  return { status, ...(finished && { finishedAt: Date.parse(finished) }) };
}

/**
 * Polling's figures, from the `poll` records of its run: per job, the first answer that said
 * `completed` or `failed` is when the app knew; every other poll was wasted.
 */
export function measurePolling(records: TimelineRecord[], jobs: number, clockStart: number, clockEnd: number): StrategyFigures {
  const polls = records.filter((r) => r.kind === 'poll').sort((a, b) => a.startedAt - b.startedAt);
  const byJob = new Map<string, TimelineRecord[]>();
  for (const r of polls) {
    const id = new URL(r.url).pathname.split('/').pop()!;
    byJob.set(id, [...(byJob.get(id) ?? []), r]);
  }
  const delays: number[] = [];
  for (const jobPolls of byJob.values()) {
    for (const poll of jobPolls) {
      const answer = pollAnswer(poll);
      if ((answer.status === 'completed' || answer.status === 'failed') && answer.finishedAt !== undefined) {
        delays.push(poll.endedAt - answer.finishedAt);
        break;
      }
    }
  }
  return figures(polls, delays, jobs, clockStart, clockEnd);
}

/**
 * Push's figures, from the `callback` records of its run: per job, the provider finished when it
 * sent the first attempt, and the app knew when an attempt got a 2xx; failed or repeated
 * deliveries were wasted.
 */
export function measurePush(records: TimelineRecord[], jobs: number, clockStart: number, clockEnd: number): StrategyFigures {
  const attempts = records.filter((r) => r.kind === 'callback').sort((a, b) => a.startedAt - b.startedAt);
  const byJob = new Map<string, TimelineRecord[]>();
  for (const r of attempts) byJob.set(r.eventId ?? r.id, [...(byJob.get(r.eventId ?? r.id) ?? []), r]);
  const delays: number[] = [];
  for (const jobAttempts of byJob.values()) {
    const delivered = jobAttempts.find((r) => r.status !== null && r.status >= 200 && r.status < 300);
    if (delivered) delays.push(delivered.endedAt - jobAttempts[0].startedAt);
  }
  return figures(attempts, delays, jobs, clockStart, clockEnd);
}

/** A strategy's figures from its requests and, per job it noticed, how late it noticed. */
function figures(requests: TimelineRecord[], delays: number[], jobs: number, clockStart: number, clockEnd: number): StrategyFigures {
  const { peak, perSecond } = rate(requests, clockStart, clockEnd);
  return {
    requests: requests.length,
    wasted: requests.length - delays.length,
    detected: delays.length,
    missed: jobs - delays.length,
    detectionLatencyMs: latencies(delays),
    bytes: requests.reduce((sum, r) => sum + exchangeBytes(r), 0),
    peakRequestsPerSecond: peak,
    perSecond,
  };
}
