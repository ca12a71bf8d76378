/**
 * The push-versus-poll scenario as "your app" runs it, in the app's child process. Both strategies
 * are real HTTP from here: a callback route Deepgram POSTs to, and poll loops against the jobs
 * endpoint.
 *
 * The design problem: the virtual clock lives in the lab process, and this is another process.
 * A second clock here would drift from the lab's (pauses, steps, speed changes), so the poll
 * loops do not keep time themselves: each wait is a `sleep` message to the lab, which sets a timer
 * on its clock and answers `wake`. The lab also hears when each loop and submission is done, which
 * tells it when this process is idle and the clock may move on.
 */
import express, { type Router } from 'express';
import { FROM_HEADER, RUN_HEADER } from '../../timeline/record-exchanges.ts';
import type { ScenarioFromApp, ScenarioStart, ScenarioToApp } from './messages.ts';
import { checkStatusNaive, type JobStatusAnswer, type PollDeps, pollUntilDone } from './poll-loops.ts';

/**
 * The runtime's own fetch, taken when this module loads, before MSW's `listen()` wraps the global
 * one to intercept the learner's side-effect calls. Scenario traffic is the lab's measurement, not
 * the learner's side effects, and the interception would cost more than the requests themselves.
 */
const directFetch = globalThis.fetch;

/** Where Deepgram's callbacks for a run arrive in "your app" (the `/__hooklab` prefix is the lab's). */
export const CALLBACK_PATH = '/__hooklab/scenarios/push-vs-poll/:runId/callback';

/** At most this many requests in flight at once, so a big run does not exhaust file descriptors. */
const MAX_IN_FLIGHT = 64;

function limiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Runs scenarios on the lab's orders; `router` holds the callback route, `receive` takes IPC messages. */
export function createScenarioHost(tell: (message: ScenarioFromApp) => void): { router: Router; receive: (message: ScenarioToApp) => void } {
  const wakers = new Map<number, () => void>();
  let nextSleep = 1;
  const limit = limiter(MAX_IN_FLIGHT);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const id = nextSleep++;
      wakers.set(id, resolve);
      tell({ kind: 'sleep', id, ms });
    });

  const router = express.Router();
  router.post(CALLBACK_PATH, express.json({ limit: '5mb' }), (req, res) => {
    // Knowing is enough here: the timeline shows when the result arrived. A real app would queue work.
    res.json({ received: true, request_id: (req.body as { metadata?: { request_id?: string } }).metadata?.request_id ?? null });
  });

  async function call(start: ScenarioStart, runId: string, path: string, init: RequestInit = {}): Promise<unknown> {
    return limit(async () => {
      const response = await directFetch(`${start.deepgramUrl}${path}`, {
        ...init,
        headers: { authorization: `Token ${start.apiKey}`, 'content-type': 'application/json', [RUN_HEADER]: runId, [FROM_HEADER]: 'app' },
      });
      const body = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${JSON.stringify(body)}`);
      return body;
    });
  }

  async function push(start: ScenarioStart, audioUrl: string): Promise<void> {
    const callback = `${start.appUrl}${CALLBACK_PATH.replace(':runId', start.runId)}`;
    await call(start, start.pushRunId, `/v1/listen?callback=${encodeURIComponent(callback)}`, { method: 'POST', body: JSON.stringify({ url: audioUrl }) });
  }

  async function poll(start: ScenarioStart, audioUrl: string): Promise<void> {
    const { request_id } = (await call(start, start.pollRunId, '/v1/jobs', { method: 'POST', body: JSON.stringify({ url: audioUrl }) })) as JobStatusAnswer;
    const deps: PollDeps = { sleep, check: () => call(start, start.pollRunId, `/v1/jobs/${request_id}`) as Promise<JobStatusAnswer> };
    if (start.poll.variant === 'naive') await checkStatusNaive(deps, start.poll.intervalMs);
    else await pollUntilDone(deps, start.poll);
  }

  function run(start: ScenarioStart): void {
    const { runId } = start;
    const failed = (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) });
    for (const audioUrl of start.audioUrls) {
      push(start, audioUrl).then(
        () => tell({ kind: 'submitted', runId }),
        (err: unknown) => tell({ kind: 'submitted', runId, ...failed(err) }),
      );
      poll(start, audioUrl).then(
        () => tell({ kind: 'loop-ended', runId }),
        (err: unknown) => tell({ kind: 'loop-ended', runId, ...failed(err) }),
      );
    }
  }

  return {
    router,
    receive(message) {
      if (message.kind === 'start') run(message);
      else if (message.kind === 'wake') {
        wakers.get(message.id)?.();
        wakers.delete(message.id);
      }
    },
  };
}
