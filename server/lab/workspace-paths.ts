import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { HttpError } from './http-error.ts';
import { listLessonIds, readLesson } from './lessons.ts';

/** Decodes percent-escapes until nothing changes, so `%252e%252e` is seen as `..`. */
function fullyDecoded(text: string): string {
  let current = text;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * Refuses a request path or file name that tries to leave its folder: `..` segments (plain or
 * percent-encoded, even twice), absolute paths, backslashes and NUL bytes. Throws a 400 that says which.
 */
export function refuseUnsafePath(text: string): void {
  const decoded = fullyDecoded(text);
  if (decoded.includes('\0')) throw new HttpError(400, 'Refused: the file name contains a NUL byte.', 'Use the file name exactly as the lesson lists it.');
  if (decoded.includes('\\')) {
    throw new HttpError(400, `Refused: "${text}" contains a backslash.`, 'Workspace file names use forward slashes, e.g. app.ts or lib/verify.ts.');
  }
  if (decoded.split('/').includes('..')) {
    throw new HttpError(400, `Refused: "${text}" tries to leave the workspace with "..".`, 'Name a file inside the lesson\'s workspace, e.g. app.ts.');
  }
}

/** A checked location of one editable file: inside `workspace/<lessonId>/`, listed in the lesson's `editable`. */
export interface WorkspaceFileRef {
  lessonId: string;
  /** The file name relative to the lesson's workspace, as the lesson lists it. */
  file: string;
  /** The absolute path in the learner's workspace. */
  path: string;
}

/**
 * Resolves `file` of lesson `lessonId` to a path the workspace API may read and write, or throws an
 * HttpError: unknown lesson (404), unsafe name (400), absolute path (400), file not editable (403),
 * or a symlink that leads outside `workspaceDir` (403).
 */
export function resolveEditableFile(workspaceDir: string, lessonsDir: string, lessonId: string, file: string): WorkspaceFileRef {
  if (!listLessonIds(lessonsDir).includes(lessonId)) {
    throw new HttpError(404, `No lesson "${lessonId}".`, 'GET /api/lessons lists the lessons there are.');
  }
  refuseUnsafePath(file);
  if (isAbsolute(file) || /^[a-zA-Z]:/.test(file)) {
    throw new HttpError(400, `Refused: "${file}" is an absolute path.`, 'Name the file relative to the lesson\'s workspace, e.g. app.ts.');
  }
  const { editable } = readLesson(lessonsDir, lessonId);
  if (!editable.includes(file)) {
    throw new HttpError(
      403,
      `Refused: "${file}" is not an editable file of lesson ${lessonId}.`,
      editable.length ? `This lesson's editable files: ${editable.join(', ')}.` : 'This lesson has no editable files.',
    );
  }
  const path = join(workspaceDir, lessonId, file);
  refuseEscapingSymlinks(workspaceDir, path, file);
  return { lessonId, file, path };
}

/** Throws 403 when `path` (or its nearest existing parent) really lives outside `workspaceDir`. */
function refuseEscapingSymlinks(workspaceDir: string, path: string, file: string): void {
  let existing = path;
  while (!existsSync(existing) && existing !== dirname(existing)) existing = dirname(existing);
  const root = existsSync(workspaceDir) ? realpathSync(workspaceDir) : workspaceDir;
  const real = realpathSync(existing);
  const inside = relative(root, real);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new HttpError(
      403,
      `Refused: "${file}" is a symlink (or inside one) that leads outside the workspace, to ${real}.`,
      'Replace the symlink with a regular file; the lab only reads and writes files inside workspace/.',
    );
  }
}
