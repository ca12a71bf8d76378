import type { Server } from 'node:http';
import { join } from 'node:path';
import { AppProcess } from '../app/app-process.ts';
import { VirtualClock } from '../clock/clock.ts';
import type { DeliveryEngine } from '../delivery/delivery-engine.ts';
import { Faults } from '../delivery/faults.ts';
import type { RetryPolicy } from '../delivery/retry-policy.ts';
import { createStripeWebhooks } from '../delivery/stripe-webhooks.ts';
import { close, listen, portOf } from '../http/listen.ts';
import { createDeepgramCallbacks } from '../providers/deepgram/callbacks.ts';
import { createDeepgramApp } from '../providers/deepgram/create-deepgram-app.ts';
import { DeepgramJobs } from '../providers/deepgram/jobs.ts';
import { createStripeApp } from '../providers/stripe/create-stripe-app.ts';
import { StripeStore } from '../providers/stripe/store.ts';
import type { WebhookEndpoint } from '../providers/stripe/types.ts';
import { addWebhookEndpoint } from '../providers/stripe/webhook-endpoints.ts';
import { pushVsPollRunner } from '../scenarios/push-vs-poll/run-push-vs-poll.ts';
import { Timeline } from '../timeline/timeline.ts';
import { createLabApp, type HealthReport } from './create-lab-app.ts';
import { LESSONS_DIR, listLessonIds, readLesson } from './lessons.ts';
import { PORTS } from './ports.ts';
import { ensureLessonWorkspace, ProgressFile } from './workspace.ts';
import { WorkspaceFiles } from './workspace-files.ts';
import { WorkspaceWatch } from './workspace-watch.ts';

/** The Deepgram key "your app" is given (`DEEPGRAM_API_KEY`); the mock accepts any well-formed key. */
export const LAB_DEEPGRAM_KEY = 'hooklab_lab_deepgram_key';

export interface LabOptions {
  workspaceDir: string;
  lessonsDir?: string;
  host?: string;
  /** Ports per party; 0 picks a free one (tests). Missing ones use the defaults. */
  ports?: Partial<Record<'lab' | 'stripe' | 'deepgram' | 'app' | 'web', number>>;
  /** The lesson "your app" serves first (default: the last one opened, else the first exercise). */
  lessonId?: string;
  /** Serve this directory instead of the lesson's workspace copy (checks use starter/solution). */
  appDir?: string;
  /** Keep the timeline in `workspace/.hooklab/timeline.jsonl` across restarts. */
  persistTimeline?: boolean;
  clock?: { speed?: number; paused?: boolean };
  /** Clock milliseconds a webhook receiver has to answer. */
  deliveryTimeoutMs?: number;
  /** The mock Stripe's retry schedule (default: about three days). */
  stripeRetryPolicy?: RetryPolicy;
  /** The mock Deepgram's choices: how fast it transcribes. */
  deepgram?: { processingSpeed?: number };
  /** Output of the parties, line by line. */
  log?: (party: 'lab' | 'stripe' | 'deepgram' | 'app', line: string) => void;
}

export interface RunningLab {
  clock: VirtualClock;
  timeline: Timeline;
  stripe: StripeStore;
  /** The mock Stripe's webhook deliveries: states, stats, policy. */
  stripeDeliveries: DeliveryEngine;
  /** Fault injection on the mock Stripe's deliveries (`/api/faults`). */
  faults: Faults;
  /** The mock Deepgram's jobs and the sender of its callbacks. */
  deepgram: { jobs: DeepgramJobs; callbacks: DeliveryEngine };
  app: AppProcess;
  /** The endpoint the mock Stripe delivers "your app"'s events to. */
  appEndpoint: WebhookEndpoint;
  urls: { lab: string; stripe: string; deepgram: string; app: string };
  activeLesson: () => string | null;
  openLesson: (id: string) => Promise<void>;
  health: () => HealthReport;
  close: () => Promise<void>;
}

