import { createServer } from 'node:net';

/** Resolves true when nothing listens on host:port (port 0 is always free). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * Checks every party's port before anything starts, so that one message names all the ports
 * that are taken and the variables that move them.
 */
export async function findTakenPorts(
  ports: { party: string; port: number; envVar: string }[],
  host: string,
): Promise<string[]> {
  const taken: string[] = [];
  for (const { party, port, envVar } of ports) {
    if (!(await isPortFree(port, host))) taken.push(`Port ${port} (${party}) is taken: set ${envVar} to a free port, or stop what is using it.`);
  }
  return taken;
}
