/**
 * `npm run lab` (and the lab half of `npm run dev`): starts every party with the ports from the
 * environment, prints where to go, and stops everything on Ctrl-C.
 */
import { PortTakenError } from './http/listen.ts';
import { findTakenPorts } from './http/port-check.ts';
import { PORTS, portFromEnv } from './lab/ports.ts';
import { startLab } from './lab/start-lab.ts';
import { DEFAULT_WORKSPACE } from './lab/workspace.ts';

const host = process.env.HOOKLAB_HOST ?? '127.0.0.1';
const withWeb = process.argv.includes('--with-web');

const ports = {
  lab: portFromEnv('lab'),
  stripe: portFromEnv('stripe'),
  deepgram: portFromEnv('deepgram'),
  app: portFromEnv('app'),
  web: portFromEnv('web'),
};
const taken = await findTakenPorts(
  (['lab', 'stripe', 'deepgram', 'app'] as const).map((name) => ({ party: name, port: ports[name], envVar: PORTS[name].envVar })),
  host,
);
if (taken.length) {
  console.error(`[lab] Cannot start:\n${taken.map((line) => `[lab]   ${line}`).join('\n')}`);
  process.exit(1);
}

try {
  const lab = await startLab({
    workspaceDir: DEFAULT_WORKSPACE,
    host,
    ports,
    persistTimeline: true,
    log: (party, line) => console.log(`[${party}] ${line}`),
  });
  console.log(`[lab] All parties are up (${lab.urls.lab}/api/health).`);
  if (withWeb) console.log(`\n  ➜  Open http://localhost:${ports.web} to start the course.\n`);

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
