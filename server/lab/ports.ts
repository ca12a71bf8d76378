/** Every party's port and the variable that moves it (DESIGN.md, "The parties"). */
export const PORTS = {
  web: { envVar: 'HOOKLAB_WEB_PORT', default: 5173 },
  lab: { envVar: 'HOOKLAB_LAB_PORT', default: 4000 },
  stripe: { envVar: 'HOOKLAB_STRIPE_PORT', default: 12111 },
  deepgram: { envVar: 'HOOKLAB_DEEPGRAM_PORT', default: 12112 },
  app: { envVar: 'HOOKLAB_APP_PORT', default: 3000 },
} as const;

export type PortName = keyof typeof PORTS;

/** The port a party uses: its environment variable, else the default. */
export function portFromEnv(name: PortName, env: NodeJS.ProcessEnv = process.env): number {
  const { envVar, default: fallback } = PORTS[name];
  const raw = env[envVar];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${envVar}=${raw} is not a port number; use a whole number from 1 to 65535.`);
  }
  return port;
}
