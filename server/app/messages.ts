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
  | { type: 'scenario'; payload: ScenarioFromApp }
  /** A warm spare has loaded everything but the learner's code and waits for `start`. */
  | { type: 'standby' };

/** What "your app" serves: sent to a warm spare when it takes over, or read from the environment. */
export interface AppConfig {
  dir: string;
  entry: string;
  port: number;
  host: string;
  /** Handler versions count on from here, so they keep growing across restarts. */
  firstVersion: number;
}

/** What the lab tells "your app". */
export type LabMessage = { type: 'reload' } | { type: 'scenario'; payload: ScenarioToApp } | { type: 'start'; config: AppConfig };
