import type { AppState } from '../../server/app/app-state.ts';

/** The editor's status line: what the last action did; after a save, the handler state it waits past. */
export interface SaveStatus {
  text: string;
  /** Shown in the success colour. */
  saved?: boolean;
  /** Set after a save: `handlerKey` just before it. */
  swapAfter?: string | null;
}

/** "Your app" as the timeline store carries it. */
export type AppReport = (AppState & { lesson: string | null }) | null | undefined;

/**
 * Identifies the handler "your app" has loaded. Every reload (and a restart) changes it, whatever
 * the version numbers do (a restarted process counts from 1 again).
 */
export function handlerKey(app: AppReport): string | null {
  return app ? JSON.stringify(app.handler) : null;
}

/**
 * The status line's words. After a save they follow "your app" until it has loaded another
 * handler than before the save: then it either runs the new code or keeps the last good version
 * because the file does not compile. A lesson "your app" does not serve is just "Saved".
 */
export function saveStatusText(status: SaveStatus | null, app: AppReport, lessonId: string): string {
  if (!status) return '';
  if (status.swapAfter === undefined || !app || app.lesson !== lessonId) return status.text;
  if (app.handler.status === 'loading' || handlerKey(app) === status.swapAfter) return `${status.text}: your app is loading it…`;
  return app.handler.status === 'compile-error'
    ? `${status.text}, but it does not compile (see the alert in the lab): the last good version keeps answering.`
    : `${status.text}: your app runs the new code.`;
}
