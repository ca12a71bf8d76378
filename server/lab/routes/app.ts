import { Router } from 'express';
import type { AppStateSource } from '../../app/app-state.ts';

/** `/api/app`: "your app"'s status, handler version or compile error, and its last crash (the banner). */
export function appRouter(deps: { appState: AppStateSource }): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(deps.appState.current());
  });
  return router;
}
