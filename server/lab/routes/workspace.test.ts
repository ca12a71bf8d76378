import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { VirtualClock } from '../../clock/clock.ts';
import { close, listen, portOf } from '../../http/listen.ts';
import { Faults } from '../../delivery/faults.ts';
import { createStripeWebhooks } from '../../delivery/stripe-webhooks.ts';
import { Timeline } from '../../timeline/timeline.ts';
import { createLabApp } from '../create-lab-app.ts';
import { LESSONS_DIR } from '../lessons.ts';
import { WorkspaceFiles } from '../workspace-files.ts';
import { ProgressFile } from '../workspace.ts';

const LESSON = '03-first-consumer';
const STARTER = readFileSync(join(LESSONS_DIR, LESSON, 'starter', 'app.ts'), 'utf8');
const SOLUTION = readFileSync(join(LESSONS_DIR, LESSON, 'solution', 'app.ts'), 'utf8');
const PAGE = 'http://localhost:5173';

let root: string;
let workspaceDir: string;
let outside: string;
let server: Server;
let base: string;
const saved: string[] = [];

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hooklab-ws-'));
  workspaceDir = join(root, 'workspace');
  outside = join(root, 'outside');
  mkdirSync(workspaceDir);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'not yours');
  const clock = new VirtualClock();
  const timeline = new Timeline();
  const faults = new Faults();
  const app = createLabApp({
    clock,
    timeline,
    faults,
    deliveries: createStripeWebhooks({ clock, timeline, faults }).engine,
    workspaceDir,
    lessonsDir: LESSONS_DIR,
    progress: new ProgressFile(workspaceDir),
    openLesson: async () => {},
    activeLesson: () => LESSON,
    stripeUrl: () => 'http://127.0.0.1:1',
    runPushVsPoll: () => Promise.reject(new Error('no scenarios in this test')),
    health: () => ({ ok: true, parties: {} }),
    allowedOrigins: () => [PAGE],
    workspace: new WorkspaceFiles(workspaceDir, LESSONS_DIR),
    onWorkspaceSaved: (lessonId, file) => saved.push(`${lessonId}/${file}`),
    appState: { current: () => ({ status: 'up', port: 0, handler: { status: 'loading' }, lastCrash: null, crashes: 0, lesson: LESSON }), subscribe: () => () => {} },
  });
  server = await listen(app, { port: 0, host: '127.0.0.1', party: 'the lab API', envVar: 'HOOKLAB_LAB_PORT' });
  base = `http://127.0.0.1:${portOf(server)}/api/workspace`;
  saved.length = 0;
});
afterEach(async () => {
  await close(server);
  rmSync(root, { recursive: true, force: true });
});

/** Every file under the test's root with its content, to prove a refusal touched nothing. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(root, path)] = entry.isSymbolicLink() ? `-> ${statSync(path).size}` : readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** A request sent as written: no URL normalisation, any Host header. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; json: { error: { message: string; hint?: string } } }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: portOf(server), path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const put = (file: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/${LESSON}/${file}`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: PAGE, ...headers }, body: JSON.stringify(body) });

async function load(): Promise<{ content: string; version: string }> {
  const response = await fetch(`${base}/${LESSON}/app.ts`);
  expect(response.status).toBe(200);
  return (await response.json()) as { content: string; version: string };
}

/** Sends a refused request and checks the JSON error and that no file changed. */
async function expectRefused(path: string, status: number, message: RegExp, options: Parameters<typeof raw>[1] = {}) {
  if (!existsSync(join(workspaceDir, LESSON))) await load(); // so that a wrongly allowed write would show
  const before = snapshot();
  const response = await raw(`/api/workspace/${path}`, {
    ...options,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.method === 'PUT' ? JSON.stringify({ content: 'pwned', version: 'x' }) : undefined,
  });
  expect(response.status).toBe(status);
  expect(response.json.error.message).toMatch(message);
  expect(snapshot()).toEqual(before);
  expect(saved).toEqual([]);
}

test('GET gives an editable file with its version, creating the workspace from the starter on first use', async () => {
  const file = await load();
  expect(file).toMatchObject({ lessonId: LESSON, file: 'app.ts', content: STARTER, version: expect.stringMatching(/^[0-9a-f]{16}$/) });
  expect(readFileSync(join(workspaceDir, LESSON, 'app.ts'), 'utf8')).toBe(STARTER);
});

test('GET on a lesson lists its editable files with their versions', async () => {
  const { version } = await load();
  const response = await fetch(`${base}/${LESSON}`);
  expect(await response.json()).toEqual({ lessonId: LESSON, files: [{ file: 'app.ts', version }] });
});

test('PUT against the loaded version saves atomically, returns the new version and tells your app', async () => {
  const { version } = await load();
  const response = await put('app.ts', { content: SOLUTION, version });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { version: string };
  expect(body.version).not.toBe(version);
  expect(readFileSync(join(workspaceDir, LESSON, 'app.ts'), 'utf8')).toBe(SOLUTION);
  expect(readdirSync(join(workspaceDir, '.hooklab', 'tmp'))).toEqual([]);
  expect(saved).toEqual([`${LESSON}/app.ts`]);
  expect((await load()).version).toBe(body.version);
});

