import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppState } from '../app/app-state.ts';
import type { TimelineRecord } from '../timeline/record.ts';
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
async function nextAppEvent(match: (state: LabAppState) => boolean): Promise<LabAppState> {
  const controller = new AbortController();
  const response = await fetch(`${lab.urls.lab}/api/timeline/stream`, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    buffer += (await reader.read()).value;
    const events = buffer.split('\n\n');
    buffer = events.pop()!;
    for (const event of events) {
      const data = /^event: app\ndata: (.*)$/m.exec(event)?.[1];
      if (!data) continue;
      const state = JSON.parse(data) as LabAppState;
      if (match(state)) {
        controller.abort();
        return state;
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
  const recordsBefore = lab.timeline.list().length;
  const crashed = nextAppEvent((s) => s.lastCrash?.kind === 'hang');
  const delivery = trigger();
  const { lastCrash } = await crashed;
  expect(lastCrash).toMatchObject({ route: { method: 'POST', path: '/webhooks/stripe' } });
  expect(lastCrash?.message).toContain('Your handler never returned on POST /webhooks/stripe');
  expect((await delivery).status).toBeNull();
  expect((await fetch(`${lab.urls.lab}/api/health`)).status).toBeLessThan(600);
  const back = await nextAppEvent((s) => s.status === 'up');
  expect(back.lastCrash?.restartedInMs).toBeLessThan(1000);
  expect(readFileSync(join(workspaceDir, LESSON, 'app.ts'), 'utf8')).toBe(loop);
  expect(lab.timeline.list().length).toBeGreaterThan(recordsBefore);

  expect((await save(SOLUTION)).handler.status).toBe('ready');
  expect((await trigger()).status).toBe(200);
});
