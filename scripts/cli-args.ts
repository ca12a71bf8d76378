/** Argument parsing for `npm run listen` and `npm run trigger`, kept pure so that it can be tested. */

/** A usage mistake: the message says what is wrong and the usage line. */
export class UsageError extends Error {}

export interface ListenArgs {
  forwardTo: string;
  events: string[];
}

export interface TriggerArgs {
  event: string | undefined;
  overrides: Record<string, string>;
}

/** Reads `--name value` and `--name=value` flags; repeated flags keep every value. */
function flags(argv: string[], known: readonly string[]): { values: Map<string, string[]>; positional: string[] } {
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name)) throw new UsageError(`Unknown option --${name}. Known options: ${known.map((k) => `--${k}`).join(', ')}.`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { values, positional };
}

/** `--forward-to URL [--events a,b]`; a URL without a scheme gets http:// as the Stripe CLI does. */
export function parseListenArgs(argv: string[]): ListenArgs {
  const { values, positional } = flags(argv, ['forward-to', 'events']);
  if (positional.length) throw new UsageError(`Unexpected argument "${positional[0]}".`);
  const raw = values.get('forward-to')?.at(-1);
  if (!raw) throw new UsageError('Missing --forward-to: where should events go? e.g. --forward-to http://localhost:8080/webhook');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`--forward-to ${raw} is not a URL. Use e.g. http://localhost:8080/webhook.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--forward-to must be an http(s) URL; got ${raw}.`);
  const events = (values.get('events') ?? ['*'])
    .flatMap((list) => list.split(','))
    .map((e) => e.trim())
    .filter(Boolean);
  return { forwardTo: url.href, events: events.length ? events : ['*'] };
}

/** `<event> [--override key=value]…` (also `resource:key=value`). */
export function parseTriggerArgs(argv: string[]): TriggerArgs {
  const { values, positional } = flags(argv, ['override']);
  if (positional.length > 1) throw new UsageError(`Give one event to trigger; got ${positional.join(', ')}.`);
  const overrides: Record<string, string> = {};
  for (const pair of values.get('override') ?? []) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--override ${pair} should be key=value, e.g. --override amount=5000 or --override payment_intent:amount=5000.`);
    overrides[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { event: positional[0], overrides };
}
