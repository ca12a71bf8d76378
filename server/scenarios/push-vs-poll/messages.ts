import type { PollVariant } from './types.ts';

/** What the lab tells "your app" to run: every job both ways, against the mock Deepgram. */
export interface ScenarioStart {
  kind: 'start';
  runId: string;
  pushRunId: string;
  pollRunId: string;
  deepgramUrl: string;
  apiKey: string;
  /** Where "your app" can be reached, for the callback URL it gives Deepgram. */
  appUrl: string;
  /** One audio URL per job. */
  audioUrls: string[];
  poll: { intervalMs: number; backoff: number; maxAttempts: number; variant: PollVariant };
}

/** Lab → your app. `wake` ends a `sleep` on the lab's clock. */
export type ScenarioToApp = ScenarioStart | { kind: 'wake'; id: number };

/**
 * Your app → lab. The poll loop waits on the lab's clock (`sleep`); each push submission and each
 * poll loop reports when its part is done, so that the lab knows when your app is idle.
 */
export type ScenarioFromApp =
  | { kind: 'sleep'; id: number; ms: number }
  | { kind: 'submitted'; runId: string; error?: string }
  | { kind: 'loop-ended'; runId: string; error?: string };
