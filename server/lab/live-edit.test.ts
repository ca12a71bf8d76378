import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppState } from '../app/app-state.ts';
import type { TimelineRecord } from '../timeline/record.ts';
import type { WorkspaceChange } from './workspace-watch.ts';
import { versionOf } from './workspace-files.ts';
import { LESSONS_DIR } from './lessons.ts';
import { startLab, type RunningLab } from './start-lab.ts';

const LESSON = '03-first-consumer';
const SOLUTION = readFileSync(join(LESSONS_DIR, LESSON, 'solution', 'app.ts'), 'utf8');
let lab: RunningLab;
let workspaceDir: string;

beforeAll(async () => {
  workspaceDir = mkdtempSync(join(tmpdir(), 'hooklab-live-'));
  cpSync(join(LESSONS_DIR, LESSON, 'solution'), join(workspaceDir, LESSON), { recursive: true });
  lab = await startLab({ workspaceDir, lessonId: LESSON, ports: { lab: 0, stripe: 0, deepgram: 0, app: 0, web: 5173 } });
});
afterAll(async () => {
  await lab?.close();
  rmSync(workspaceDir, { recursive: true, force: true });
});

type LabAppState = AppState & { lesson: string | null };

/** Saves app.ts through the workspace API, the way the page does, and waits for your app to load it. */
async function save(content: string): Promise<LabAppState> {
  const before = lab.app.handler;
  const seen = 'version' in before ? before.version : 0;
  const loaded = nextAppEvent((s) => s.handler.status !== 'loading' && s.handler.version > seen);
  const file = `${lab.urls.lab}/api/workspace/${LESSON}/app.ts`;
  const { version } = (await (await fetch(file)).json()) as { version: string };
  const response = await fetch(file, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content, version }) });
  expect(response.status).toBe(200);
  return loaded;
}

/** Reads the timeline stream until an `app` event matches. */
function nextAppEvent(match: (state: LabAppState) => boolean): Promise<LabAppState> {
  return nextEvent('app', match);
}

/** Reads the timeline stream until an event of that name matches. */
async function nextEvent<T>(name: string, match: (data: T) => boolean): Promise<T> {
  const controller = new AbortController();
  const response = await fetch(`${lab.urls.lab}/api/timeline/stream`, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    buffer += (await reader.read()).value;
    const events = buffer.split('\n\n');
    buffer = events.pop()!;
    for (const event of events) {
      const data = new RegExp(`^event: ${name}\ndata: (.*)$`, 'm').exec(event)?.[1];
      if (!data) continue;
      const parsed = JSON.parse(data) as T;
      if (match(parsed)) {
        controller.abort();
        return parsed;
      }
    }
  }
}

async function trigger(): Promise<TimelineRecord> {
  const response = await fetch(`${lab.urls.lab}/api/triggers/stripe/payment_intent.succeeded`, { method: 'POST' });
  const { runId } = (await response.json()) as { runId: string };
  return lab.timeline.waitFor((r) => r.runId === runId && r.kind === 'webhook' && r.request.body.includes('"type": "payment_intent.succeeded"'));
}

test('GET /api/app tells the page that your app is up, which lesson it serves and its handler version', async () => {
  const response = await fetch(`${lab.urls.lab}/api/app`);
  expect(await response.json()).toMatchObject({ status: 'up', port: lab.app.port, lesson: LESSON, handler: { status: 'ready' }, lastCrash: null });
});

test('a save through the workspace API is served on the next delivery, without a restart', async () => {
  const { handler } = await save(SOLUTION.replace('received: true', 'received: true, saved: true'));
  expect(handler.status).toBe('ready');
  expect((await trigger()).response?.body).toContain('"saved":true');
  expect(lab.app.snapshot().crashes).toBe(0);
});

test('a compile error reaches the page with its frame, the last good version keeps serving, and a fix clears it', async () => {
  const { handler } = await save(SOLUTION.replace("res.json({ received: true, eventId: event.id });", 'res.json({ received: true, eventId: event.id };'));
  expect(handler).toMatchObject({ status: 'compile-error', error: { line: 16, message: 'Expected ")" but found ";"' } });
  expect((await trigger()).status).toBe(200);
  expect((await save(SOLUTION)).handler.status).toBe('ready');
});

