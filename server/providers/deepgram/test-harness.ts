import type { Server } from 'node:http';
import express, { type Request } from 'express';
import { VirtualClock } from '../../clock/clock.ts';
import { close, listen, portOf } from '../../http/listen.ts';
import type { TimelineRecord } from '../../timeline/record.ts';
import { Timeline } from '../../timeline/timeline.ts';
import { createDeepgramCallbacks } from './callbacks.ts';
import { createDeepgramApp } from './create-deepgram-app.ts';
import { type DeepgramJob, DeepgramJobs } from './jobs.ts';

/** A callback the test receiver got. */
export interface ReceivedCallback {
  method: string;
  path: string;
  headers: Request['headers'];
  body: unknown;
}

/**
 * For the mock's tests: the mock Deepgram on a free port with a paused clock, and a receiver that
 * answers callbacks with the statuses queued in `answers` (then 200).
 */
export async function startDeepgramHarness() {
  const clock = new VirtualClock({ paused: true });
  const timeline = new Timeline();
  const jobs = new DeepgramJobs(clock);
  const callbacks = createDeepgramCallbacks({ clock, timeline });
  const received: ReceivedCallback[] = [];
  const answers: number[] = [];
  const receiver = express().use(express.json({ limit: '5mb' }), (req, res) => {
    received.push({ method: req.method, path: req.path, headers: req.headers, body: req.body });
    res.status(answers.shift() ?? 200).json({ ok: true });
  });
  const servers: Server[] = [
    await listen(createDeepgramApp({ clock, timeline, jobs, callbacks }), { port: 0, host: '127.0.0.1', party: 'mock Deepgram', envVar: '-' }),
    await listen(receiver, { port: 0, host: '127.0.0.1', party: 'receiver', envVar: '-' }),
  ];
  const url = `http://127.0.0.1:${portOf(servers[0])}`;
  return {
    clock,
    timeline,
    jobs,
    callbacks,
    url,
    receiverUrl: `http://127.0.0.1:${portOf(servers[1])}`,
    received,
    answers,
    /** Resolves with the next job the mock creates. */
    /** Resolves with a callback attempt once the sender has decided what comes next (so the clock can move). */
    attempt: (requestId: string, n: number) =>
      new Promise<TimelineRecord>((resolve) => {
        const stop = callbacks.onAttempt(({ record }) => {
          if (record.eventId !== requestId || record.attempt !== n) return;
          stop();
          resolve(record);
        });
      }),
    nextJob: () => new Promise<DeepgramJob>((resolve) => { const stop = jobs.on('created', (job) => { stop(); resolve(job); }); }),
    listen: (query = '', init: RequestInit = {}) =>
      fetch(`${url}/v1/listen${query}`, {
        method: 'POST',
        ...init,
        headers: { authorization: 'Token test_key_123', 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      }),
    async close() {
      clock.dispose();
      await Promise.all(servers.map(close));
    },
  };
}
