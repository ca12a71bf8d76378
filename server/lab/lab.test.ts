import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppMessage } from '../app/messages.ts';
import type { TimelineRecord } from '../timeline/record.ts';
import { LESSONS_DIR } from './lessons.ts';
import { startLab, type RunningLab } from './start-lab.ts';

const LESSON = '03-first-consumer';
let lab: RunningLab;
let handlerFile: string;

beforeAll(async () => {
  const workspaceDir = mkdtempSync(join(tmpdir(), 'hooklab-lab-'));
  cpSync(join(LESSONS_DIR, LESSON, 'solution'), join(workspaceDir, LESSON), { recursive: true });
  handlerFile = join(workspaceDir, LESSON, 'app.ts');
  lab = await startLab({ workspaceDir, lessonId: LESSON, ports: { lab: 0, stripe: 0, deepgram: 0, app: 0, web: 5173 } });
});
afterAll(() => lab?.close());

/** A raw request, so that tests can send any Host header. */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function trigger(eventType = 'payment_intent.succeeded'): Promise<TimelineRecord> {
  const response = await fetch(`${lab.urls.lab}/api/triggers/stripe/${eventType}`, { method: 'POST' });
  expect(response.status).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  return lab.timeline.waitFor((r) => r.runId === runId && r.kind === 'webhook' && r.request.body.includes(`"type": "${eventType}"`));
}

/** Resolves when "your app" reports a handler state that matches. */
function nextHandlerState(match: (message: Extract<AppMessage, { type: 'handler' }>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const listener = (message: AppMessage) => {
      if (message.type === 'handler' && match(message)) {
        lab.app.off('message', listener);
        resolve();
      }
    };
    lab.app.on('message', listener);
  });
}

test('health says every party is up, with its port', async () => {
  const response = await fetch(`${lab.urls.lab}/api/health`);
  const health = (await response.json()) as { ok: boolean; parties: Record<string, { status: string; port: number }> };
  expect(response.status).toBe(200);
  expect(health.ok).toBe(true);
  expect(health.parties.stripe.status).toBe('up');
  expect(health.parties.deepgram).toEqual({ status: 'up', port: Number(new URL(lab.urls.deepgram).port) });
  expect(health.parties.app).toMatchObject({ status: 'up', port: lab.app.port });
});

