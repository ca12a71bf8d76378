import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AppMessage } from './messages.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** A "your app" process that has loaded everything but the learner's code and waits for `start`. */
export interface WarmApp {
  child: ChildProcess;
  /** Resolves true once it is waiting for `start`, false if it exited before. */
  standby: Promise<boolean>;
}

/**
 * Forks `server/app/main.ts` as a warm spare (HOOKLAB_APP_STANDBY=1) with a heap limit. It tells
 * what to serve only later (a `start` message), so one can be forked ahead of a crash.
 */
export function forkWarmApp(options: { env: Record<string, string>; maxHeapMb: number }): WarmApp {
  const child = fork(MAIN, [], {
    execArgv: ['--import', TSX, `--max-old-space-size=${options.maxHeapMb}`],
    env: { ...process.env, ...options.env, HOOKLAB_APP_STANDBY: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // A failed fork or a message to a process that just died must not become an uncaught error in the lab.
  child.on('error', (err) => console.error(`[app] ${err.message}`));
  const standby = new Promise<boolean>((resolve) => {
    const onMessage = (message: AppMessage) => {
      if (message.type !== 'standby') return;
      child.off('message', onMessage);
      resolve(true);
    };
    child.on('message', onMessage);
    child.once('exit', () => resolve(false));
  });
  return { child, standby };
}

/** True while the process has not exited. */
function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * Keeps one warm spare forked ahead of need, so that a restart after a crash only has to load the
 * learner's code (tens of milliseconds instead of a process start-up).
 */
export class SpareApp {
  #spare: WarmApp | undefined;

  constructor(private readonly options: { env: Record<string, string>; maxHeapMb: number; enabled: boolean }) {}

  /** Forks the spare if there is none (and spares are enabled). */
  prepare(): void {
    if (this.#spare || !this.options.enabled) return;
    const spare = forkWarmApp(this.options);
    spare.child.stdout?.resume();
    spare.child.stderr?.resume();
    spare.child.once('exit', () => {
      if (this.#spare === spare) this.#spare = undefined;
    });
    this.#spare = spare;
  }

  /** The spare if it is alive, else a fresh process; either way the caller now owns it. */
  take(): WarmApp {
    const spare = this.#spare && isAlive(this.#spare.child) ? this.#spare : forkWarmApp(this.options);
    this.#spare = undefined;
    return spare;
  }

  /** Resolves true once the spare is loaded, false at once when there is none. */
  async ready(): Promise<boolean> {
    return this.#spare ? this.#spare.standby : false;
  }

  kill(): void {
    this.#spare?.child.kill('SIGKILL');
    this.#spare = undefined;
  }
}

/** A port that is free right now on `host` (for "your app" started on port 0, fixed across restarts). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
