import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import type { AppState, AppStatus } from './app-state.ts';
import { freePort, SpareApp } from './fork-app.ts';
import { describeExit, describeStartFailure, type CrashReport, type ExitFacts, type OpenRequest } from './crash-report.ts';
import type { HandlerState } from './handler-host.ts';
import { HealthProbe } from './health-probe.ts';
import { StartRetry } from './start-retry.ts';
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
  /** A start whose handler has not loaded and listened within this many ms is killed (a top-level infinite loop). */
  startTimeoutMs?: number;
  /** Keep a loaded spare process ready so that a restart takes milliseconds (default true). */
  warmSpare?: boolean;
}

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
  readonly #retry = new StartRetry(() => this.options.dir, (reason) => this.#retryDue(reason));
  readonly #spare: SpareApp;
  /** A start killed because a newer save came in while it was still loading. */
  #superseded: ChildProcess | undefined;
  #open = new Map<number, OpenRequest>();
  #loadTolerance: number | undefined;

  constructor(private options: AppProcessOptions) {
    super();
    this.#spare = new SpareApp({ env: options.env ?? {}, maxHeapMb: options.maxHeapMb ?? 256, enabled: options.warmSpare !== false });
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

  /**
   * Starts the child and resolves once it listens; rejects with its output if it dies first. The
   * port is fixed before the first start (a free one when given 0), and a start that fails is
   * retried (at once when the learner's files change), so the lab can come up around a file that
   * does not start yet.
   */
  async start(): Promise<number> {
    this.#stopping = false;
    this.#retry.reset();
    if (!this.#port) this.#port = this.options.port || (await freePort(this.options.host ?? '127.0.0.1'));
    return this.#spawn();
  }

  /** Resolves once the warm spare is loaded (true), or at once with false when there is none. */
  whenSpareReady(): Promise<boolean> {
    return this.#spare.ready();
  }

  /** Tells the child to reload the learner's files now (it also watches them itself). */
  reload(): void {
    this.send({ type: 'reload' });
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

  /** Stops and starts the child; resolves once it is up, or once its start failed (a retry is then scheduled). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start().catch(() => {});
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
    this.#retry.reset();
    this.#spare.kill();
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

  #spawn(): Promise<number> {
    this.#setStatus('starting');
    const { dir, entry = 'app.ts', host = '127.0.0.1', maxHeapMb = 256, startTimeoutMs = 5_000 } = this.options;
    // A restart keeps the port it had, so that registered webhook URLs stay valid.
    const port = this.#port || this.options.port;
    const version = 'version' in this.#handler ? this.#handler.version : 0;
    // Take the warm spare if there is one: a restart then skips loading Node, tsx, Express and MSW.
    const warm = this.#spare.take();
    const { child } = warm;
    // The start timeout counts from the moment the learner's code starts loading, so a slow
    // machine loading Node itself is never mistaken for a hang in the learner's file.
    let startTimer: NodeJS.Timeout | undefined;
    let startTimedOut = false;
    // Loading Node, tsx and Express takes a second or two; far longer means something is wrong.
    const loadTimer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    void warm.standby.then((ok) => {
      clearTimeout(loadTimer);
      if (!ok || this.#child !== child) return;
      this.send({ type: 'start', config: { dir, entry, port, host, firstVersion: version } });
      startTimer = setTimeout(() => {
        startTimedOut = true;
        child.kill('SIGKILL');
      }, startTimeoutMs);
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
      child.on('message', (message: AppMessage) => {
        if (message.type !== 'ready' || this.#child !== child) return;
        clearTimeout(startTimer);
        this.#port = message.port;
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
        this.#retry.reset();
        this.#setStatus('up');
        if (!this.#stopping) this.#spare.prepare();
        resolve(message.port);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(startTimer);
        probe?.stop();
        if (this.#child !== child) return;
        this.#child = undefined;
        if (this.#stopping) return this.#setStatus('stopped');
        if (this.#superseded === child) {
          this.#superseded = undefined;
          this.#spawn().catch(() => {});
          return reject(new Error('A newer save replaced this start of your app.'));
        }
        const wasUp = this.#status === 'up';
        const exit = { ...facts, code, signal, openRequests: [...this.#open.values()] };
        const report = wasUp ? describeExit(exit) : describeStartFailure(exit, startTimedOut ? startTimeoutMs : null);
        this.#lastCrash = report;
        this.#crashes++;
        this.#setStatus('crashed', report.message);
        this.emit('crash', report);
        if (wasUp) {
          // Restart at once: the providers' retries will deliver what was missed.
          this.#spawn().catch(() => {});
        } else {
          this.#retry.schedule();
          reject(new Error(report.message));
        }
      });
    });
  }

  /** A retry is due: start again, or replace a start still loading the old file with one of the new. */
  #retryDue(reason: 'timer' | 'saved'): void {
    if (this.#status === 'crashed') {
      this.#spawn().catch(() => {});
    } else if (reason === 'saved' && this.#status === 'starting' && this.#child) {
      this.#superseded = this.#child;
      this.#child.kill('SIGKILL');
    }
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
