import type { CrashReport } from './crash-report.ts';
import type { HandlerState } from './handler-host.ts';

export type AppStatus = 'stopped' | 'starting' | 'up' | 'crashed';

/** "Your app" as the lab and the page see it: is it serving, which handler version, what last went wrong. */
export interface AppState {
  status: AppStatus;
  port: number;
  handler: HandlerState;
  /** The last time it went down, for the banner; null if it never did. */
  lastCrash: CrashReport | null;
  /** How many times it went down and was restarted since the lab started. */
  crashes: number;
}

/** Where the lab reads "your app"'s state from, and hears about every change. */
export interface AppStateSource {
  current: () => AppState & { lesson: string | null };
  subscribe: (listener: (state: AppState & { lesson: string | null }) => void) => () => void;
}
