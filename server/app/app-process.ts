import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AppState, AppStatus } from './app-state.ts';
import { describeExit, type CrashReport, type ExitFacts, type OpenRequest } from './crash-report.ts';
import type { HandlerState } from './handler-host.ts';
import { HealthProbe } from './health-probe.ts';
import { APP_HEALTH_PATH } from './create-your-app.ts';
import type { AppMessage, LabMessage } from './messages.ts';

export type { AppStatus } from './app-state.ts';

export interface AppProcessOptions {
  /** The directory with the learner's files (a workspace copy, a starter or a solution). */
  dir: string;
  entry?: string;
  port: number;
  host?: string;
  /** Extra environment for the learner's code (e.g. STRIPE_WEBHOOK_SECRET). */
  env?: Record<string, string>;
  /** Where the child's output goes, line by line (the lab prefixes it with the party's name). */
  log?: (line: string) => void;
  /** Heap limit for learner code, so that a runaway allocation crashes "your app", not the machine. */
  maxHeapMb?: number;
  /** Health probe: ask every `intervalMs`; no answer within `timeoutMs` means hung (killed, restarted). */
  probe?: { intervalMs?: number; timeoutMs?: number };
  /** A start that is not listening within this many ms is killed (a top-level infinite loop). */
  startTimeoutMs?: number;
}

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/**
 * Runs "your app" as a child process and keeps it running. A crash, an exit, a hang (found by the
 * health probe) or running out of memory is recorded as a CrashReport and the app is restarted at
 * once on the same port; a restart that fails is retried with a growing delay. Emits `message`
 * (AppMessage), `status`, `crash` and `state` (every change of `snapshot()`).
 */
export class AppProcess extends EventEmitter<{ message: [AppMessage]; status: [AppStatus, string?]; crash: [CrashReport]; state: [AppState] }> {
  #child: ChildProcess | undefined;
  #status: AppStatus = 'stopped';
  #port = 0;
  #handler: HandlerState = { status: 'loading' };
  #stopping = false;
  #lastCrash: CrashReport | null = null;
  #crashes = 0;
  #failedRestarts = 0;
  #retry: NodeJS.Timeout | undefined;
  #open = new Map<number, OpenRequest>();
  #loadTolerance: number | undefined;

  constructor(private options: AppProcessOptions) {
    super();
  }

  get status(): AppStatus {
    return this.#status;
  }

  /** The port "your app" listens on once up (useful when started on port 0). */
  get port(): number {
    return this.#port;
  }

  get dir(): string {
    return this.options.dir;
  }

  get handler(): HandlerState {
    return this.#handler;
  }

  get lastCrash(): CrashReport | null {
    return this.#lastCrash;
  }

