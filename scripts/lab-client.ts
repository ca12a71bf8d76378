/** How the CLI scripts reach a running lab (`npm run lab` or `npm run dev`). */
import { portFromEnv } from '../server/lab/ports.ts';
import { UsageError } from './cli-args.ts';

/** The running lab's base URL: `HOOKLAB_LAB_URL`, else 127.0.0.1 on `HOOKLAB_LAB_PORT` (4000). */
export function labUrl(): string {
  return process.env.HOOKLAB_LAB_URL ?? `http://127.0.0.1:${portFromEnv('lab')}`;
}

/** A failure the scripts print as is and exit with code 1. */
export class CliError extends Error {}

/** Calls the lab API; an unreachable lab becomes a message that says how to start it. */
export async function labFetch(path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = `${labUrl()}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  } catch {
    throw new CliError(`Could not reach the lab at ${labUrl()}. Start it in another terminal with \`npm run lab\` (or \`npm run dev\`), or set HOOKLAB_LAB_PORT.`);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}

/** The mock Stripe's URL, read from the lab's health report. */
export async function stripeUrl(): Promise<string> {
  const { body } = await labFetch('/api/health');
  const stripe = (body.parties as Record<string, { port?: number }> | undefined)?.stripe;
  if (!stripe?.port) throw new CliError(`The lab at ${labUrl()} did not report a mock Stripe. Is it a Hooklab lab?`);
  return `${new URL(labUrl()).protocol}//127.0.0.1:${stripe.port}`;
}

/** Runs a script's main, printing CliErrors and usage errors without a stack trace. */
export function runCli(main: () => Promise<void>, usage: string): void {
  // Through a promise, so that a usage error thrown before main's first await is caught too.
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      const known = err instanceof CliError || err instanceof UsageError;
      console.error(known ? `${(err as Error).message}\n\n${usage}` : err);
      process.exit(known ? 2 : 1);
    });
}
