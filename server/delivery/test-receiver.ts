import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** How a test receiver answers: a status (and body), or `hang` to never answer. */
export type ReceiverAnswer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

/** A tiny webhook consumer for tests and benchmarks: records every request and answers as told. */
export interface TestReceiver {
  url: string;
  received: Received[];
  /** Resolves once at least `count` requests have arrived. */
  waitForCount: (count: number) => Promise<Received[]>;
  answer: (respond: (request: Received, index: number) => ReceiverAnswer) => void;
  close: () => Promise<void>;
}

/** Starts a receiver on a free port of 127.0.0.1 that answers 200 `{"received": true}` unless told otherwise. */
export async function startReceiver(respond: (request: Received, index: number) => ReceiverAnswer = () => ({ status: 200 })): Promise<TestReceiver> {
  const received: Received[] = [];
  const waiters: { count: number; resolve: (all: Received[]) => void }[] = [];
  let answerWith = respond;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const index = received.push(request) - 1;
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(received);
      }
      const answer = answerWith(request, index);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    waitForCount: (count) =>
      received.length >= count ? Promise.resolve(received) : new Promise((resolve) => waiters.push({ count, resolve })),
    answer: (next) => {
      answerWith = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
