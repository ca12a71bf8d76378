/**
 * `npm run listen -- --forward-to URL [--events a,b]`: registers a webhook endpoint for any URL on
 * the running lab's mock Stripe, prints its signing secret and every delivery to it, and removes
 * the endpoint on Ctrl-C — as `stripe listen` does, so Hooklab works with your own apps.
 */
import type { TimelineRecord } from '../server/timeline/record.ts';
import { type ListenArgs, parseListenArgs } from './cli-args.ts';
import { CliError, labUrl, runCli, stripeUrl } from './lab-client.ts';

const USAGE = 'Usage: npm run listen -- --forward-to http://localhost:8080/webhook [--events payment_intent.succeeded,charge.failed]';
const CLI_KEY = 'sk_test_hooklab_listen';

async function stripeCall(base: string, method: string, path: string, params?: URLSearchParams): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${CLI_KEY}`, 'content-type': 'application/x-www-form-urlencoded', 'x-hooklab-from': 'lab' },
    body: params?.toString(),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status >= 400) throw new CliError(`The mock Stripe refused: ${(body.error as { message?: string } | undefined)?.message ?? response.status}`);
  return body;
}

/** One line per delivery attempt, like the Stripe CLI's `<-- [200] POST …` lines. */
function describe(record: TimelineRecord): string {
  let type = '?';
  try {
    type = (JSON.parse(record.request.body) as { type?: string }).type ?? '?';
  } catch {
    // A body cut by the timeline's size cap: the type stays unknown, the line still prints.
  }
  const time = new Date(record.startedAt).toISOString().replace('T', ' ').slice(0, 19);
  const status = record.status ?? 'no answer';
  const extra = [record.attempt > 1 && `attempt ${record.attempt}`, ...(record.labels ?? [])].filter(Boolean).join(', ');
  return `${time}   --> ${type} [${record.eventId}]\n${time}  <--  [${status}] ${record.method} ${record.url} [${record.eventId}]${extra ? ` (${extra})` : ''}${record.error && record.status === null ? `\n      ${record.error}` : ''}`;
}

/** Prints every delivery to `url` as it happens, from the lab's live timeline. */
async function follow(url: string, signal: AbortSignal): Promise<void> {
  const response = await fetch(`${labUrl()}/api/timeline/stream`, { signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const messages = buffer.split('\n\n');
    buffer = messages.pop() ?? '';
    for (const message of messages) {
      if (!message.includes('event: record')) continue;
      const data = message.split('\n').find((line) => line.startsWith('data: '));
      if (!data) continue;
      const record = JSON.parse(data.slice(6)) as TimelineRecord;
      if ((record.kind === 'webhook' || record.kind === 'retry') && record.url === url) console.log(describe(record));
    }
  }
}

async function listen(args: ListenArgs): Promise<void> {
  const base = await stripeUrl();
  const params = new URLSearchParams({ url: args.forwardTo, description: 'npm run listen' });
  for (const event of args.events) params.append('enabled_events[]', event);
  const endpoint = await stripeCall(base, 'POST', '/v1/webhook_endpoints', params);
  console.log(`> Ready! Your webhook signing secret is ${String(endpoint.secret)} (^C to quit)`);
  console.log(`> Forwarding ${args.events.join(', ') === '*' ? 'every event' : args.events.join(', ')} to ${args.forwardTo} (endpoint ${String(endpoint.id)})`);
  const stop = new AbortController();
  const quit = async () => {
    stop.abort();
    await stripeCall(base, 'DELETE', `/v1/webhook_endpoints/${String(endpoint.id)}`).catch(() => undefined);
    console.log('\n> Stopped listening; the endpoint was removed.');
    process.exit(0);
  };
  process.on('SIGINT', () => void quit());
  process.on('SIGTERM', () => void quit());
  await follow(args.forwardTo, stop.signal).catch((err: unknown) => {
    if (!stop.signal.aborted) throw new CliError(`Lost the lab's timeline stream (${(err as Error).message}). Is the lab still running?`);
  });
  if (!stop.signal.aborted) throw new CliError('The lab closed its timeline stream; it probably stopped. Start it again and rerun npm run listen.');
}

runCli(() => listen(parseListenArgs(process.argv.slice(2))), USAGE);
