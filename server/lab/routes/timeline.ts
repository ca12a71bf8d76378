import { Router } from 'express';
import type { AppStateSource } from '../../app/app-state.ts';
import type { VirtualClock } from '../../clock/clock.ts';
import { RECORD_KINDS, type RecordKind } from '../../timeline/record.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import type { WorkspaceChange } from '../workspace-watch.ts';
import { HttpError } from '../http-error.ts';

function numberParam(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new HttpError(400, `Query parameter "${name}" must be a number; got "${String(value)}".`);
  return n;
}

/** `/api/timeline`: records as JSON, and live as server-sent events (with the clock's and "your app"'s state). */
export function timelineRouter(deps: {
  timeline: Timeline;
  clock: VirtualClock;
  appState?: AppStateSource;
  workspaceChanges?: { subscribe: (listener: (change: WorkspaceChange) => void) => () => void };
}): Router {
  const { timeline, clock, appState } = deps;
  const router = Router();

  router.get('/', (req, res) => {
    const kind = req.query.kind as string | undefined;
    if (kind !== undefined && !RECORD_KINDS.includes(kind as RecordKind)) {
      throw new HttpError(400, `Unknown record kind "${kind}".`, `Use one of: ${RECORD_KINDS.join(', ')}.`);
    }
    res.json({
      records: timeline.list({
        since: numberParam(req.query.since, 'since'),
        kind: kind as RecordKind | undefined,
        runId: req.query.runId as string | undefined,
        limit: numberParam(req.query.limit, 'limit') ?? 500,
      }),
      clock: clock.state(),
    });
  });

  router.get('/stream', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    const send = (event: string, data: unknown, id?: string) =>
      res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // A reconnecting EventSource sends the last id it saw; replay what it missed.
    const lastId = Number(String(req.get('last-event-id') ?? '').replace('rec_', ''));
    if (lastId) for (const record of timeline.list().filter((r) => Number(r.id.slice(4)) > lastId)) send('record', record, record.id);
    send('clock', clock.state());
    const stopRecords = timeline.subscribe((record) => send('record', record, record.id));
    const stopClock = clock.onChange((state) => send('clock', state));
    if (appState) send('app', appState.current());
    const stopApp = appState?.subscribe((state) => send('app', state));
    const stopWorkspace = deps.workspaceChanges?.subscribe((change) => send('workspace', change));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      stopRecords();
      stopClock();
      stopApp?.();
      stopWorkspace?.();
      clearInterval(heartbeat);
    });
  });

  // One record by id (the push-versus-poll view opens the request a mark stands for).
  router.get('/:id', (req, res) => {
    const record = timeline.get(req.params.id);
    if (!record) throw new HttpError(404, `No timeline record "${req.params.id}".`, 'Record ids look like rec_123; GET /api/timeline lists them.');
    res.json({ record });
  });

  return router;
}
