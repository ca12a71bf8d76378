import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { AppState } from '../app/app-state.ts';
import { LESSONS_DIR } from './lessons.ts';
import { startLab, type RunningLab } from './start-lab.ts';

const LESSON = '03-first-consumer';
const SOLUTION = readFileSync(join(LESSONS_DIR, LESSON, 'solution', 'app.ts'), 'utf8');
const workspaceDir = mkdtempSync(join(tmpdir(), 'hooklab-broken-'));
let lab: RunningLab | undefined;
afterAll(async () => {
  await lab?.close();
  rmSync(workspaceDir, { recursive: true, force: true });
});

test('the lab starts around a handler that kills your app at load, and your app comes up once a fix is saved', async () => {
  cpSync(join(LESSONS_DIR, LESSON, 'solution'), join(workspaceDir, LESSON), { recursive: true });
  const broken = `process.exit(4);\n${SOLUTION}`;
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), broken);
  lab = await startLab({ workspaceDir, lessonId: LESSON, ports: { lab: 0, stripe: 0, deepgram: 0, app: 0, web: 5173 } });

  const state = (await (await fetch(`${lab.urls.lab}/api/app`)).json()) as AppState;
  expect(state.status).not.toBe('up');
  expect(state.lastCrash).toMatchObject({ kind: 'start-failed' });
  expect(state.lastCrash?.message).toContain('Your app could not start: Your app exited with code 4');
  expect(lab.app.port).toBeGreaterThan(0);

  const up = new Promise<void>((resolve) => lab!.app.on('status', (status) => status === 'up' && resolve()));
  const file = `${lab.urls.lab}/api/workspace/${LESSON}/app.ts`;
  const { version, content } = (await (await fetch(file)).json()) as { version: string; content: string };
  expect(content).toBe(broken);
  const saved = await fetch(file, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: SOLUTION, version }) });
  expect(saved.status).toBe(200);
  await up;

  const response = await fetch(`${lab.urls.lab}/api/triggers/stripe/payment_intent.succeeded`, { method: 'POST' });
  const { runId } = (await response.json()) as { runId: string };
  const delivery = await lab.timeline.waitFor((r) => r.runId === runId && r.kind === 'webhook' && r.to === 'app');
  expect(delivery.status).toBe(200);
});
