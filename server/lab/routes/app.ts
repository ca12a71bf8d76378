import { Router } from 'express';
import type { AppStateSource } from '../../app/app-state.ts';
import { HttpError } from '../http-error.ts';

/**
 * `/api/app`: "your app"'s status, handler version or compile error, and its last crash (the
 * banner); `POST /api/app/restart` restarts it without waiting for a retry.
 */
export function appRouter(deps: { appState: AppStateSource }): Router {
  const { appState } = deps;
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(appState.current());
  });
  router.post('/restart', async (_req, res) => {
    if (!appState.restart) throw new HttpError(501, 'This lab cannot restart your app.', 'Restart `npm run dev` instead.');
    await appState.restart();
    res.json(appState.current());
  });
  return router;
}
