import { expect, test } from 'vitest';
import type { AppState } from '../../server/app/app-state.ts';
import type { CrashReport } from '../../server/app/crash-report.ts';
import { appProblem } from './app-problem.ts';

const ready: AppState = { status: 'up', port: 3000, handler: { status: 'ready', version: 1, loadedAt: 0 }, lastCrash: null, crashes: 0 };
const crash: CrashReport = { kind: 'uncaught-exception', message: 'Your app crashed: boom.', stack: 'Error: boom\n    at app.ts:3', at: 5000, restartedInMs: 240 };

test('says nothing while your app is up with a ready handler', () => {
  expect(appProblem(ready)).toBeNull();
  expect(appProblem(null)).toBeNull();
});

test('names the file, line and column of a handler that does not compile, with its frame', () => {
  const error = { file: '../../workspace/03-first-consumer/app.ts', line: 17, column: 11, message: 'Unexpected ";"', frame: '17 | const x = ;' };
  expect(appProblem({ ...ready, handler: { status: 'compile-error', version: 2, error } })).toEqual({
    kind: 'compile-error',
    message: 'app.ts (line 17, column 11) does not compile: Unexpected ";"',
    frame: '17 | const x = ;',
  });
});

test('shows a crash while your app is down, and after it is back until dismissed', () => {
  expect(appProblem({ ...ready, status: 'crashed', lastCrash: { ...crash, restartedInMs: null } })).toMatchObject({ kind: 'down', message: 'Your app crashed: boom.' });
  // Restarting after the crash is still "down": the learner needs the stack, not "starting…".
  expect(appProblem({ ...ready, status: 'starting', lastCrash: { ...crash, restartedInMs: null } })).toMatchObject({ kind: 'down' });
  expect(appProblem({ ...ready, status: 'starting' })).toMatchObject({ kind: 'starting' });
  const recovered = { ...ready, lastCrash: crash, crashes: 1 };
  expect(appProblem(recovered)).toMatchObject({
    kind: 'recovered',
    message: 'Your app crashed: boom.',
    summary: 'Your app crashed (uncaught exception), and was serving again 240 ms later.',
  });
  expect(appProblem(recovered, crash.at)).toBeNull();
});
