import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The learner's files: `workspace/` beside the project, or `HOOKLAB_WORKSPACE`. */
export const DEFAULT_WORKSPACE = resolve(process.env.HOOKLAB_WORKSPACE ?? join(import.meta.dirname, '../../workspace'));

/**
 * Makes sure `workspace/<lessonId>/` exists, copying from the lesson's `starter/` the files that
 * are not there yet. A file the learner already has is never overwritten.
 */
export function ensureLessonWorkspace(workspaceDir: string, lessonsDir: string, lessonId: string): string {
  const dir = join(workspaceDir, lessonId);
  const starter = join(lessonsDir, lessonId, 'starter');
  mkdirSync(dir, { recursive: true });
  if (existsSync(starter)) cpSync(starter, dir, { recursive: true, force: false, errorOnExist: false });
  return dir;
}

export interface Progress {
  completed: string[];
  lastLesson: string | null;
}

/** Reads and updates `workspace/.hooklab/progress.json`, written atomically (temp file + rename). */
export class ProgressFile {
  readonly #file: string;

  constructor(workspaceDir: string) {
    this.#file = join(workspaceDir, '.hooklab', 'progress.json');
  }

  read(): Progress {
    try {
      const data = JSON.parse(readFileSync(this.#file, 'utf8')) as Partial<Progress>;
      return { completed: Array.isArray(data.completed) ? data.completed : [], lastLesson: data.lastLesson ?? null };
    } catch {
      return { completed: [], lastLesson: null };
    }
  }

  update(change: (progress: Progress) => void): Progress {
    const progress = this.read();
    change(progress);
    mkdirSync(dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
    renameSync(temp, this.#file);
    return progress;
  }
}
