import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { HandlerState } from './handler-host.ts';
import type { AppMessage, LabMessage } from './messages.ts';

export type AppStatus = 'stopped' | 'starting' | 'up' | 'crashed';

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
}

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/**
 * Runs "your app" as a child process and keeps it running: it is restarted when it exits
 * unexpectedly. Emits `message` (AppMessage) and `status` (AppStatus).
 */
export class AppProcess extends EventEmitter<{ message: [AppMessage]; status: [AppStatus, string?] }> {
  #child: ChildProcess | undefined;
  #status: AppStatus = 'stopped';
  #port = 0;
  #handler: HandlerState = { status: 'loading' };
  #stopping = false;

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

  /** Starts the child and resolves once it listens; rejects with its output if it dies first. */
  start(): Promise<number> {
    this.#stopping = false;
    this.#setStatus('starting');
    const { dir, entry = 'app.ts', host = '127.0.0.1', env = {}, maxHeapMb = 256 } = this.options;
    // A restart keeps the port it had, so that registered webhook URLs stay valid.
    const port = this.#port || this.options.port;
    const child = fork(MAIN, [], {
      execArgv: ['--import', TSX, `--max-old-space-size=${maxHeapMb}`],
      env: { ...process.env, ...env, HOOKLAB_APP_DIR: dir, HOOKLAB_APP_ENTRY: entry, HOOKLAB_APP_PORT: String(port), HOOKLAB_HOST: host },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#child = child;
    const output: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        output.push(line);
        if (output.length > 40) output.shift();
        this.options.log?.(line);
      });
    }
    child.on('message', (message: AppMessage) => {
      if (message.type === 'handler') this.#handler = message.state;
      this.emit('message', message);
    });
    return new Promise((resolve, reject) => {
      const onReady = (message: AppMessage) => {
        if (message.type !== 'ready') return;
        this.#port = message.port;
        this.#setStatus('up');
        child.off('message', onReady);
        resolve(message.port);
      };
      child.on('message', onReady);
      child.on('exit', (code, signal) => {
        child.off('message', onReady);
        if (this.#child !== child) return;
        this.#child = undefined;
        if (this.#stopping) return this.#setStatus('stopped');
        const wasUp = this.#status === 'up';
        const reason = `Your app exited (${signal ?? `code ${code}`}).`;
        this.#setStatus('crashed', reason);
        if (wasUp) {
          // Restart at once: the providers' retries will deliver what was missed.
          this.start().catch(() => {});
        } else {
          reject(new Error(`${reason} before it was ready. Its last output:\n${output.join('\n')}`));
        }
      });
    });
  }

  /** Tells the child to reload the learner's files now (it also watches them itself). */
  reload(): void {
    this.#child?.send({ type: 'reload' } satisfies LabMessage);
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
    const child = this.#child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  #setStatus(status: AppStatus, reason?: string): void {
    this.#status = status;
    this.emit('status', status, reason);
  }
}
