import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AppProcess } from './app-process.ts';
import type { CrashReport } from './crash-report.ts';

/** A route that keeps the event loop busy for 1.6 s: longer than the probe's usual second. */
const HANDLER = `import express from 'express';

const router = express.Router();
router.post('/busy', (_req, res) => {
  const until = Date.now() + 1600;
  while (Date.now() < until) {}
  res.json({ done: true });
});

export default router;
`;

let dir: string;
let app: AppProcess;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hooklab-app-load-'));
  writeFileSync(join(dir, 'app.ts'), HANDLER);
  app = new AppProcess({ dir, port: 0 });
  url = `http://127.0.0.1:${await app.start()}`;
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('while the lab loads your app on purpose, a busy event loop is not taken for a hang', async () => {
  const crashes: CrashReport[] = [];
  app.on('crash', (crash) => crashes.push(crash));
  const endTolerance = app.tolerateLoad(5_000);
  const response = await fetch(`${url}/busy`, { method: 'POST' });
  endTolerance();
  expect(await response.json()).toEqual({ done: true });
  expect(crashes).toEqual([]);
  expect(app.status).toBe('up');
});

test('once the load is over, the usual one-second probe finds the same stall again', async () => {
  const crashed = new Promise<CrashReport>((resolve) => app.once('crash', resolve));
  void fetch(`${url}/busy`, { method: 'POST' }).catch(() => null);
  expect((await crashed).kind).toBe('hang');
});
