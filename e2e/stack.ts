import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { LESSONS_DIR } from '../server/lab/lessons.ts';
import { startLab, type RunningLab } from '../server/lab/start-lab.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Where the e2e tests put their screenshots (git-ignored). */
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

/** Debian's Chromium, headless, with everything that would phone home turned off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HOOKLAB_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A free port, held until `release()` (Vite needs its port before the lab starts, because the lab
 * allows the page's origin). Held, not just probed: the lab's servers bind port 0 meanwhile, and
 * the system readily hands out a port that was just closed.
 */
export function reservePort(): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolvePort, reject) => {
    const holder = createNetServer();
    holder.once('error', reject);
    holder.listen(0, '127.0.0.1', () => {
      const { port } = holder.address() as { port: number };
      resolvePort({ port, release: () => new Promise<void>((done) => holder.close(() => done())) });
    });
  });
}

/** A running lab and Vite for the e2e tests, and how to stop both. */
export interface Stack {
  lab: RunningLab;
  vite: ViteDevServer;
  /** The page's address ("http://127.0.0.1:<port>/"). */
  url: string;
  /** The private workspace (lesson 03 holds the solution). */
  workspaceDir: string;
  close: () => Promise<void>;
}

/**
 * A private lab (free ports, a fresh temp workspace whose lesson 03 holds the solution, so
 * deliveries answer 200) and a Vite dev server proxying /api to it, from the repo's vite.config.ts.
 */
export async function startStack(attempts = 3): Promise<Stack> {
  const workspaceDir = mkdtempSync(join(tmpdir(), 'hooklab-e2e-'));
  mkdirSync(join(workspaceDir, '03-first-consumer'), { recursive: true });
  cpSync(join(LESSONS_DIR, '03-first-consumer', 'solution'), join(workspaceDir, '03-first-consumer'), { recursive: true });
  const { port: webPort, release } = await reservePort();
  const lab = await startLab({ workspaceDir, ports: { lab: 0, stripe: 0, deepgram: 0, app: 0, web: webPort } }).finally(release);
  let vite: ViteDevServer | undefined;
  try {
    process.env.HOOKLAB_WEB_PORT = String(webPort);
    process.env.HOOKLAB_LAB_PORT = new URL(lab.urls.lab).port;
    // A private dependency cache: a shared one is re-optimized whenever another Vite (another
    // checkout, a running `npm run dev`) writes it, and the page then reloads mid-test with 504s.
    vite = await createServer({ configFile: join(ROOT, 'vite.config.ts'), cacheDir: join(workspaceDir, '.vite'), logLevel: 'warn', clearScreen: false });
    await vite.listen();
  } catch (err) {
    await vite?.close();
    await lab.close();
    rmSync(workspaceDir, { recursive: true, force: true });
    // The web port is held while the lab starts, but must be let go just before Vite takes it, and
    // a connection opened in between may get it as its local port. Rare: start over on another.
    if (attempts > 1 && /is taken|EADDRINUSE/.test(String(err))) return startStack(attempts - 1);
    throw err;
  }
  const server = vite;
  return {
    lab,
    vite: server,
    url: `http://127.0.0.1:${webPort}/`,
    workspaceDir,
    close: async () => {
      await server.close();
      await lab.close();
      rmSync(workspaceDir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects every console error or warning and every uncaught page error, so a test can demand
 * none. `allow` lists messages a test expects (a 404 it provoked on purpose).
 */
export function watchConsole(page: Page, allow: RegExp[] = []): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    if (allow.some((pattern) => pattern.test(message.text()))) return;
    problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

export interface StackFixture {
  stack: Stack;
  browser: Browser;
  /** A browser context that is closed after the test (its page's stream and health poll with it). */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
}

/**
 * Starts a stack and Chromium before a test file and stops both after it; the fields are filled in
 * once `beforeAll` has run.
 */
export function useStack(): StackFixture {
  const contexts: BrowserContext[] = [];
  const fixture = {
    newContext: async (options?: BrowserContextOptions) => {
      const context = await fixture.browser.newContext(options);
      // Half the test's time: a wait that hangs fails naming its locator, not as a bare test timeout.
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return context;
    },
  } as StackFixture;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [fixture.stack, fixture.browser] = await Promise.all([startStack(), launchChromium()]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.stack?.close();
  });
  return fixture;
}
