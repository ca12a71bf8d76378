import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Router } from 'express';
import { HttpError } from '../http-error.ts';
import { listLessonIds } from '../lessons.ts';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = import.meta.resolve('tsx');

/**
 * `POST /api/checks/:lessonId`: runs the lesson's checks against the learner's workspace (the same
 * `npm run check`, in its own process with its own parties) and streams one JSON line per check,
 * then a summary, as `application/x-ndjson`. A full pass marks the lesson complete.
 */
export function checksRouter(deps: { lessonsDir: string; workspaceDir: string }): Router {
  const { lessonsDir, workspaceDir } = deps;
  const running = new Set<string>();
  const router = Router();

  router.post('/:lessonId', (req, res) => {
    const { lessonId } = req.params;
    if (!listLessonIds(lessonsDir).includes(lessonId)) throw new HttpError(404, `No lesson "${lessonId}".`);
    if (running.has(lessonId)) throw new HttpError(409, `The checks of ${lessonId} are already running.`, 'Wait for that run to finish.');
    running.add(lessonId);
    const child = spawn(process.execPath, ['--import', TSX, 'scripts/check.ts', lessonId, '--json'], {
      cwd: ROOT,
      env: { ...process.env, HOOKLAB_TARGET: 'workspace', HOOKLAB_WORKSPACE: workspaceDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache' });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{"type":')) res.write(`${line}\n`);
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    child.on('close', (code) => {
      running.delete(lessonId);
      if (code !== 0 && code !== 1) res.write(`${JSON.stringify({ type: 'error', message: `The check run stopped unexpectedly (exit ${code}). ${errors}` })}\n`);
      res.end();
    });
    res.on('close', () => child.kill());
  });

  return router;
}
