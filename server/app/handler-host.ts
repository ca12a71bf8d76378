import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import { compileHandler, type CompileError } from './compile-handler.ts';

export type HandlerState =
  | { status: 'loading' }
  | { status: 'ready'; version: number; loadedAt: number }
  | { status: 'compile-error'; version: number; error: CompileError };

/**
 * Holds the learner's current handler and swaps it when their files change. A version that does
 * not compile never replaces the last good one.
 */
export class HandlerHost {
  #handler: RequestHandler | undefined;
  #state: HandlerState = { status: 'loading' };
  #version = 0;
  #watcher: FSWatcher | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #inputs: string[] = [];
  #fingerprint: string | undefined;

  constructor(
    private readonly dir: string,
    private readonly entry: string,
    private readonly onChange: (state: HandlerState) => void = () => {},
    /** Versions count on from here, so that they keep growing across restarts of "your app". */
    firstVersion = 0,
  ) {
    this.#version = firstVersion;
  }

  get handler(): RequestHandler | undefined {
    return this.#handler;
  }

  get state(): HandlerState {
    return this.#state;
  }

  /**
   * Compiles and swaps in the entry file; resolves with the state it ends in. Nothing happens when
   * the files it was built from are unchanged (a save is seen both by the watcher and the lab).
   */
  async reload(): Promise<HandlerState> {
    const entryPath = join(this.dir, this.entry);
    const fingerprint = fingerprintOf([entryPath, ...this.#inputs]);
    if (fingerprint === this.#fingerprint && this.#state.status !== 'loading') return this.#state;
    const version = ++this.#version;
    const result = await compileHandler(entryPath);
    if (version !== this.#version) return this.#state; // a newer save overtook this one
    this.#inputs = result.inputs.filter((input) => input !== entryPath);
    this.#fingerprint = fingerprint;
    if (result.ok) {
      const handler = result.module.default;
      if (typeof handler !== 'function') {
        this.#set({
          status: 'compile-error',
          version,
          error: {
            file: this.entry,
            line: 0,
            column: 0,
            message: `${this.entry} must export default an Express router or request handler (got ${typeof handler}). End the file with \`export default router;\`.`,
            frame: '',
          },
        });
      } else {
        this.#handler = handler as RequestHandler;
        this.#set({ status: 'ready', version, loadedAt: Date.now() });
      }
    } else {
      this.#set({ status: 'compile-error', version, error: result.error });
    }
    return this.#state;
  }

  /** Reloads whenever a file in the directory changes (saves often come as several events). */
  watch(): void {
    this.#watcher = watch(this.dir, { recursive: true }, () => {
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => void this.reload(), 25);
    });
  }

  close(): void {
    clearTimeout(this.#debounce);
    this.#watcher?.close();
  }

  #set(state: HandlerState): void {
    this.#state = state;
    this.onChange(state);
  }
}

/** A hash of the files' contents (a missing file counts as empty), read before compiling them. */
function fingerprintOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file);
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('\0missing');
    }
  }
  return hash.digest('hex');
}
