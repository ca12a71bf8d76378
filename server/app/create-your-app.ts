import express, { type ErrorRequestHandler, type Express } from 'express';
import type { HandlerHost } from './handler-host.ts';

/** Messages "your app" sends to the lab about the learner's code. */
export type HandlerErrorReport = { message: string; stack: string; method: string; path: string };

/** The path the lab's health probe asks; learners' routes never collide with it. */
export const APP_HEALTH_PATH = '/__hooklab/health';

/** What "your app" reports about the requests it serves (the child sends these to the lab). */
export interface YourAppReporter {
  onHandlerError?: (report: HandlerErrorReport) => void;
  /** A request is about to reach the learner's handler. */
  onRequestStart?: (id: number, method: string, path: string) => void;
  /** That request's response finished or its connection closed. */
  onRequestEnd?: (id: number) => void;
}

/**
 * "Your app": an Express app whose routes are the learner's handler, whichever version is current.
 * Errors in learner code become JSON 500s that say what threw; the process keeps serving.
 */
export function createYourApp(host: HandlerHost, reporter: YourAppReporter = {}): Express {
  const { onHandlerError = () => {}, onRequestStart, onRequestEnd } = reporter;
  const app = express();
  app.disable('x-powered-by');

  app.get(APP_HEALTH_PATH, (_req, res) => {
    res.json({ ok: true, handler: host.state });
  });

  let requests = 0;
  app.use((req, res, next) => {
    const id = ++requests;
    onRequestStart?.(id, req.method, req.path);
    res.once('close', () => onRequestEnd?.(id));
    next();
  });

  app.use((req, res, next) => {
    const handler = host.handler;
    if (handler) return handler(req, res, next);
    const state = host.state;
    res.status(503).json({
      error:
        state.status === 'compile-error'
          ? {
              message: `Your handler does not compile: ${state.error.file}:${state.error.line}:${state.error.column} ${state.error.message}`,
              hint: 'Fix the error and save; the new version is picked up at once.',
            }
          : { message: 'Your handler is still loading.', hint: 'Try again in a moment.' },
    });
  });

  app.use((req, res) => {
    res.status(404).json({
      error: {
        message: `No route in your handler matched ${req.method} ${req.path}.`,
        hint: 'Check the method and path of your route against the URL the provider calls (see the lesson).',
      },
    });
  });

  const handleErrors: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const error = err as Error & { status?: number; type?: string };
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({
        error: { message: `The request body is not valid JSON: ${error.message}.`, hint: 'Send a JSON body with Content-Type: application/json.' },
      });
      return;
    }
    if (error.status && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: { message: error.message } });
      return;
    }
    const report = { message: error.message ?? String(err), stack: error.stack ?? String(err), method: req.method, path: req.path };
    onHandlerError(report);
    console.error(`Your handler threw on ${req.method} ${req.path}:\n${report.stack}`);
    if (res.headersSent) return;
    res.status(500).json({
      error: { message: `Your handler threw: ${report.message}`, stack: report.stack, hint: 'Read the stack trace for the line that threw; save a fix and trigger again.' },
    });
  };
  app.use(handleErrors);
  return app;
}
