import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HttpError } from './http-error.ts';
import { listLessonIds, readLesson } from './lessons.ts';
import { ensureLessonWorkspace } from './workspace.ts';
import { resolveEditableFile, type WorkspaceFileRef } from './workspace-paths.ts';

/** One editable file as the page sees it. `version` changes whenever the content does. */
export interface WorkspaceFile {
  lessonId: string;
  file: string;
  content: string;
  version: string;
}

/** The version of a file's content: a short SHA-256, so a save against stale content is detected whoever wrote it. */
export function versionOf(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** Writes `content` to `path` atomically: a temp file in `tempDir` (same file system), then a rename. */
export function writeAtomically(path: string, content: string, tempDir: string): void {
  mkdirSync(tempDir, { recursive: true });
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(tempDir, `write-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * The learner's editable files in `workspace/<lesson>/`. Every operation goes through
 * `resolveEditableFile`, so only the files a lesson declares editable are ever touched. The work is
 * synchronous on purpose: compare-then-write cannot interleave with another save.
 */
export class WorkspaceFiles {
  constructor(
    readonly workspaceDir: string,
    readonly lessonsDir: string,
  ) {}

  /** The lesson's editable files with their current versions. */
  list(lessonId: string): { lessonId: string; files: { file: string; version: string }[] } {
    if (!listLessonIds(this.lessonsDir).includes(lessonId)) {
      throw new HttpError(404, `No lesson "${lessonId}".`, 'GET /api/lessons lists the lessons there are.');
    }
    const { editable } = readLesson(this.lessonsDir, lessonId);
    return { lessonId, files: editable.map((file) => ({ file, version: this.read(lessonId, file).version })) };
  }

  /** Reads one file (creating the lesson's workspace from `starter/` on first use). */
  read(lessonId: string, file: string): WorkspaceFile {
    const ref = this.#resolve(lessonId, file);
    return this.#current(ref);
  }

  /**
   * Saves `content` if the file is still at `baseVersion`; otherwise throws a 409 carrying the
   * current content and version, so that the page can show both and let the learner choose.
   */
  write(lessonId: string, file: string, content: string, baseVersion: string): WorkspaceFile {
    const ref = this.#resolve(lessonId, file);
    const current = this.#current(ref);
    if (current.version !== baseVersion && current.version !== versionOf(content)) {
      throw new HttpError(
        409,
        `Not saved: ${file} changed since you loaded it (you edited version ${baseVersion}, the file is now at ${current.version}).`,
        'Compare both versions, keep what you want, and save again against the current version.',
        { current },
      );
    }
    writeAtomically(ref.path, content, this.#tempDir);
    return { lessonId, file, content, version: versionOf(content) };
  }

  /** Puts the starter back, after saving the current file under `workspace/.history/`; returns both. */
  reset(lessonId: string, file: string): WorkspaceFile & { savedTo: string | null } {
    const ref = this.#resolve(lessonId, file);
    const starter = join(this.lessonsDir, lessonId, 'starter', file);
    if (!existsSync(starter)) throw new HttpError(404, `Lesson ${lessonId} has no starter for ${file}.`, 'Nothing to reset to; your file is unchanged.');
    let savedTo: string | null = null;
    if (existsSync(ref.path)) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      savedTo = join('.history', lessonId, `${file}.${stamp}`);
      writeAtomically(join(this.workspaceDir, savedTo), readFileSync(ref.path, 'utf8'), this.#tempDir);
    }
    const content = readFileSync(starter, 'utf8');
    writeAtomically(ref.path, content, this.#tempDir);
    return { lessonId, file, content, version: versionOf(content), savedTo };
  }

  /** The reference solution of an editable file, for a diff; never written anywhere. */
  solution(lessonId: string, file: string): { lessonId: string; file: string; content: string } {
    this.#resolve(lessonId, file);
    const path = join(this.lessonsDir, lessonId, 'solution', file);
    if (!existsSync(path)) throw new HttpError(404, `Lesson ${lessonId} has no solution for ${file}.`);
    return { lessonId, file, content: readFileSync(path, 'utf8') };
  }

  get #tempDir(): string {
    return join(this.workspaceDir, '.hooklab', 'tmp');
  }

  #resolve(lessonId: string, file: string): WorkspaceFileRef {
    const ref = resolveEditableFile(this.workspaceDir, this.lessonsDir, lessonId, file);
    ensureLessonWorkspace(this.workspaceDir, this.lessonsDir, lessonId);
    return ref;
  }

  #current(ref: WorkspaceFileRef): WorkspaceFile {
    if (!existsSync(ref.path)) {
      throw new HttpError(404, `${ref.file} is missing from your workspace for lesson ${ref.lessonId}.`, 'Reset it to the starter (POST …/reset) to get it back.');
    }
    const content = readFileSync(ref.path, 'utf8');
    return { lessonId: ref.lessonId, file: ref.file, content, version: versionOf(content) };
  }
}
