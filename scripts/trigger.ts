/**
 * `npm run trigger -- <event> [--override key=value]…`: fires a Stripe flow on the running lab,
 * like `stripe trigger`. Without an event, or with an unknown one, it lists the valid events.
 */
import { parseTriggerArgs } from './cli-args.ts';
import { CliError, labFetch, runCli } from './lab-client.ts';

const USAGE = 'Usage: npm run trigger -- <event> [--override key=value] [--override resource:key=value]';

async function listTriggers(): Promise<string> {
  const { body } = await labFetch('/api/triggers/stripe');
  const triggers = (body.triggers ?? []) as { event: string; description: string }[];
  const width = Math.max(...triggers.map((t) => t.event.length));
  return `Events you can trigger:\n${triggers.map((t) => `  ${t.event.padEnd(width)}  ${t.description}`).join('\n')}`;
}

runCli(async () => {
  const { event, overrides } = parseTriggerArgs(process.argv.slice(2));
  if (!event) throw new CliError(`Which event? ${await listTriggers()}`);
  console.log(`Setting up fixture for: ${event}`);
  const { status, body } = await labFetch(`/api/triggers/stripe/${encodeURIComponent(event)}`, {
    method: 'POST',
    body: JSON.stringify({ overrides }),
  });
  if (status === 404) throw new CliError(`Unknown event "${event}". ${await listTriggers()}`);
  if (status !== 202) {
    const error = (body.error ?? {}) as { message?: string; hint?: string };
    throw new CliError(`Trigger failed: ${error.message ?? `HTTP ${status}`}${error.hint ? `\n${error.hint}` : ''}`);
  }
  const responses = (body.responses ?? []) as { id?: string; object?: string; error?: { message: string } }[];
  for (const response of responses) {
    console.log(`Running fixture: ${response.error ? `declined as planned (${response.error.message})` : `${response.object} ${response.id}`}`);
  }
  console.log(`Trigger succeeded! Run ${String(body.runId)}: watch its deliveries in the lab's timeline.`);
}, USAGE);
