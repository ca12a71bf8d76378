import type { WorkspaceFile } from '../../server/lab/workspace-files.ts';
import type { WorkspaceChange } from '../../server/lab/workspace-watch.ts';
import { ApiError, requestJson } from './api.ts';

export type { WorkspaceChange, WorkspaceFile };

/** Both sides of a refused save, for the conflict view: the learner's buffer and the file on disk. */
export interface SaveConflict {
  mine: string;
  theirs: WorkspaceFile;
}

const fileUrl = (lessonId: string, file: string) => `/api/workspace/${encodeURIComponent(lessonId)}/${encodeURIComponent(file)}`;

/**
 * One editable file open in the page: the buffer, the version it was loaded at, and what stands
 * between them and disk (a conflict, a change made in another editor, an error). The editor view
 * renders from it and calls its methods; it fires `change` whenever anything here changes. Saves
 * always name the version they are based on, so the lab refuses one that would overwrite unseen work.
 */
export class EditorSession extends EventTarget {
  /** What the editor shows (the learner's buffer). */
  content = '';
  /** The file as last loaded or saved; null until loaded. */
  base: WorkspaceFile | null = null;
  /** Set when a save was refused because the file changed on disk; cleared by `keepMine`/`takeTheirs`. */
  conflict: SaveConflict | null = null;
  /** The version another editor saved while this buffer had unsaved edits (the page offers to reload). */
  changedOnDisk: string | null = null;
  saving = false;
  /** The last thing that went wrong, to show; cleared by the next success. */
  error: ApiError | null = null;

  constructor(
    readonly lessonId: string,
    readonly file: string,
  ) {
    super();
  }

  /** True when the buffer differs from the file as last loaded or saved (the dirty marker). */
  get dirty(): boolean {
    return this.base !== null && this.content !== this.base.content;
  }

  /** Loads the file from the workspace, replacing the buffer. */
  async load(): Promise<void> {
    await this.#run(async () => this.#adopt(await requestJson<WorkspaceFile>(fileUrl(this.lessonId, this.file))));
  }

  /** The learner typed: keep the buffer. */
  edit(content: string): void {
    this.content = content;
    this.#changed();
  }

  /** Saves the buffer against the loaded version; a stale version ends in `conflict`, nothing overwritten. */
  async save(): Promise<'saved' | 'conflict' | 'failed'> {
    if (!this.base) return 'failed';
    this.saving = true;
    this.#changed();
    const mine = this.content;
    try {
      const answer = await requestJson<WorkspaceFile | { error: { message: string; current: WorkspaceFile } }>(fileUrl(this.lessonId, this.file), {
        method: 'PUT',
        body: { content: mine, version: this.base.version },
        allowStatus: [409],
      });
      this.error = null;
      if ('error' in answer) {
        this.conflict = { mine, theirs: answer.error.current };
        return 'conflict';
      }
      // Keep anything typed while the save was on its way.
      this.base = answer;
      this.conflict = null;
      this.changedOnDisk = null;
      return 'saved';
    } catch (err) {
      this.error = toApiError(err);
      return 'failed';
    } finally {
      this.saving = false;
      this.#changed();
    }
  }

  /** Resolves a conflict by saving the learner's buffer over the version now on disk. */
  async keepMine(): Promise<'saved' | 'conflict' | 'failed'> {
    if (!this.conflict) return 'failed';
    this.base = this.conflict.theirs;
    this.content = this.conflict.mine;
    this.conflict = null;
    return this.save();
  }

  /** Resolves a conflict (or a change made in another editor) by taking the file on disk. */
  async takeTheirs(): Promise<void> {
    if (this.conflict) {
      this.#adopt(this.conflict.theirs);
      return;
    }
    await this.load();
  }

  /** Puts the starter back; the lab first keeps the current file under `workspace/.history/`. Returns where. */
  async reset(): Promise<string | null> {
    let savedTo: string | null = null;
    await this.#run(async () => {
      const reset = await requestJson<WorkspaceFile & { savedTo: string | null }>(`${fileUrl(this.lessonId, this.file)}/reset`, { method: 'POST' });
      savedTo = reset.savedTo;
      this.#adopt(reset);
    });
    return savedTo;
  }

  /** The reference solution, for a diff beside the buffer; nothing is written. */
  async solution(): Promise<string> {
    const { content } = await requestJson<{ content: string }>(`${fileUrl(this.lessonId, this.file)}/solution`);
    return content;
  }

  /**
   * A `workspace` event from the lab's stream: another editor saved. A clean buffer follows it;
   * a dirty one keeps the learner's edits and records the new version, so the page can ask.
   */
  async onWorkspaceChange(change: WorkspaceChange): Promise<void> {
    if (change.lessonId !== this.lessonId || !this.base) return;
    const version = change.files.find((f) => f.file === this.file)?.version;
    if (!version || version === this.base.version) return;
    if (this.dirty) {
      this.changedOnDisk = version;
      this.#changed();
      await this.compareWithDisk();
    } else {
      await this.load();
    }
  }

  /**
   * Shows both versions after another editor saved under unsaved edits: the file on disk becomes
   * the conflict's other side (nothing is written). A save on its way settles it instead, and a
   * file still at the loaded version is no conflict.
   */
  async compareWithDisk(): Promise<void> {
    if (this.saving || !this.base) return;
    await this.#run(async () => {
      const theirs = await requestJson<WorkspaceFile>(fileUrl(this.lessonId, this.file));
      if (this.saving || theirs.version === this.base?.version) return;
      if (theirs.content === this.content) {
        this.#adopt(theirs);
        return;
      }
      this.conflict = { mine: this.content, theirs };
    });
  }

  #adopt(file: WorkspaceFile): void {
    this.base = file;
    this.content = file.content;
    this.conflict = null;
    this.changedOnDisk = null;
    this.#changed();
  }

  async #run(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.error = null;
    } catch (err) {
      this.error = toApiError(err);
    }
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError((err as Error).message, undefined, 0);
}
