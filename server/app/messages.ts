import type { ScenarioFromApp, ScenarioToApp } from '../scenarios/push-vs-poll/messages.ts';
import type { HttpMessage } from '../timeline/record.ts';
import type { HandlerErrorReport } from './create-your-app.ts';
import type { HandlerState } from './handler-host.ts';

/** A call from the learner's code to a side-effect API, as "your app" saw it. */
export interface SideEffectCall {
  method: string;
  url: string;
  status: number;
  durationMs: number;
  request: HttpMessage;
  response: HttpMessage;
}

/** What "your app" tells the lab over the IPC channel. */
export type AppMessage =
  | { type: 'ready'; port: number }
  | { type: 'handler'; state: HandlerState }
  | { type: 'handler-error'; report: HandlerErrorReport }
  | { type: 'side-effect'; call: SideEffectCall }
  /** A request reached the learner's handler; sent before it runs, so the lab can name a route that never returns. */
  | { type: 'request-start'; id: number; method: string; path: string }
  | { type: 'request-end'; id: number }
  /** Learner code crashed the process (sent just before it exits). */
  | { type: 'fatal'; kind: 'uncaught-exception' | 'unhandled-rejection'; message: string; stack: string }
  | { type: 'scenario'; payload: ScenarioFromApp };

/** What the lab tells "your app". */
export type LabMessage = { type: 'reload' } | { type: 'scenario'; payload: ScenarioToApp };