/**
 * Starts every party: the lab API, the mock Stripe and "your app" (a child process). The
 * returned handle is what `server/main.ts`, the checks and the tests all drive.
 */
export async function startLab(options: LabOptions): Promise<RunningLab> {
  const { workspaceDir, lessonsDir = LESSONS_DIR, host = '127.0.0.1', log = () => {} } = options;
  const port = (name: 'lab' | 'stripe' | 'deepgram' | 'app' | 'web') => options.ports?.[name] ?? PORTS[name].default;
  const clock = new VirtualClock(options.clock);
  const timeline = new Timeline(options.persistTimeline ? join(workspaceDir, '.hooklab', 'timeline.jsonl') : undefined);
  const progress = new ProgressFile(workspaceDir);
  const servers: Server[] = [];
  const faults = new Faults();
  const webhooks = createStripeWebhooks({ clock, timeline, faults, timeoutMs: options.deliveryTimeoutMs, policy: options.stripeRetryPolicy });
  const deepgramCallbacks = createDeepgramCallbacks({ clock, timeline });
  let app: AppProcess | undefined;
  const workspaceFiles = new WorkspaceFiles(workspaceDir, lessonsDir);
  const workspaceWatch = new WorkspaceWatch(workspaceFiles);
  const closeAll = async () => {
    workspaceWatch.close();
    webhooks.engine.dispose();
    deepgramCallbacks.dispose();
    clock.dispose();
    await app?.stop();
    await Promise.all(servers.map(close));
    await timeline.close();
  };

  let active = options.lessonId ?? progress.read().lastLesson ?? defaultLesson(lessonsDir);
  const webhookUrl = (appPort: number, lessonId: string | null) => {
    const path = lessonId ? (readLesson(lessonsDir, lessonId).webhookPath ?? '/webhook') : '/webhook';
    return `http://${host}:${appPort}${path}`;
  };
  const appDirFor = (lessonId: string | null) =>
    options.appDir ?? (lessonId ? ensureLessonWorkspace(workspaceDir, lessonsDir, lessonId) : join(workspaceDir, '.empty'));

  try {
    const stripe = new StripeStore();
    const stripeApp = createStripeApp({ store: stripe, clock, timeline, deliver: webhooks.deliver, resend: webhooks.resend });
    const stripeServer = await listen(stripeApp, { port: port('stripe'), host, party: 'the mock Stripe', envVar: PORTS.stripe.envVar });
    servers.push(stripeServer);
    const stripeUrl = `http://${host}:${portOf(stripeServer)}`;
    log('stripe', `Mock Stripe API on ${stripeUrl}/v1 (use any sk_test_… key)`);

    const deepgram = {
      jobs: new DeepgramJobs(clock, { processingSpeed: options.deepgram?.processingSpeed }),
      callbacks: deepgramCallbacks,
    };
    const deepgramServer = await listen(createDeepgramApp({ clock, timeline, ...deepgram }), {
      port: port('deepgram'),
      host,
      party: 'the mock Deepgram',
      envVar: PORTS.deepgram.envVar,
    });
    servers.push(deepgramServer);
    const deepgramUrl = `http://${host}:${portOf(deepgramServer)}`;
    log('deepgram', `Mock Deepgram API on ${deepgramUrl}/v1/listen (use any key: Authorization: Token <key>)`);

    const webhookSecret = `whsec_hooklab_${Math.random().toString(36).slice(2, 14)}`;
    const yourApp = new AppProcess({
      dir: appDirFor(active),
      port: port('app'),
      host,
      env: { STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: stripeUrl, DEEPGRAM_BASE_URL: deepgramUrl, DEEPGRAM_API_KEY: LAB_DEEPGRAM_KEY },
      log: (line) => log('app', line),
    });
    app = yourApp;
    // Learner code that does not start yet must not stop the lab: it comes up around it, shows why
    // (GET /api/app), and your app starts as soon as the learner saves a fix.
    const appPort = await yourApp.start().catch((err: Error) => {
      log('app', err.message);
      return yourApp.port;
    });
    const appEndpoint = addWebhookEndpoint(stripe, clock, {
      url: webhookUrl(appPort, active),
      secret: webhookSecret,
      description: 'Your app (registered by the lab)',
    });
    yourApp.on('crash', (crash) => log('app', crash.message));
    yourApp.on('message', (message) => {
      if (message.type !== 'side-effect') return;
      const { call } = message;
      const endedAt = clock.now();
      timeline.add({
        runId: 'manual',
        kind: 'side-effect',
        from: 'app',
        to: 'side-effect',
        method: call.method,
        url: call.url,
        status: call.status,
        startedAt: endedAt - call.durationMs * clock.state().speed,
        endedAt,
        attempt: 1,
        request: call.request,
        response: call.response,
      });
    });

    const webPort = port('web');
    let labPort = port('lab');
    const health = (): HealthReport => {
      const parties = {
        lab: { status: 'up', port: labPort },
        stripe: { status: 'up', port: portOf(stripeServer) },
        deepgram: { status: 'up', port: portOf(deepgramServer) },
        app: { status: yourApp.status, port: yourApp.port, lesson: active, handler: yourApp.handler, lastCrash: yourApp.lastCrash },
      };
      return { ok: yourApp.status === 'up', parties };
    };
    // Saves made in the learner's own editor reach the page (event: workspace).
    if (!options.appDir) workspaceWatch.follow(active);
    const openLesson = async (id: string) => {
      progress.update((p) => {
        p.lastLesson = id;
      });
      if (id === active) return;
      active = id;
      if (!options.appDir) workspaceWatch.follow(id);
      appEndpoint.url = webhookUrl(yourApp.port, id);
      await yourApp.switchTo(appDirFor(id));
    };
    const labApp = createLabApp({
      clock,
      timeline,
      faults,
      deliveries: webhooks.engine,
      lessonsDir,
      workspaceDir,
      progress,
      openLesson,
      activeLesson: () => active,
      stripeUrl: () => stripeUrl,
      health,
      workspace: workspaceFiles,
      workspaceChanges: workspaceWatch,
      // A save through the page reloads at once, without waiting for the file watcher.
      onWorkspaceSaved: (lessonId) => {
        if (lessonId === active && !options.appDir) yourApp.reload();
      },
      appState: {
        current: () => ({ ...yourApp.snapshot(), lesson: active }),
        subscribe: (listener) => {
          const onState = () => listener({ ...yourApp.snapshot(), lesson: active });
          yourApp.on('state', onState);
          return () => yourApp.off('state', onState);
        },
        restart: () => yourApp.restart(),
      },
      runPushVsPoll: pushVsPollRunner({
        clock,
        timeline,
        app: yourApp,
        deepgram,
        urls: () => ({ deepgram: deepgramUrl, app: `http://${host}:${yourApp.port}` }),
        apiKey: LAB_DEEPGRAM_KEY,
      }),
      allowedOrigins: () => [webPort, labPort].flatMap((p) => [`http://localhost:${p}`, `http://127.0.0.1:${p}`]),
    });
    const labServer = await listen(labApp, { port: port('lab'), host, party: 'the lab API', envVar: PORTS.lab.envVar });
    servers.push(labServer);
    labPort = portOf(labServer);
    log('lab', `Lab API on http://${host}:${labPort}/api`);

    return {
      clock,
      timeline,
      stripe,
      stripeDeliveries: webhooks.engine,
      faults,
      deepgram,
      app: yourApp,
      appEndpoint,
      urls: { lab: `http://${host}:${labPort}`, stripe: stripeUrl, deepgram: deepgramUrl, app: `http://${host}:${appPort}` },
      activeLesson: () => active,
      openLesson,
      health,
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

function defaultLesson(lessonsDir: string): string | null {
  const ids = listLessonIds(lessonsDir);
  return ids.find((id) => readLesson(lessonsDir, id).hasExercise) ?? ids[0] ?? null;
}
