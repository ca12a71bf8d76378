/**
 * `npm run bench -- dev-start`: time from `npm run dev` to every party ready (lab health 200 and
 * the page served), median of 5 runs, against the baseline of a bare `vite` start in the same run.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { median, printTable } from './_stats.ts';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 5;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Starts `command` in its own process group and resolves with the ms until every URL answers 2xx. */
async function timeToReady(command: string[], env: Record<string, string>, urls: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: 'ignore' });
  try {
    const deadline = started + 60_000;
    while (performance.now() < deadline) {
      if ((await Promise.all(urls.map(answers))).every(Boolean)) return performance.now() - started;
      // Polling interval of the readiness probe; this measures a start-up, it does not wait for one.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${command.join(' ')} was not ready within 60 s`);
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const dev: number[] = [];
const vite: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const [web, lab, stripe, deepgram, app] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const env = {
    HOOKLAB_WEB_PORT: String(web),
    HOOKLAB_LAB_PORT: String(lab),
    HOOKLAB_STRIPE_PORT: String(stripe),
    HOOKLAB_DEEPGRAM_PORT: String(deepgram),
    HOOKLAB_APP_PORT: String(app),
    HOOKLAB_WORKSPACE: mkdtempSync(join(tmpdir(), 'hooklab-bench-')),
  };
  dev.push(await timeToReady(['npm', 'run', 'dev'], env, [`http://127.0.0.1:${lab}/api/health`, `http://127.0.0.1:${web}/`]));
  vite.push(await timeToReady(['node', 'node_modules/vite/bin/vite.js'], env, [`http://127.0.0.1:${web}/`]));
}

const result = { runs: RUNS, devMedianMs: Math.round(median(dev)), viteMedianMs: Math.round(median(vite)), ratio: +(median(dev) / median(vite)).toFixed(2) };
printTable([
  { command: 'npm run dev (all parties)', 'median ms': result.devMedianMs, runs: dev.map(Math.round).join(' ') },
  { command: 'vite (baseline)', 'median ms': result.viteMedianMs, runs: vite.map(Math.round).join(' ') },
]);
console.log(`npm run dev is ready in ${result.ratio}× the time of a bare vite start.`);
console.log(JSON.stringify({ bench: 'dev-start', ...result }));
