/**
 * `npm run lab` (and the lab half of `npm run dev`): starts every party with the ports from the
 * environment, prints where to go, and stops everything on Ctrl-C.
 */
import { PortTakenError } from './http/listen.ts';
import { portFromEnv } from './lab/ports.ts';
import { startLab } from './lab/start-lab.ts';
import { DEFAULT_WORKSPACE } from './lab/workspace.ts';

const host = process.env.HOOKLAB_HOST ?? '127.0.0.1';

try {
  const lab = await startLab({
    workspaceDir: DEFAULT_WORKSPACE,
    host,
    ports: { lab: portFromEnv('lab'), stripe: portFromEnv('stripe'), app: portFromEnv('app'), web: portFromEnv('web') },
    persistTimeline: true,
    log: (party, line) => console.log(`[${party}] ${line}`),
  });
  console.log(`[lab] All parties are up (GET ${lab.urls.lab}/api/health).`);
  if (process.env.HOOKLAB_WITH_WEB) console.log(`\n  ➜  Open http://localhost:${portFromEnv('web')} to start the course.\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[lab] ${signal}: stopping every party…`);
    await lab.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  console.error(err instanceof PortTakenError ? `[lab] ${err.message}` : err);
  process.exit(1);
}
