/**
 * `npm run bench -- reload`: how long from saving the handler to the new code serving, over
 * SAVES saves, with Hooklab's hot swap (a save through the page, and a save from another editor
 * seen by the file watcher), against the baseline of restarting the process on each change, as
 * `tsx watch` and nodemon do (our own app process, and a bare Express server under tsx), all in
 * the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AppProcess } from '../server/app/app-process.ts';
import { writeAtomically } from '../server/lab/workspace-files.ts';
import { percentile, printTable } from './_stats.ts';

const ROOT = join(import.meta.dirname, '..');
const SAVES = Number(process.env.BENCH_SAVES ?? 30);
// Inside the project, so that `express` resolves for the bare server.
const CACHE = join(ROOT, 'node_modules', '.cache', 'hooklab');
mkdirSync(CACHE, { recursive: true });
const dir = mkdtempSync(join(CACHE, 'bench-reload-'));
const file = join(dir, 'app.ts');

const handler = (version: number) => `import express from 'express';

const router = express.Router();
router.get('/version', (_req, res) => {
  res.json({ version: ${version} });
});

export default router;
`;

const BARE_SERVER = `import express from 'express';
import router from './app.ts';

const app = express();
app.use(router);
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

let saved = 0;
/** Saves the next version the way the workspace API does (temp file + rename). */
function save(): number {
  writeAtomically(file, handler(++saved), join(dir, '.tmp'));
  return saved;
}

/** Asks for /version until it answers `version`; resolves with the ms since `since`. */
async function servingAfter(url: string, version: number, since: number): Promise<number> {
  for (;;) {
    try {
      const body = (await (await fetch(`${url}/version`)).json()) as { version: number };
      if (body.version === version) return performance.now() - since;
    } catch {
      // Not listening yet (a restart); ask again.
    }
    // The probe's polling interval: it bounds the resolution of the measurement, not its result.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function measure(run: (version: number, since: number) => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const since = performance.now();
    times.push(await run(save(), since));
  }
  return times;
}

writeFileSync(file, handler(saved));
const app = new AppProcess({ dir, port: 0 });
const appUrl = `http://127.0.0.1:${await app.start()}`;
await servingAfter(appUrl, 0, 0);

const pageSave = await measure((version, since) => {
  app.reload(); // what the lab does after PUT /api/workspace
  return servingAfter(appUrl, version, since);
});
const watcherSave = await measure((version, since) => servingAfter(appUrl, version, since));
const appRestart = await measure(async (version, since) => {
  await app.stop();
  await app.start();
  return servingAfter(appUrl, version, since);
});
await app.stop();

writeFileSync(join(dir, 'server.ts'), BARE_SERVER);
const barePort = await freePort();
let bare: ChildProcess | undefined;
const startBare = () =>
  spawn(process.execPath, ['--import', import.meta.resolve('tsx'), 'server.ts'], { cwd: dir, env: { ...process.env, PORT: String(barePort) }, stdio: 'ignore' });
const bareRestart = await measure(async (version, since) => {
  if (bare) {
    const exited = new Promise((resolve) => bare!.once('exit', resolve));
    bare.kill('SIGTERM');
    await exited;
  }
  bare = startBare();
  return servingAfter(`http://127.0.0.1:${barePort}`, version, since);
});
bare?.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });

const row = (how: string, times: number[]) => ({
  how,
  'p50 ms': Math.round(percentile(times, 50)),
  'p95 ms': Math.round(percentile(times, 95)),
  'max ms': Math.round(Math.max(...times)),
});
const rows = [
  row('hot swap, saved in the page', pageSave),
  row('hot swap, saved in another editor', watcherSave),
  row('restart your app per change (baseline)', appRestart),
  row('restart bare Express under tsx (baseline)', bareRestart),
];
printTable(rows);
const result = {
  saves: SAVES,
  hotPageP50Ms: rows[0]['p50 ms'],
  hotPageP95Ms: rows[0]['p95 ms'],
  hotWatcherP50Ms: rows[1]['p50 ms'],
  hotWatcherP95Ms: rows[1]['p95 ms'],
  restartP50Ms: rows[2]['p50 ms'],
  restartP95Ms: rows[2]['p95 ms'],
  bareRestartP50Ms: rows[3]['p50 ms'],
  bareRestartP95Ms: rows[3]['p95 ms'],
  speedup: +(percentile(appRestart, 50) / percentile(pageSave, 50)).toFixed(1),
  targetP50Ms: 200,
};
console.log(`Hot swap serves a save ${result.speedup}× faster than restarting your app (p50 ${result.hotPageP50Ms} ms vs ${result.restartP50Ms} ms; target ≤ 200 ms).`);
console.log(JSON.stringify({ bench: 'reload', ...result }));