  /** Everything the page shows about "your app". */
  snapshot(): AppState {
    return { status: this.#status, port: this.#port, handler: this.#handler, lastCrash: this.#lastCrash, crashes: this.#crashes };
  }

  /** Starts the child and resolves once it listens; rejects with its output if it dies first. */
  start(): Promise<number> {
    this.#stopping = false;
    clearTimeout(this.#retry);
    return this.#spawn(false);
  }

  /** Tells the child to reload the learner's files now (it also watches them itself). */
  reload(): void {
    this.#child?.send({ type: 'reload' } satisfies LabMessage);
  }

  /**
   * While the lab itself puts "your app" under load (a push-versus-poll run of 1,000 jobs), a busy
   * event loop is not a hung one: the health probe waits up to `timeoutMs` for an answer instead
   * of its usual second. Returns the function that restores the usual timeout.
   */
  tolerateLoad(timeoutMs = 15_000): () => void {
    this.#loadTolerance = timeoutMs;
    return () => {
      this.#loadTolerance = undefined;
    };
  }

  /** Sends a message to the child; false when it is not running (e.g. restarting after a crash). */
  send(message: LabMessage): boolean {
    const child = this.#child;
    if (!child?.connected) return false;
    child.send(message);
    return true;
  }

  /** Serves another directory (the learner opened another lesson). */
  async switchTo(dir: string): Promise<number> {
    await this.stop();
    this.options = { ...this.options, dir };
    return this.start();
  }

  /** Stops the child: SIGTERM, then SIGKILL if it does not go within two seconds. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#retry);
    const child = this.#child;
    if (!child) return this.#setStatus('stopped');
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  #spawn(isRestart: boolean): Promise<number> {
    this.#setStatus('starting');
    const { dir, entry = 'app.ts', host = '127.0.0.1', env = {}, maxHeapMb = 256, startTimeoutMs = 10_000 } = this.options;
    // A restart keeps the port it had, so that registered webhook URLs stay valid.
    const port = this.#port || this.options.port;
    const version = 'version' in this.#handler ? this.#handler.version : 0;
    const child = fork(MAIN, [], {
      execArgv: ['--import', TSX, `--max-old-space-size=${maxHeapMb}`],
      env: {
        ...process.env,
        ...env,
        HOOKLAB_APP_DIR: dir,
        HOOKLAB_APP_ENTRY: entry,
        HOOKLAB_APP_PORT: String(port),
        HOOKLAB_HOST: host,
        HOOKLAB_HANDLER_VERSION: String(version),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#child = child;
    this.#open.clear();
    const facts: Omit<ExitFacts, 'code' | 'signal'> = { output: [], openRequests: [], maxHeapMb };
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        facts.output.push(line);
        if (facts.output.length > 40) facts.output.shift();
        this.options.log?.(line);
      });
    }
    let probe: HealthProbe | undefined;
    child.on('message', (message: AppMessage) => this.#onMessage(message, facts));

    return new Promise((resolve, reject) => {
      let startTimedOut = false;
      const startTimer = setTimeout(() => {
        startTimedOut = true;
        child.kill('SIGKILL');
      }, startTimeoutMs);
      child.on('message', (message: AppMessage) => {
        if (message.type !== 'ready' || this.#child !== child) return;
        clearTimeout(startTimer);
        this.#port = message.port;
        this.#failedRestarts = 0;
        if (this.#lastCrash && this.#lastCrash.restartedInMs === null) this.#lastCrash.restartedInMs = Date.now() - this.#lastCrash.at;
        const probeOptions = this.options.probe ?? {};
        const tolerance = () => this.#loadTolerance;
        probe = new HealthProbe(`http://${host}:${message.port}${APP_HEALTH_PATH}`, {
          intervalMs: probeOptions.intervalMs,
          // Read at every probe, so that tolerateLoad() takes effect at once.
          get timeoutMs() {
            return tolerance() ?? probeOptions.timeoutMs;
          },
          onHung: (silentMs) => {
            facts.hungForMs = silentMs;
            child.kill('SIGKILL');
          },
        });
        probe.start();
        this.#setStatus('up');
        resolve(message.port);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(startTimer);
        probe?.stop();
        if (this.#child !== child) return;
        this.#child = undefined;
        if (this.#stopping) return this.#setStatus('stopped');
        const wasUp = this.#status === 'up';
        let report = describeExit({ ...facts, code, signal, openRequests: [...this.#open.values()] });
        if (!wasUp) {
          const why = startTimedOut
            ? `it was not listening after ${startTimeoutMs / 1000} s (an infinite loop at the top level of your file?)`
            : `${report.message.replace(/ It was restarted\.$| Your app was killed and restarted\.$/, '')} Its last output:\n${facts.output.slice(-10).join('\n')}`;
          report = { ...report, kind: 'start-failed', message: `Your app could not start: ${why}` };
        }
        this.#lastCrash = report;
        this.#crashes++;
        this.#setStatus('crashed', report.message);
        this.emit('crash', report);
        if (wasUp) {
          // Restart at once: the providers' retries will deliver what was missed.
          this.#spawn(true).catch(() => {});
        } else if (isRestart) {
          // It fails while starting (the file still crashes it): try again, less and less often.
          const delay = Math.min(5000, 250 * 2 ** this.#failedRestarts++);
          this.#retry = setTimeout(() => this.#spawn(true).catch(() => {}), delay);
          reject(new Error(report.message));
        } else {
          reject(new Error(report.message));
        }
      });
    });
  }

  #onMessage(message: AppMessage, facts: Omit<ExitFacts, 'code' | 'signal'>): void {
    if (message.type === 'handler') {
      this.#handler = message.state;
      this.#emitState();
    } else if (message.type === 'request-start') {
      const request = { method: message.method, path: message.path, startedAt: Date.now() };
      this.#open.set(message.id, request);
      facts.lastRequest = request;
    } else if (message.type === 'request-end') {
      this.#open.delete(message.id);
    } else if (message.type === 'fatal') {
      facts.fatal = message;
    }
    this.emit('message', message);
  }

  #setStatus(status: AppStatus, reason?: string): void {
    this.#status = status;
    this.emit('status', status, reason);
    this.#emitState();
  }

  #emitState(): void {
    this.emit('state', this.snapshot());
  }
}
