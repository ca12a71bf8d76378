import { Router } from 'express';
import { HttpError } from '../http-error.ts';
import type { Lesson, LessonSummary } from '../lesson-types.ts';
import { listLessonIds, readLesson } from '../lessons.ts';
import type { ProgressFile } from '../workspace.ts';

export interface LessonsDeps {
  lessonsDir: string;
  progress: ProgressFile;
  /** Makes `id` the lesson "your app" serves. */
  openLesson: (id: string) => Promise<void>;
  activeLesson: () => string | null;
}

/** `/api/lessons`: the course, discovered from `lessons/` on every call (so edits show at once). */
export function lessonsRouter(deps: LessonsDeps): Router {
  const { lessonsDir, progress, openLesson, activeLesson } = deps;
  const router = Router();

  const load = (id: string): Lesson => {
    if (!listLessonIds(lessonsDir).includes(id)) {
      throw new HttpError(404, `No lesson "${id}".`, 'GET /api/lessons lists the lessons there are.');
    }
    return { ...readLesson(lessonsDir, id), completed: progress.read().completed.includes(id) };
  };

  router.get('/', (_req, res) => {
    const lessons: LessonSummary[] = listLessonIds(lessonsDir).map((id) => {
      const { id: _id, number, title, summary, minutes, hasExercise, completed } = load(id);
      return { id, number, title, summary, minutes, hasExercise, completed };
    });
    res.json({ lessons, active: activeLesson(), lastLesson: progress.read().lastLesson });
  });

  router.get('/:id', (req, res) => {
    res.json(load(req.params.id));
  });

  router.post('/:id/open', async (req, res) => {
    const lesson = load(req.params.id);
    await openLesson(lesson.id);
    res.json({ active: lesson.id });
  });

  return router;
}
