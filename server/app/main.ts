/**
 * "Your app": the child process that hosts the learner's handler. The lab forks it with the
 * directory to serve; it never runs inside the lab, so learner code cannot take the lab down.
 */
import { resolve } from 'node:path';
import express from 'express';
import { server as sideEffectApis } from '../../mocks/node.ts';
import { createScenarioHost } from '../scenarios/push-vs-poll/app-side.ts';
import { capBody } from '../timeline/record.ts';
import { createYourApp } from './create-your-app.ts';
import { HandlerHost } from './handler-host.ts';
import type { AppMessage, LabMessage } from './messages.ts';

const dir = resolve(process.env.HOOKLAB_APP_DIR ?? '.');
const entry = process.env.HOOKLAB_APP_ENTRY ?? 'app.ts';
const port = Number(process.env.HOOKLAB_APP_PORT ?? 3000);
const host = process.env.HOOKLAB_HOST ?? '127.0.0.1';

const tell = (message: AppMessage) => process.send?.(message);

process.setSourceMapsEnabled(true);
// The lab's IPC channel closes when the lab exits; "your app" goes with it.
process.on('disconnect', () => process.exit(0));
// Learner code that crashes the process: tell the lab what happened, then exit as Node would.
const crash = (kind: 'uncaught-exception' | 'unhandled-rejection', reason: unknown) => {
  const error = reason instanceof Error ? reason : new Error(String(reason));
  console.error(`Your app crashed (${kind.replace('-', ' ')}):\n${error.stack}`);
  const exit = () => process.exit(1);
  if (process.send) process.send({ type: 'fatal', kind, message: error.message, stack: error.stack ?? error.message } satisfies AppMessage, exit);
  else exit();
};
process.on('uncaughtException', (error) => crash('uncaught-exception', error));
process.on('unhandledRejection', (reason) => crash('unhandled-rejection', reason));
process.on('message', (message: LabMessage) => {
  if (message.type === 'reload') void handlers.reload();
  if (message.type === 'scenario') scenarios.receive(message.payload);
});
// Scenarios the lab runs through "your app" (push versus poll), beside the learner's handler.
const scenarios = createScenarioHost((payload) => tell({ type: 'scenario', payload }));

const firstVersion = Number(process.env.HOOKLAB_HANDLER_VERSION ?? 0);
const handlers = new HandlerHost(dir, entry, (state) => {
  tell({ type: 'handler', state });
  if (state.status === 'compile-error') {
    const { file, line, column, message, frame } = state.error;
    console.error(`Your handler does not compile (the last good version keeps serving):\n${file}:${line}:${column} ${message}\n${frame}`);
  } else if (state.status === 'ready' && state.version > firstVersion + 1) {
    console.log(`Reloaded your handler (version ${state.version}).`);
  }
}, firstVersion);

// The request body can only be read before the mock handler consumes it, so it is kept at the start.
const started = new Map<string, { at: number; body: Promise<string> }>();
sideEffectApis.events.on('request:start', ({ request, requestId }) => {
  started.set(requestId, { at: performance.now(), body: request.clone().text() });
});
sideEffectApis.events.on('response:mocked', async ({ request, response, requestId }) => {
  const start = started.get(requestId);
  started.delete(requestId);
  const durationMs = start ? performance.now() - start.at : 0;
  tell({
    type: 'side-effect',
    call: {
      method: request.method,
      url: request.url,
      status: response.status,
      durationMs,
      request: { headers: Object.fromEntries(request.headers), ...capBody((await start?.body) ?? '') },
      response: { headers: Object.fromEntries(response.headers), ...capBody(await response.clone().text()) },
    },
  });
});
sideEffectApis.listen({ onUnhandledRequest: 'bypass' });

await handlers.reload();
handlers.watch();
const app = express()
  .use(scenarios.router)
  .use(
    createYourApp(handlers, {
      onHandlerError: (report) => tell({ type: 'handler-error', report }),
      onRequestStart: (id, method, path) => tell({ type: 'request-start', id, method, path }),
      onRequestEnd: (id) => tell({ type: 'request-end', id }),
    }),
  );
const listener = app.listen(port, host, () => {
  const address = listener.address();
  tell({ type: 'ready', port: typeof address === 'object' && address ? address.port : port });
  console.log(`Your app is listening on http://${host}:${typeof address === 'object' && address ? address.port : port}, serving ${dir}`);
});
listener.on('error', (err: NodeJS.ErrnoException) => {
  console.error(
    err.code === 'EADDRINUSE'
      ? `Port ${port} is taken, so "your app" cannot start. Set HOOKLAB_APP_PORT to a free port, or stop what is using ${port}.`
      : `Your app could not listen: ${err.message}`,
  );
  process.exit(2);
});