test('PUT against a stale version is a 409 carrying the current content, and the file is untouched', async () => {
  const { version } = await load();
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), '// edited in the learner\'s own editor\n');
  const response = await put('app.ts', { content: 'my page edit', version });
  expect(response.status).toBe(409);
  const { error } = (await response.json()) as { error: { message: string; current: { content: string; version: string } } };
  expect(error.message).toContain('changed since you loaded it');
  expect(error.current.content).toBe('// edited in the learner\'s own editor\n');
  expect(error.current.version).not.toBe(version);
  expect(readFileSync(join(workspaceDir, LESSON, 'app.ts'), 'utf8')).toBe('// edited in the learner\'s own editor\n');
  const retry = await put('app.ts', { content: 'my page edit', version: error.current.version });
  expect(retry.status).toBe(200);
});

test('PUT without a version is refused with a 400 that says how to get one', async () => {
  const response = await put('app.ts', { content: 'x' });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { hint: string } }).error.hint).toContain('GET the file first');
});

test('reset saves the current file under .history before putting the starter back', async () => {
  const { version } = await load();
  await put('app.ts', { content: 'work in progress', version });
  const response = await fetch(`${base}/${LESSON}/app.ts/reset`, { method: 'POST', headers: { origin: PAGE } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { content: string; savedTo: string };
  expect(body.content).toBe(STARTER);
  expect(body.savedTo).toMatch(/^\.history\/03-first-consumer\/app\.ts\.\d{4}-/);
  expect(readFileSync(join(workspaceDir, body.savedTo), 'utf8')).toBe('work in progress');
  expect(readFileSync(join(workspaceDir, LESSON, 'app.ts'), 'utf8')).toBe(STARTER);
});

test('the solution is served for a diff and never written to the workspace', async () => {
  await load();
  const before = snapshot();
  const response = await fetch(`${base}/${LESSON}/app.ts/solution`);
  expect(await response.json()).toEqual({ lessonId: LESSON, file: 'app.ts', content: SOLUTION });
  expect(snapshot()).toEqual(before);
});

test('refuses ".." in the path, as sent without normalisation', async () => {
  await expectRefused(`${LESSON}/../../outside/secret.txt`, 400, /tries to leave the workspace/, { method: 'PUT' });
});

test('refuses ".." hidden behind an encoded slash', async () => {
  await expectRefused(`${LESSON}/..%2F..%2Foutside%2Fsecret.txt`, 400, /tries to leave the workspace/, { method: 'PUT' });
});

test('refuses percent-encoded dots, even when encoded twice', async () => {
  await expectRefused(`${LESSON}/%2e%2e%2f%2e%2e%2foutside%2fsecret.txt`, 400, /tries to leave the workspace/);
  await expectRefused(`${LESSON}/%252e%252e%252foutside%252fsecret.txt`, 400, /tries to leave the workspace/, { method: 'PUT' });
});

test('refuses backslashes', async () => {
  await expectRefused(`${LESSON}/..%5C..%5Coutside%5Csecret.txt`, 400, /backslash/, { method: 'PUT' });
});

test('refuses absolute paths', async () => {
  await expectRefused(`${LESSON}/${encodeURIComponent(join(outside, 'secret.txt'))}`, 400, /absolute path/, { method: 'PUT' });
});

test('refuses a file the lesson does not declare editable, naming the ones it does', async () => {
  await expectRefused(`${LESSON}/lesson.md`, 403, /not an editable file of lesson 03-first-consumer/, { method: 'PUT' });
});

test('refuses an unknown lesson with a 404', async () => {
  await expectRefused('99-nope/app.ts', 404, /No lesson "99-nope"/, { method: 'PUT' });
});

test('refuses an editable file that is a symlink leading outside the workspace', async () => {
  await load();
  rmSync(join(workspaceDir, LESSON, 'app.ts'));
  symlinkSync(join(outside, 'secret.txt'), join(workspaceDir, LESSON, 'app.ts'));
  await expectRefused(`${LESSON}/app.ts`, 403, /symlink .* outside the workspace/, { method: 'PUT' });
  await expectRefused(`${LESSON}/app.ts`, 403, /symlink .* outside the workspace/);
  expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('not yours');
});

test('refuses a lesson folder that is a symlink leading outside the workspace', async () => {
  rmSync(join(workspaceDir, LESSON), { recursive: true, force: true });
  symlinkSync(outside, join(workspaceDir, LESSON));
  const before = snapshot();
  const response = await raw(`/api/workspace/${LESSON}/app.ts`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"content":"x","version":"y"}' });
  expect(response.status).toBe(403);
  expect(response.json.error.message).toMatch(/outside the workspace/);
  expect(snapshot()).toEqual(before);
  expect(existsSync(join(outside, 'app.ts'))).toBe(false);
});

test('refuses a cross-origin write and a cross-origin read', async () => {
  await expectRefused(`${LESSON}/app.ts`, 403, /cross-origin|may not read or write/, { method: 'PUT', headers: { origin: 'https://evil.example' } });
  await expectRefused(`${LESSON}/app.ts`, 403, /https:\/\/evil.example may not read or write your workspace/, { headers: { origin: 'https://evil.example' } });
});

test('refuses a foreign Host header (DNS rebinding)', async () => {
  await expectRefused(`${LESSON}/app.ts`, 403, /Host was "evil.example/, { method: 'PUT', headers: { host: 'evil.example' } });
  await expectRefused(`${LESSON}/app.ts`, 403, /Host was "evil.example/, { headers: { host: 'evil.example' } });
});