test('a trigger creates a payment at the mock Stripe and delivers a signed event that your app answers with 200', async () => {
  const delivery = await trigger();
  expect(delivery).toMatchObject({ from: 'stripe', to: 'app', method: 'POST', status: 200, attempt: 1 });
  expect(delivery.request.headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(delivery.response?.body).toContain(delivery.eventId);
  const calls = lab.timeline.list({ runId: delivery.runId, kind: 'api' });
  expect(calls.map((c) => `${c.from}→${c.to} ${c.method} ${new URL(c.url).pathname} ${c.status}`)).toEqual(['lab→stripe POST /v1/payment_intents 200']);
});

test('the timeline stream sends new records as server-sent events', async () => {
  const controller = new AbortController();
  const response = await fetch(`${lab.urls.lab}/api/timeline/stream`, { signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const delivered = trigger();
  let text = '';
  while (!text.includes('"kind":"webhook"')) text += (await reader.read()).value;
  controller.abort();
  await delivered;
  expect(text).toMatch(/event: record\ndata: \{.*"kind":"webhook"/);
});

test('an edited handler is served on the next delivery, without restarting anything', async () => {
  const statusChanges: string[] = [];
  const onStatus = (status: string) => statusChanges.push(status);
  lab.app.on('status', onStatus);
  const original = readFileSync(handlerFile, 'utf8');
  const reloaded = nextHandlerState((m) => m.state.status === 'ready' && m.state.version > 1);
  writeFileSync(handlerFile, original.replace('received: true', 'received: true, edited: true'));
  await reloaded;
  const delivery = await trigger();
  expect(delivery.response?.body).toContain('"edited":true');
  lab.app.off('status', onStatus);
  expect(statusChanges).toEqual([]);
  const restored = nextHandlerState((m) => m.state.status === 'ready');
  writeFileSync(handlerFile, original);
  await restored;
});

test('a handler that throws gets a 500 with the error on the timeline, and the lab keeps running', async () => {
  const original = readFileSync(handlerFile, 'utf8');
  const reloaded = nextHandlerState((m) => m.state.status === 'ready');
  writeFileSync(handlerFile, original.replace("console.log(`Received", "throw new Error('boom in the handler');\n  console.log(`Received"));
  await reloaded;
  const delivery = await trigger();
  expect(delivery.status).toBe(500);
  expect(delivery.error).toContain('Your handler threw: boom in the handler');
  const health = await fetch(`${lab.urls.lab}/api/health`);
  expect(health.status).toBe(200);
  const restored = nextHandlerState((m) => m.state.status === 'ready');
  writeFileSync(handlerFile, original);
  await restored;
  expect((await trigger()).status).toBe(200);
});

test('while your app is down, the health probe answers 503 and the page\'s party report still 200', async () => {
  await lab.app.stop();
  try {
    const probe = await fetch(`${lab.urls.lab}/api/health`);
    const parties = await fetch(`${lab.urls.lab}/api/parties`);
    expect([probe.status, parties.status]).toEqual([503, 200]);
    const report = (await parties.json()) as { ok: boolean; parties: Record<string, { status: string }> };
    expect(report).toEqual(await probe.json());
    expect(report.ok).toBe(false);
    expect(report.parties.app.status).toBe('stopped');
    expect(report.parties.stripe.status).toBe('up');
  } finally {
    await lab.app.start();
  }
  expect((await fetch(`${lab.urls.lab}/api/health`)).status).toBe(200);
});

test('malformed JSON gets a JSON 400 from the lab and from your app', async () => {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"oops": ' };
  for (const url of [`${lab.urls.lab}/api/clock`, `${lab.urls.app}/webhooks/stripe`]) {
    const response = await fetch(url, { ...init, method: url.includes('/api/') ? 'PUT' : 'POST' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
  }
});

test('unknown routes get a JSON 404 from the lab and from your app', async () => {
  const lab404 = await fetch(`${lab.urls.lab}/api/nope`);
  expect(lab404.status).toBe(404);
  expect(await lab404.json()).toMatchObject({ error: { message: 'No lab API route for GET /api/nope.' } });
  const app404 = await fetch(`${lab.urls.app}/nope`, { method: 'POST' });
  expect(app404.status).toBe(404);
  expect(await app404.json()).toMatchObject({ error: { message: 'No route in your handler matched POST /nope.' } });
});

test('the lab refuses a foreign Host header and a cross-origin POST, with a JSON 403', async () => {
  const port = new URL(lab.urls.lab).port;
  const foreignHost = await rawRequest(`${lab.urls.lab}/api/health`, { headers: { host: `evil.example:${port}` } });
  expect(foreignHost.status).toBe(403);
  expect(JSON.parse(foreignHost.body).error.message).toContain('Host was "evil.example');

  const crossOrigin = await fetch(`${lab.urls.lab}/api/triggers/stripe/payment_intent.succeeded`, {
    method: 'POST',
    headers: { origin: 'https://evil.example' },
  });
  expect(crossOrigin.status).toBe(403);
  expect(lab.timeline.list().some((r) => r.request.headers.origin === 'https://evil.example')).toBe(false);

  const sameOrigin = await fetch(`${lab.urls.lab}/api/clock`, {
    method: 'PUT',
    headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
    body: '{}',
  });
  expect(sameOrigin.status).toBe(200);
});

test('an unknown trigger is a 404 that lists the valid ones', async () => {
  const response = await fetch(`${lab.urls.lab}/api/triggers/stripe/payment_intent.exploded`, { method: 'POST' });
  expect(response.status).toBe(404);
  const { error } = (await response.json()) as { error: { message: string; hint: string } };
  expect(error.hint).toContain('payment_intent.succeeded');
});

test("a call from your handler to the fake SMS API appears on the timeline as a side effect", async () => {
  const original = readFileSync(handlerFile, 'utf8');
  const reloaded = nextHandlerState((m) => m.state.status === 'ready');
  writeFileSync(
    handlerFile,
    original.replace(
      '  res.json({ received: true',
      "  await fetch('https://sms.hooklab.test/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: '+15550100', body: 'Thanks for your order!' }) });\n  res.json({ received: true",
    ).replace("express.json(), (req, res) =>", 'express.json(), async (req, res) =>'),
  );
  await reloaded;
  const delivery = await trigger();
  expect(delivery.status, delivery.error).toBe(200);
  const sms = await lab.timeline.waitFor((r) => r.kind === 'side-effect');
  expect(sms).toMatchObject({ from: 'app', to: 'side-effect', method: 'POST', url: 'https://sms.hooklab.test/v1/messages', status: 201 });
  expect(sms.request.body).toContain('Thanks for your order!');
  const restored = nextHandlerState((m) => m.state.status === 'ready');
  writeFileSync(handlerFile, original);
  await restored;
});

test('the Check button runs the lesson checks against the workspace and streams each result', async () => {
  const response = await fetch(`${lab.urls.lab}/api/checks/${LESSON}`, { method: 'POST' });
  expect(response.headers.get('content-type')).toBe('application/x-ndjson');
  const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as { type: string; status?: string });
  expect(lines.filter((l) => l.type === 'check').map((l) => l.status)).toEqual(['passed', 'passed', 'passed']);
  expect(lines.at(-1)).toEqual({ type: 'summary', passed: 3, failed: 0, completedLessons: [LESSON] });
  const lessons = (await (await fetch(`${lab.urls.lab}/api/lessons`)).json()) as { lessons: { id: string; completed: boolean }[] };
  expect(lessons.lessons.find((l) => l.id === LESSON)?.completed).toBe(true);
});
