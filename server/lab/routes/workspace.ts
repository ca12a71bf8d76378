import { type RequestHandler, Router } from 'express';
import { HttpError } from '../http-error.ts';
import type { WorkspaceFiles } from '../workspace-files.ts';
import { refuseUnsafePath } from '../workspace-paths.ts';

export interface WorkspaceDeps {
  files: WorkspaceFiles;
  /** Origins allowed to read or write the learner's files (the page's). */
  allowedOrigins: () => string[];
  /** Called after a file was written (saved or reset), so "your app" can reload at once. */
  onSaved?: (lessonId: string, file: string) => void;
}

/**
 * The learner's files are private even from reads: refuse any request a browser marks as coming
 * from another site, GETs included (the lab-wide guard only stops cross-origin writes).
 */
function sameSiteOnly(allowedOrigins: () => string[]): RequestHandler {
  return (req, _res, next) => {
    const origin = req.get('origin');
    if ((origin && !allowedOrigins().includes(origin)) || req.get('sec-fetch-site') === 'cross-site') {
      throw new HttpError(403, `Refused: ${origin ?? 'another site'} may not read or write your workspace.`, 'Open Hooklab at its own address to edit your files.');
    }
    next();
  };
}

/**
 * `/api/workspace/:lessonId/:file`: read and write the files a lesson declares editable, each with
 * a version so that a save never overwrites a change it has not seen (409 with both versions).
 * Nested files are addressed with an encoded slash (`lib%2Fverify.ts`).
 */
export function workspaceRouter(deps: WorkspaceDeps): Router {
  const { files, allowedOrigins, onSaved = () => {} } = deps;
  const router = Router();
  router.use(sameSiteOnly(allowedOrigins));
  router.use((req, _res, next) => {
    refuseUnsafePath(req.path);
    next();
  });

  router.get('/:lessonId', (req, res) => {
    res.json(files.list(req.params.lessonId));
  });

  router.get('/:lessonId/:file', (req, res) => {
    res.json(files.read(req.params.lessonId, req.params.file));
  });

  router.put('/:lessonId/:file', (req, res) => {
    const { content, version } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof content !== 'string') throw new HttpError(400, 'Not saved: the body needs "content", the whole file as a string.', 'Send JSON {"content": "…", "version": "…"}.');
    if (typeof version !== 'string') {
      throw new HttpError(400, 'Not saved: the body needs "version", the version you loaded.', 'GET the file first; its answer carries the version to send back.');
    }
    const saved = files.write(req.params.lessonId, req.params.file, content, version);
    onSaved(saved.lessonId, saved.file);
    res.json(saved);
  });

  router.post('/:lessonId/:file/reset', (req, res) => {
    const reset = files.reset(req.params.lessonId, req.params.file);
    onSaved(reset.lessonId, reset.file);
    res.json(reset);
  });

  router.get('/:lessonId/:file/solution', (req, res) => {
    res.json(files.solution(req.params.lessonId, req.params.file));
  });

  return router;
}
