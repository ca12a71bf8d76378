import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { LESSONS_DIR } from './lessons.ts';
import { startLab, type RunningLab } from './start-lab.ts';

const LESSON = '03-first-consumer';
let lab: RunningLab;

beforeAll(async () => {
  const workspaceDir = mkdtempSync(join(tmpdir(), 'hooklab-delivery-api-'));
  cpSync(join(LESSONS_DIR, LESSON, 'solution'), join(workspaceDir, LESSON), { recursive: true });
  lab = await startLab({ workspaceDir, lessonId: LESSON, ports: { lab: 0, stripe: 0, deepgram: 0, app: 0 }, clock: { paused: true } });
});
afterEach(() => {
  lab.faults.reset();
});
afterAll(() => lab?.close());

const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
  const response = await fetch(`${lab.urls.lab}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

test('GET /api/faults lists every fault, all off, with what each does', async () => {
  const { status, body } = await api('/api/faults');
  expect(status).toBe(200);
  expect(body.faults).toMatchObject({ duplicate: false, corruptSignature: false, reorderWindowMs: 0, rate: 1 });
  expect(Object.keys(body.descriptions).sort()).toEqual(Object.keys(body.faults).sort());
});

test('PUT /api/faults applies a partial update and refuses a bad one whole, naming the field', async () => {
  expect((await api('/api/faults', { method: 'PUT', body: { duplicate: true } })).body.faults.duplicate).toBe(true);
  const bad = await api('/api/faults', { method: 'PUT', body: { staleTimestamp: true, reorderWindowMs: -5 } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/"reorderWindowMs" must be clock milliseconds/);
  expect(bad.body.error.hint).toMatch(/duplicate, reorderWindowMs/);
  const unknown = await api('/api/faults', { method: 'PUT', body: { explode: true } });
  expect(unknown.body.error.message).toMatch(/Unknown fault "explode"/);
  expect((await api('/api/faults')).body.faults).toMatchObject({ duplicate: true, staleTimestamp: false, reorderWindowMs: 0 });
});

test('a fault switched on through the API is labelled on the delivery to your app', async () => {
  await api('/api/faults', { method: 'PUT', body: { corruptSignature: true } });
  const { body } = await api('/api/triggers/stripe/customer.created', { method: 'POST' });
  const record = await lab.timeline.waitFor((r) => r.runId === body.runId && r.kind === 'webhook');
  expect(record.labels).toContain('corrupt signature');
});

test('GET /api/deliveries accounts for every event: emitted = delivered + pending + failed', async () => {
  const { body: trigger } = await api('/api/triggers/stripe/payment_intent.succeeded', { method: 'POST' });
  await lab.timeline.waitFor((r) => r.runId === trigger.runId && r.kind === 'webhook' && r.request.body.includes('"payment_intent.succeeded"'));
  await lab.stripeDeliveries.idle();
  const { body } = await api('/api/deliveries');
  const { emitted, delivered, pending, failed } = body.stats;
  expect(emitted).toBeGreaterThanOrEqual(3);
  expect(delivered + pending + failed).toBe(emitted);
  expect(body.policy.delaysMs).toHaveLength(10);
  expect((await api('/api/deliveries?state=sent')).status).toBe(400);
});

test('PUT /api/clock {step: true} runs the next scheduled retry and says what it was', async () => {
  await api('/api/faults', { method: 'PUT', body: { failFirstAttempt: true } });
  const { body: trigger } = await api('/api/triggers/stripe/customer.created', { method: 'POST' });
  const first = await lab.timeline.waitFor((r) => r.runId === trigger.runId && r.kind === 'webhook');
  const [delivery] = lab.stripeDeliveries.list({ eventId: first.eventId });
  await lab.stripeDeliveries.waitFor(delivery.id, (d) => d.nextAttemptAt !== null);
  const before = await api('/api/clock');
  expect(before.body.nextLabel).toMatch(new RegExp(`attempt 2 of ${first.eventId}`));
  const stepped = await api('/api/clock', { method: 'PUT', body: { step: true } });
  expect(stepped.body.now - before.body.now).toBe(5_000);
  const retry = await lab.timeline.waitFor((r) => r.eventId === first.eventId && r.kind === 'retry');
  expect(retry).toMatchObject({ attempt: 2, status: 200 });
});

test('PUT /api/clock accepts 10x and 100x speeds and refuses nonsense', async () => {
  expect((await api('/api/clock', { method: 'PUT', body: { speed: 100, paused: true } })).body).toMatchObject({ speed: 100, paused: true });
  expect((await api('/api/clock', { method: 'PUT', body: { speed: 10 } })).body.speed).toBe(10);
  expect((await api('/api/clock', { method: 'PUT', body: { speed: 'fast' } })).status).toBe(400);
});

test('POST /api/stripe/events/:id/resend sends the event again through the mock Stripe, in the same run', async () => {
  const { body: trigger } = await api('/api/triggers/stripe/customer.created', { method: 'POST' });
  const first = await lab.timeline.waitFor((r) => r.runId === trigger.runId && r.kind === 'webhook');
  const resent = await api(`/api/stripe/events/${first.eventId}/resend`, { method: 'POST', body: { runId: trigger.runId } });
  expect(resent).toEqual({ status: 202, body: { eventId: first.eventId, type: 'customer.created' } });
  const again = await lab.timeline.waitFor((r) => r.eventId === first.eventId && (r.labels?.includes('manual resend') ?? false));
  expect(again).toMatchObject({ runId: trigger.runId, kind: 'retry', attempt: 2 });
  const missing = await api('/api/stripe/events/evt_nope/resend', { method: 'POST' });
  expect(missing.status).toBe(404);
  expect(missing.body.error.message).toMatch(/No such event: 'evt_nope'/);
  expect(missing.body.error.hint).toMatch(/earlier session\. Trigger a new one/);
});

test('PUT /api/deliveries/policy changes the retry schedule and timeout, refusing nonsense', async () => {
  const original = lab.stripeDeliveries.policy;
  try {
    const { status, body } = await api('/api/deliveries/policy', { method: 'PUT', body: { delaysMs: [0, 1_000, 2_000], timeoutMs: 3_000 } });
    expect(status).toBe(200);
    expect(body.policy).toMatchObject({ name: 'custom', delaysMs: [0, 1_000, 2_000], timeoutMs: 3_000 });
    expect(lab.stripeDeliveries.policy.timeoutMs).toBe(3_000);
    expect((await api('/api/deliveries/policy', { method: 'PUT', body: { delaysMs: [] } })).status).toBe(400);
    expect((await api('/api/deliveries/policy', { method: 'PUT', body: { timeoutMs: 0 } })).body.error.message).toMatch(/above 0/);
  } finally {
    lab.stripeDeliveries.policy = original;
  }
});
