import express, { type Express } from 'express';
import type { AppStateSource } from '../app/app-state.ts';
import type { VirtualClock } from '../clock/clock.ts';
import type { DeliveryEngine } from '../delivery/delivery-engine.ts';
import type { Faults } from '../delivery/faults.ts';
import type { Timeline } from '../timeline/timeline.ts';
import { localOnly } from './guard.ts';
import { labErrorHandler, notFound } from './http-error.ts';
import type { PushVsPollResult } from '../scenarios/push-vs-poll/types.ts';
import { appRouter } from './routes/app.ts';
import { checksRouter } from './routes/checks.ts';
import { clockRouter } from './routes/clock.ts';
import { deliveriesRouter } from './routes/deliveries.ts';
import { faultsRouter } from './routes/faults.ts';
import { stripeEventsRouter } from './routes/stripe-events.ts';
import { type LessonsDeps, lessonsRouter } from './routes/lessons.ts';
import { scenariosRouter } from './routes/scenarios.ts';
import { timelineRouter } from './routes/timeline.ts';
import { workspaceRouter } from './routes/workspace.ts';
import { listStripeTriggers, triggerStripeEvent } from './triggers.ts';
import type { WorkspaceFiles } from './workspace-files.ts';
import type { WorkspaceChange } from './workspace-watch.ts';

export interface HealthReport {
  ok: boolean;
  parties: Record<string, { status: string; port: number; [detail: string]: unknown }>;
}

export interface LabAppDeps extends LessonsDeps {
  clock: VirtualClock;
  timeline: Timeline;
  /** Fault injection on the mock Stripe's deliveries. */
  faults: Faults;
  /** The mock Stripe's webhook deliveries. */
  deliveries: DeliveryEngine;
  workspaceDir: string;
  stripeUrl: () => string;
  health: () => HealthReport;
  /** Runs the push-versus-poll scenario (`POST /api/scenarios/push-vs-poll`). */
  runPushVsPoll: (body: unknown) => Promise<PushVsPollResult>;
  /** Origins allowed to send non-GET requests (the page's). */
  allowedOrigins: () => string[];
  /** The learner's editable files (`/api/workspace`). */
  workspace: WorkspaceFiles;
  /** Called after the page saved or reset a file. */
  onWorkspaceSaved?: (lessonId: string, file: string) => void;
  /** Saves of editable files made outside the page (`event: workspace` on the timeline stream). */
  workspaceChanges?: { subscribe: (listener: (change: WorkspaceChange) => void) => () => void };
  /** "Your app"'s state (`/api/app`, and `event: app` on the timeline stream). */
  appState: AppStateSource;
}

/** The lab's API (`/api/…`), used by the page, the CLI scripts and the tests. It never listens. */
export function createLabApp(deps: LabAppDeps): Express {
  const { clock, timeline, faults, deliveries, stripeUrl, health, allowedOrigins, appState } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use(localOnly(allowedOrigins));
  app.use(express.json({ limit: '1mb' }));

  // One report, two uses: a probe for scripts (503 until every party is up), and the page's view
  // of the parties, always 200 (a browser logs every 503 as an error while your app restarts).
  app.get('/api/health', (_req, res) => {
    const report = health();
    res.status(report.ok ? 200 : 503).json(report);
  });
  app.get('/api/parties', (_req, res) => {
    res.json(health());
  });
  app.use('/api/lessons', lessonsRouter(deps));
  app.use('/api/timeline', timelineRouter({ timeline, clock, appState, workspaceChanges: deps.workspaceChanges }));
  app.use('/api/workspace', workspaceRouter({ files: deps.workspace, allowedOrigins, onSaved: deps.onWorkspaceSaved }));
  app.use('/api/app', appRouter({ appState }));
  app.use('/api/clock', clockRouter({ clock }));
  app.use('/api/faults', faultsRouter({ faults }));
  app.use('/api/deliveries', deliveriesRouter({ deliveries }));
  app.use('/api/stripe/events', stripeEventsRouter({ stripeUrl }));
  app.use('/api/checks', checksRouter(deps));
  app.use('/api/scenarios', scenariosRouter(deps));
  app.get('/api/triggers/stripe', (_req, res) => {
    res.json({ triggers: listStripeTriggers() });
  });
  app.post('/api/triggers/stripe/:eventType', async (req, res) => {
    const { overrides } = (req.body ?? {}) as { overrides?: unknown };
    res.status(202).json(await triggerStripeEvent(stripeUrl(), req.params.eventType, overrides));
  });

  app.use(notFound);
  app.use(labErrorHandler);
  return app;
}
