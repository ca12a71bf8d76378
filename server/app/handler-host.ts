import { watch, type FSWatcher } from 'node:fs';
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

  constructor(
    private readonly dir: string,
    private readonly entry: string,
    private readonly onChange: (state: HandlerState) => void = () => {},
  ) {}

  get handler(): RequestHandler | undefined {
    return this.#handler;
  }

  get state(): HandlerState {
    return this.#state;
  }

  /** Compiles and swaps in the entry file; resolves with the state it ends in. */
  async reload(): Promise<HandlerState> {
    const version = ++this.#version;
    const result = await compileHandler(join(this.dir, this.entry));
    if (version !== this.#version) return this.#state; // a newer save overtook this one
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
