import { randomUUID } from 'node:crypto';
import type { AppProcess } from '../../app/app-process.ts';
import type { AppMessage } from '../../app/messages.ts';
import type { VirtualClock } from '../../clock/clock.ts';
import type { DeliveryEngine } from '../../delivery/delivery-engine.ts';
import { HttpError } from '../../lab/http-error.ts';
import type { DeepgramJobs } from '../../providers/deepgram/jobs.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import { ClockDriver } from './clock-driver.ts';
import { describeFigures } from './describe.ts';
import { buildLanes } from './lanes.ts';
import { measurePolling, measurePush } from './measure.ts';
import type { ScenarioToApp } from './messages.ts';
import { jobDurations, parsePushVsPollParams } from './params.ts';
import type { PushVsPollResult } from './types.ts';

/** The parties a run drives: the clock, the timeline, your app and the mock Deepgram. */
export interface PushVsPollDeps {
  clock: VirtualClock;
  timeline: Timeline;
  app: AppProcess;
  deepgram: { jobs: DeepgramJobs; callbacks: DeliveryEngine };
  urls: () => { deepgram: string; app: string };
  apiKey: string;
}

/** Real milliseconds to wait for "your app" to come up (it restarts when a lesson is opened). */
const START_WAIT_MS = 15_000;

/** Resolves once "your app" is up, waiting a while if it is (re)starting. */
function untilUp(app: AppProcess): Promise<void> {
  if (app.status === 'up') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      app.off('status', onStatus);
      reject(new HttpError(409, `Your app is ${app.status}, so it cannot run the scenario.`, 'Wait until GET /api/health says the app is up, then run again.'));
    }, START_WAIT_MS);
    const onStatus = (status: string) => {
      if (status !== 'up') return;
      clearTimeout(timer);
      app.off('status', onStatus);
      resolve();
    };
    app.on('status', onStatus);
  });
}

/** Real milliseconds a run may take before the lab gives up on it. */
const RUN_LIMIT_MS = 5 * 60_000;

/**
 * Makes the runner of `POST /api/scenarios/push-vs-poll`: the same jobs, submitted at the same
 * clock instant both ways by "your app" (with a callback, and to the polling endpoint), the clock
 * driven step by step until every job is known or given up, then both strategies measured from
 * the run's timeline records. One run at a time.
 */
export function pushVsPollRunner(deps: PushVsPollDeps): (body: unknown) => Promise<PushVsPollResult> {
  let running = false;
  return async (body) => {
    const { clock, timeline, app, deepgram } = deps;
    const params = parsePushVsPollParams(body, clock.state().speed);
    if (running) throw new HttpError(409, 'A push-versus-poll run is already going.', 'Wait for it to finish (its figures come back in its response), then start another.');
    running = true;
    try {
      await untilUp(app);
    } catch (err) {
      running = false;
      throw err;
    }
    const runId = `pvp_${randomUUID().slice(0, 8)}`;
    const runs = { push: `${runId}-push`, poll: `${runId}-poll` };
    const wasPaused = clock.state().paused;
    const driver = new ClockDriver(clock, () => deepgram.callbacks.inFlight);
    const abort = new AbortController();
    const wakeTimers = new Map<number, () => void>();
    const errors: string[] = [];
    let submitted = 0;
    let loopsEnded = 0;
    let pushSettled = 0;
    let failedSubmissions = 0;

    const stopAttempts = deepgram.callbacks.onAttempt(({ delivery }) => {
      if (delivery.runId !== runs.push) return;
      if (delivery.state !== 'pending') pushSettled++;
      driver.notify();
    });
    const onMessage = (message: AppMessage) => {
      if (message.type !== 'scenario') return;
      const m = message.payload;
      if (m.kind === 'sleep') {
        wakeTimers.set(
          m.id,
          clock.setTimer(m.ms, () => {
            wakeTimers.delete(m.id);
            driver.busy(+1);
            app.send({ type: 'scenario', payload: { kind: 'wake', id: m.id } });
          }),
        );
        driver.busy(-1);
        return;
      }
      if (m.runId !== runId) return;
      if (m.error && errors.length < 10) errors.push(m.error);
      if (m.kind === 'submitted') {
        submitted++;
        if (m.error) failedSubmissions++;
      } else loopsEnded++;
      driver.busy(-1);
    };
    const onStatus = (status: string) => {
      if (status === 'up') return;
      const why = status === 'crashed' ? 'crashed' : 'was stopped or restarted (another lesson opened?)';
      abort.abort(new HttpError(409, `Your app ${why} during the run, so its figures would be wrong.`, 'Run the scenario again once your app is up.'));
    };
    const limit = setTimeout(() => abort.abort(new HttpError(504, `The run took longer than ${RUN_LIMIT_MS / 60_000} minutes of real time and was stopped.`, 'Try fewer jobs or a higher speed.')), RUN_LIMIT_MS);
    app.on('message', onMessage);
    app.on('status', onStatus);
    const endTolerance = app.tolerateLoad();

    const durations = jobDurations(params);
    const processingSpeed = deepgram.jobs.settings.processingSpeed;
    const { deepgram: deepgramUrl, app: appUrl } = deps.urls();
    const wallStart = performance.now();
    clock.set({ paused: true });
    const clockStart = clock.now();
    let clockEnd = clockStart;
    try {
      driver.busy(2 * params.jobs);
      const start: ScenarioToApp = {
        kind: 'start',
        runId,
        pushRunId: runs.push,
        pollRunId: runs.poll,
        deepgramUrl,
        apiKey: deps.apiKey,
        appUrl,
        audioUrls: durations.map((s) => `${deepgramUrl}/samples/podcast-intro.wav?duration=${s * processingSpeed}`),
        poll: { intervalMs: params.pollIntervalMs, backoff: params.backoff, maxAttempts: params.maxAttempts, variant: params.variant },
      };
      if (!app.send({ type: 'scenario', payload: start })) throw new HttpError(409, 'Your app is not running, so it cannot run the scenario.', 'Wait until GET /api/health says the app is up.');
      const done = () => submitted === params.jobs && loopsEnded === params.jobs && pushSettled >= params.jobs - failedSubmissions;
      await driver.run(done, params.speed, abort.signal);
      clockEnd = clock.now();
    } finally {
      clearTimeout(limit);
      endTolerance();
      stopAttempts();
      app.off('message', onMessage);
      app.off('status', onStatus);
      for (const cancel of wakeTimers.values()) cancel();
      clock.set({ paused: wasPaused });
      running = false;
    }
    const pushRecords = timeline.list({ runId: runs.push });
    const pollRecords = timeline.list({ runId: runs.poll });
    const push = measurePush(pushRecords, params.jobs, clockStart, clockEnd);
    const poll = measurePolling(pollRecords, params.jobs, clockStart, clockEnd);
    return {
      runId,
      runs,
      params,
      clock: { startedAt: clockStart, endedAt: clockEnd },
      wallMs: Math.round(performance.now() - wallStart),
      push,
      poll,
      lanes: { push: buildLanes(pushRecords, 'push'), poll: buildLanes(pollRecords, 'poll') },
      summary: describeFigures(params, push, poll),
      ...(errors.length && { errors }),
    };
  };
}
