import express, { type Express } from 'express';
import type { VirtualClock } from '../clock/clock.ts';
import type { DeliveryEngine } from '../delivery/delivery-engine.ts';
import type { Faults } from '../delivery/faults.ts';
import type { Timeline } from '../timeline/timeline.ts';
import { localOnly } from './guard.ts';
import { labErrorHandler, notFound } from './http-error.ts';
import { checksRouter } from './routes/checks.ts';
import { clockRouter } from './routes/clock.ts';
import { deliveriesRouter } from './routes/deliveries.ts';
import { faultsRouter } from './routes/faults.ts';
import { stripeEventsRouter } from './routes/stripe-events.ts';
import { type LessonsDeps, lessonsRouter } from './routes/lessons.ts';
import { timelineRouter } from './routes/timeline.ts';
import { listStripeTriggers, triggerStripeEvent } from './triggers.ts';

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
  /** Origins allowed to send non-GET requests (the page's). */
  allowedOrigins: () => string[];
}

/** The lab's API (`/api/…`), used by the page, the CLI scripts and the tests. It never listens. */
export function createLabApp(deps: LabAppDeps): Express {
  const { clock, timeline, faults, deliveries, stripeUrl, health, allowedOrigins } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use(localOnly(allowedOrigins));
  app.use(express.json({ limit: '1mb' }));

  app.get('/api/health', (_req, res) => {
    const report = health();
    res.status(report.ok ? 200 : 503).json(report);
  });
  app.use('/api/lessons', lessonsRouter(deps));
  app.use('/api/timeline', timelineRouter({ timeline, clock }));
  app.use('/api/clock', clockRouter({ clock }));
  app.use('/api/faults', faultsRouter({ faults }));
  app.use('/api/deliveries', deliveriesRouter({ deliveries }));
  app.use('/api/stripe/events', stripeEventsRouter({ stripeUrl }));
  app.use('/api/checks', checksRouter(deps));
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