test('an infinite loop saved from the page: the lab stays up, says the handler never returned, restarts your app and keeps the file', async () => {
  const loop = SOLUTION.replace('  const event = req.body;', '  const event = req.body;\n  while (event) {}');
  await save(loop);
  await lab.app.whenSpareReady();
  const recordsBefore = lab.timeline.list().length;
  const crashed = nextAppEvent((s) => s.lastCrash?.kind === 'hang');
  const delivery = trigger();
  const { lastCrash } = await crashed;
  expect(lastCrash).toMatchObject({ route: { method: 'POST', path: '/webhooks/stripe' } });
  expect(lastCrash?.message).toContain('Your handler never returned on POST /webhooks/stripe');
  expect((await delivery).status).toBeNull();
  expect((await fetch(`${lab.urls.lab}/api/health`)).status).toBeLessThan(600);
  const back = await nextAppEvent((s) => s.status === 'up');
  expect(back.lastCrash?.restartedInMs).toEqual(expect.any(Number));
  expect(readFileSync(join(workspaceDir, LESSON, 'app.ts'), 'utf8')).toBe(loop);
  expect(lab.timeline.list().length).toBeGreaterThan(recordsBefore);

  expect((await save(SOLUTION)).handler.status).toBe('ready');
  expect((await trigger()).status).toBe(200);
});

test('a save made in the learner\'s own editor reaches the page as a workspace event with the new version', async () => {
  const edited = `${SOLUTION}\n// edited in vim\n`;
  const change = nextEvent<WorkspaceChange>('workspace', (c) => c.files.some((f) => f.version === versionOf(edited)));
  // Wait until the stream is open, so that the write is not seen before anyone listens.
  await nextAppEvent(() => true);
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), edited);
  expect(await change).toEqual({ lessonId: LESSON, files: [{ file: 'app.ts', version: versionOf(edited) }] });
});

test('process.exit on a delivery: your app is back at once and the provider\'s retry delivers the missed event', async () => {
  const marker = join(workspaceDir, 'crashed-once');
  await save(
    SOLUTION.replace("import express from 'express';", `import express from 'express';\nimport { existsSync, writeFileSync } from 'node:fs';`).replace(
      '  const event = req.body;',
      `  const event = req.body;\n  if (!existsSync(${JSON.stringify(marker)})) {\n    writeFileSync(${JSON.stringify(marker)}, '');\n    process.exit(1);\n  }`,
    ),
  );
  await lab.app.whenSpareReady();
  const crashed = nextAppEvent((s) => s.lastCrash?.kind === 'exit');
  const response = await fetch(`${lab.urls.lab}/api/triggers/stripe/payment_intent.succeeded`, { method: 'POST' });
  const { runId } = (await response.json()) as { runId: string };
  const isDelivery = (r: TimelineRecord) => r.runId === runId && r.to === 'app' && r.request.body.includes('"type": "payment_intent.succeeded"');
  const missed = await lab.timeline.waitFor((r) => isDelivery(r) && r.kind === 'webhook');
  expect(missed.status).toBeNull();
  const { lastCrash } = await crashed;
  expect(lastCrash?.message).toContain('exited with code 1 while handling POST /webhooks/stripe');
  await nextAppEvent((s) => s.status === 'up');
  const retried = lab.timeline.waitFor((r) => isDelivery(r) && r.kind === 'retry');
  lab.clock.advance(5_000);
  expect(await retried).toMatchObject({ status: 200, attempt: 2 });
});

test('POST /api/app/restart restarts your app on the same port and answers with its state', async () => {
  const port = lab.app.port;
  const response = await fetch(`${lab.urls.lab}/api/app/restart`, { method: 'POST' });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'up', port, lesson: LESSON });
  expect((await trigger()).status).toBe(200);
});
