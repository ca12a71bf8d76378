import type { AppState } from '../../server/app/app-state.ts';
import type { CrashReport } from '../../server/app/crash-report.ts';

/** What is wrong with "your app", in a shape the page can show. */
export type AppProblem =
  | { kind: 'compile-error'; message: string; frame: string }
  | { kind: 'down'; message: string; crash: CrashReport | null }
  | { kind: 'starting'; message: string }
  | { kind: 'recovered'; message: string; crash: CrashReport; summary: string };

const CRASH_WORDS: Record<CrashReport['kind'], string> = {
  exit: 'exited',
  hang: 'hung',
  'uncaught-exception': 'crashed (uncaught exception)',
  'unhandled-rejection': 'crashed (unhandled rejection)',
  'out-of-memory': 'ran out of memory',
  'start-failed': 'failed to start',
};

/**
 * Reads "your app"'s state: a file that does not compile, a crash (while it is down, and after it
 * came back, until `dismissedAt` covers it), or a start in progress. Null when all is well.
 */
export function appProblem(state: AppState | null, dismissedAt = 0): AppProblem | null {
  if (!state) return null;
  const { handler, lastCrash } = state;
  if (handler.status === 'compile-error') {
    const { file, line, column, message, frame } = handler.error;
    const name = file.split('/').at(-1) ?? file;
    return { kind: 'compile-error', message: `${name} (line ${line}, column ${column}) does not compile: ${message}`, frame };
  }
  const restarting = state.status === 'starting' && lastCrash !== null && lastCrash.restartedInMs === null;
  if (state.status === 'crashed' || state.status === 'stopped' || restarting) {
    return { kind: 'down', message: lastCrash?.message ?? `Your app ${state.status}.`, crash: lastCrash };
  }
  if (state.status === 'starting') return { kind: 'starting', message: 'Your app is starting…' };
  if (lastCrash && lastCrash.at > dismissedAt) {
    const back = lastCrash.restartedInMs === null ? '' : `, and was serving again ${Math.round(lastCrash.restartedInMs)} ms later`;
    const summary = `Your app ${CRASH_WORDS[lastCrash.kind] ?? 'went down'}${back}.`;
    return { kind: 'recovered', message: lastCrash.message, crash: lastCrash, summary };
  }
  return null;
}
