import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { watchDir } from '../app/watch-dir.ts';
import type { WorkspaceFiles } from './workspace-files.ts';

/** The versions of a lesson's editable files, sent whenever one of them changes on disk. */
export interface WorkspaceChange {
  lessonId: string;
  files: { file: string; version: string }[];
}

/**
 * Watches the open lesson's workspace folder, so that a save made in the learner's own editor
 * reaches the page within a second (`event: workspace` on the timeline stream). Only a change of
 * an editable file's version is announced.
 */
export class WorkspaceWatch {
  readonly #events = new EventEmitter<{ change: [WorkspaceChange] }>();
  #unwatch: () => void = () => {};
  #debounce: NodeJS.Timeout | undefined;
  #last = '';

  constructor(private readonly files: WorkspaceFiles) {
    this.#events.setMaxListeners(0);
  }

  /** Watches `lessonId`'s folder instead of the previous one (null: none). */
  follow(lessonId: string | null): void {
    this.close();
    if (!lessonId) return;
    this.#last = JSON.stringify(this.#versions(lessonId));
    this.#unwatch = watchDir(join(this.files.workspaceDir, lessonId), () => {
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => this.#check(lessonId), 30);
    });
  }

  subscribe(listener: (change: WorkspaceChange) => void): () => void {
    this.#events.on('change', listener);
    return () => this.#events.off('change', listener);
  }

  close(): void {
    clearTimeout(this.#debounce);
    this.#unwatch();
    this.#unwatch = () => {};
  }

  #check(lessonId: string): void {
    const change = this.#versions(lessonId);
    const key = JSON.stringify(change);
    if (!change || key === this.#last) return;
    this.#last = key;
    this.#events.emit('change', change);
  }

  #versions(lessonId: string): WorkspaceChange | null {
    try {
      return this.files.list(lessonId);
    } catch {
      return null; // a file went missing or became unsafe; the next read reports why
    }
  }
}
