import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AppProcess } from './app-process.ts';
import type { AppState } from './app-state.ts';
import { BREAKING_HANDLER } from './breaking-handler.fixture.ts';
import type { CrashReport } from './crash-report.ts';


let dir: string;
let file: string;
let app: AppProcess;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hooklab-app-'));
  file = join(dir, 'app.ts');
  writeFileSync(file, BREAKING_HANDLER);
  app = new AppProcess({ dir, port: 0, maxHeapMb: 64 });
  url = `http://127.0.0.1:${await app.start()}`;
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the next `state` that matches. */
function nextState(match: (state: AppState) => boolean): Promise<AppState> {
  return new Promise((resolve) => {
    const listener = (state: AppState) => {
      if (!match(state)) return;
      app.off('state', listener);
      resolve(state);
    };
    app.on('state', listener);
  });
}

/** Sends a request that takes "your app" down, and resolves with the crash and when it was seen. */
async function breakWith(path: string): Promise<{ crash: CrashReport; detectedInMs: number; back: Promise<AppState> }> {
  if (app.status !== 'up') await nextState((s) => s.status === 'up');
  expect(await app.whenSpareReady()).toBe(true);
  const crashed = new Promise<CrashReport>((resolve) => app.once('crash', resolve));
  const sentAt = performance.now();
  void fetch(`${url}${path}`, { method: 'POST' }).catch(() => null);
  const crash = await crashed;
  const detectedInMs = performance.now() - sentAt;
  return { crash, detectedInMs, back: nextState((s) => s.status === 'up') };
}

async function expectServingVersion(version: number) {
  const response = await fetch(`${url}/version`);
  expect(await response.json()).toEqual({ version });
}

test('a handler that throws gets a JSON 500 with the stack, and the process keeps serving', async () => {
  const response = await fetch(`${url}/throw`, { method: 'POST' });
  expect(response.status).toBe(500);
  const { error } = (await response.json()) as { error: { message: string; stack: string } };
  expect(error.message).toBe('Your handler threw: thrown in the handler');
  expect(error.stack).toContain(`${file}:8:9`);
  expect(app.status).toBe('up');
  expect(app.lastCrash).toBeNull();
});

test('an unhandled rejection is reported with its stack and your app is restarted', async () => {
  const { crash, back } = await breakWith('/reject');
  expect(crash).toMatchObject({ kind: 'unhandled-rejection', route: { method: 'POST', path: '/reject' } });
  expect(crash.message).toContain('nobody caught me');
  expect(crash.stack).toContain('app.ts');
  const state = await back;
  // How fast is measured by `npm run bench -- recovery`; here, that it was measured.
  expect(state.lastCrash?.restartedInMs).toEqual(expect.any(Number));
  await expectServingVersion(1);
});

test('process.exit in a handler is reported with the route and your app is restarted', async () => {
  const { crash, back } = await breakWith('/exit');
  expect(crash).toMatchObject({ kind: 'exit', route: { method: 'POST', path: '/exit' } });
  expect(crash.message).toContain('exited with code 3 while handling POST /exit');
  expect(crash.message).toContain('process.exit()');
  expect((await back).lastCrash?.restartedInMs).toEqual(expect.any(Number));
  await expectServingVersion(1);
});

test('an infinite loop is found by the health probe, killed, and the banner names the route', async () => {
  const { crash, detectedInMs, back } = await breakWith('/loop');
  expect(crash).toMatchObject({ kind: 'hang', route: { method: 'POST', path: '/loop' } });
  expect(crash.message).toMatch(/^Your handler never returned on POST \/loop/);
  expect(detectedInMs).toBeGreaterThan(0);
  expect((await back).lastCrash?.restartedInMs).toEqual(expect.any(Number));
  await expectServingVersion(1);
});

test('unbounded memory hits the heap limit and is treated as a crash', async () => {
  const { crash, back } = await breakWith('/hog');
  expect(crash).toMatchObject({ kind: 'out-of-memory', route: { method: 'POST', path: '/hog' } });
  expect(crash.message).toContain('ran out of memory on POST /hog (its limit is 64 MB)');
  await back;
  await expectServingVersion(1);
});

test('a file that does not compile keeps the last good version serving, with file, line, column and frame, until fixed', async () => {
  const broken = nextState((s) => s.handler.status === 'compile-error');
  writeFileSync(file, BREAKING_HANDLER.replace("res.json({ version: 1 });", "res.json({ version: 2 };"));
  const { handler } = await broken;
  if (handler.status !== 'compile-error') throw new Error('unreachable');
  expect(handler.error).toMatchObject({ line: 5, column: 26 });
  expect(handler.error.file).toContain('app.ts');
  expect(handler.error.message).toContain('Expected ")"');
  expect(handler.error.frame).toContain('res.json({ version: 2 };');
  await expectServingVersion(1);

  const fixed = nextState((s) => s.handler.status === 'ready');
  writeFileSync(file, BREAKING_HANDLER.replace('version: 1', 'version: 2'));
  await fixed;
  await expectServingVersion(2);
  expect(app.status).toBe('up');
});

test('a throw while the new version loads keeps the last good one serving and is located in the file', async () => {
  const good = readFileSync(file, 'utf8');
  const failed = nextState((s) => s.handler.status === 'compile-error');
  writeFileSync(file, good.replace("const router = express.Router();", "const router = express.Router();\nif (router) throw new Error('boom at load');"));
  const { handler } = await failed;
  expect(handler.status === 'compile-error' && handler.error).toMatchObject({ file: 'app.ts', line: 4, column: 19, message: 'Loading failed: boom at load' });
  expect(handler.status === 'compile-error' && handler.error.frame).toContain("> 4 | if (router) throw new Error('boom at load');");
  await expectServingVersion(2);
  const fixed = nextState((s) => s.handler.status === 'ready');
  writeFileSync(file, good);
  await fixed;
});

test('no crash touched the learner\'s file', () => {
  expect(readFileSync(file, 'utf8')).toBe(BREAKING_HANDLER.replace('version: 1', 'version: 2'));
});

test('a save that loops forever while loading: killed as hung, start retried, and up again once a fix is saved', async () => {
  const loopDir = mkdtempSync(join(tmpdir(), 'hooklab-app-loop-'));
  const loopFile = join(loopDir, 'app.ts');
  writeFileSync(loopFile, BREAKING_HANDLER);
  const looping = new AppProcess({ dir: loopDir, port: 0, startTimeoutMs: 1500 });
  try {
    await looping.start();
    const hung = new Promise<CrashReport>((resolve) => looping.once('crash', resolve));
    writeFileSync(loopFile, `for (;;) {}\n${BREAKING_HANDLER}`);
    expect((await hung).message).toContain('Your app stopped answering');
    const failed = await new Promise<CrashReport>((resolve) => looping.once('crash', resolve));
    expect(failed).toMatchObject({ kind: 'start-failed' });
    expect(failed.message).toContain('it was not listening after 1.5 s (an infinite loop at the top level of your file?)');
    const up = new Promise<void>((resolve) => looping.on('status', (status) => status === 'up' && resolve()));
    writeFileSync(loopFile, BREAKING_HANDLER);
    await up;
    expect(await (await fetch(`http://127.0.0.1:${looping.port}/version`)).json()).toEqual({ version: 1 });
  } finally {
    await looping.stop();
    rmSync(loopDir, { recursive: true, force: true });
  }
});
