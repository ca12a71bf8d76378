import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startReceiver, type TestReceiver } from '../server/delivery/test-receiver.ts';
import { LESSONS_DIR } from '../server/lab/lessons.ts';
import { startLab, type RunningLab } from '../server/lab/start-lab.ts';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
let lab: RunningLab;
let receiver: TestReceiver;

beforeAll(async () => {
  const workspaceDir = mkdtempSync(join(tmpdir(), 'hooklab-cli-'));
  cpSync(join(LESSONS_DIR, '03-first-consumer', 'solution'), join(workspaceDir, '03-first-consumer'), { recursive: true });
  [lab, receiver] = await Promise.all([startLab({ workspaceDir, lessonId: '03-first-consumer', ports: { lab: 0, stripe: 0, deepgram: 0, app: 0 } }), startReceiver()]);
});
afterAll(async () => {
  await receiver?.close();
  await lab?.close();
});

function run(script: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(TSX, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env: { ...process.env, HOOKLAB_LAB_URL: lab.urls.lab } });
}

/** Resolves with the process's output once a line matches (or rejects when it exits first). */
function outputUntil(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve(output);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}:\n${output}`)));
  });
}

async function finish(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, output };
}

test('npm run trigger fires the flow on the running lab and says so', async () => {
  const { code, output } = await finish(run('trigger.ts', ['customer.created', '--override', 'email=ada@example.com']));
  expect(output).toContain('Trigger succeeded!');
  expect(code).toBe(0);
  const customers = [...lab.stripe.customers.values()];
  expect(customers.at(-1)?.email).toBe('ada@example.com');
});

test('npm run trigger lists the valid events when given an unknown one', async () => {
  const { code, output } = await finish(run('trigger.ts', ['payment_intent.exploded']));
  expect(code).toBe(2);
  expect(output).toMatch(/Unknown event "payment_intent.exploded"/);
  expect(output).toMatch(/checkout\.session\.completed\s+Creates a \$30\.00 checkout session/);
});

test('npm run listen registers an endpoint, prints its whsec_ and deliveries, and removes it on Ctrl-C', async () => {
  const listen = run('listen.ts', ['--forward-to', receiver.url, '--events', 'customer.created']);
  const ready = await outputUntil(listen, /signing secret is (whsec_\w+)/);
  const secret = /signing secret is (whsec_\w+)/.exec(ready)![1];
  const printed = outputUntil(listen, /<--\s+\[200\] POST/);

  const response = await fetch(`${lab.urls.lab}/api/triggers/stripe/customer.created`, { method: 'POST' });
  expect(response.status).toBe(202);
  const [delivery] = await receiver.waitForCount(1);
  const event = new Stripe('sk_test_x').webhooks.constructEvent(delivery.body, String(delivery.headers['stripe-signature']), secret);
  expect(event.type).toBe('customer.created');
  expect(await printed).toContain(`--> customer.created [${event.id}]`);

  const exited = finish(listen);
  listen.kill('SIGINT');
  expect((await exited).code).toBe(0);
  expect([...lab.stripe.webhookEndpoints.values()].map((e) => e.url)).not.toContain(receiver.url);
});

test('npm run listen without --forward-to says what is missing and how to call it', async () => {
  const { code, output } = await finish(run('listen.ts', []));
  expect(code).toBe(2);
  expect(output).toMatch(/Missing --forward-to/);
  expect(output).toMatch(/Usage: npm run listen/);
});
