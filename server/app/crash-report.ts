/** How "your app" went down. */
export type CrashKind = 'exit' | 'hang' | 'uncaught-exception' | 'unhandled-rejection' | 'out-of-memory' | 'start-failed';

/** What the lab shows in the banner after "your app" went down, and how fast it came back. */
export interface CrashReport {
  kind: CrashKind;
  /** The banner text: what happened and what to do, in a sentence or two. */
  message: string;
  /** The learner's stack trace, when the crash had one. */
  stack?: string;
  /** The request the handler was serving when it went down (the oldest one still open). */
  route?: { method: string; path: string };
  /** When it went down (ms since the epoch). */
  at: number;
  /** Milliseconds from going down to serving again; null until it is back. */
  restartedInMs: number | null;
}

/** A request "your app" started and has not finished. */
export interface OpenRequest {
  method: string;
  path: string;
  startedAt: number;
}

/** What the lab knew when the process went down. */
export interface ExitFacts {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the lab killed it for not answering the health probe. */
  hungForMs?: number;
  /** Set when the process reported its own crash just before exiting. */
  fatal?: { kind: 'uncaught-exception' | 'unhandled-rejection'; message: string; stack: string };
  /** The process's last lines of output. */
  output: string[];
  openRequests: OpenRequest[];
  /** The last request that reached the handler, open or not (an async crash may come after the answer). */
  lastRequest?: OpenRequest;
  maxHeapMb: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Turns what the lab saw into the banner's words: what happened, where, and what to do. */
export function describeExit(facts: ExitFacts): CrashReport {
  const oldest = [...facts.openRequests].sort((a, b) => a.startedAt - b.startedAt)[0];
  const route = oldest && { method: oldest.method, path: oldest.path };
  const where = route ? ` on ${route.method} ${route.path}` : '';
  const recent = oldest ?? (facts.lastRequest && Date.now() - facts.lastRequest.startedAt < 10_000 ? facts.lastRequest : undefined);
  const base = { at: Date.now(), restartedInMs: null, ...(route && { route }) };

  if (facts.hungForMs !== undefined) {
    const message = route
      ? `Your handler never returned${where}: it kept Node busy for ${seconds(facts.hungForMs)} (an infinite loop?). Your app was killed and restarted.`
      : `Your app stopped answering for ${seconds(facts.hungForMs)}: its event loop is blocked, e.g. by an infinite loop. It was killed and restarted.`;
    return { kind: 'hang', message, ...base };
  }
  if (facts.fatal) {
    const what = facts.fatal.kind === 'unhandled-rejection' ? 'a promise was rejected and nothing caught it' : 'an error was thrown outside any request';
    const after = recent && !oldest ? ` after ${recent.method} ${recent.path}` : where;
    return {
      kind: facts.fatal.kind,
      message: `Your app crashed${after}: ${what} (${facts.fatal.message}). Add a try/catch or .catch() where it happens; your app was restarted.`,
      stack: facts.fatal.stack,
      ...base,
      ...(recent && { route: { method: recent.method, path: recent.path } }),
    };
  }
  if (facts.output.some((line) => /heap out of memory|Reached heap limit/i.test(line))) {
    return {
      kind: 'out-of-memory',
      message: `Your app ran out of memory${where} (its limit is ${facts.maxHeapMb} MB): something keeps growing without bound. It was restarted.`,
      ...base,
    };
  }
  const how = facts.signal ? `was killed by ${facts.signal}` : `exited with code ${facts.code}`;
  const hint = route ? ' Did your code call process.exit()? Answer with an error status instead.' : '';
  return { kind: 'exit', message: `Your app ${how}${route ? ` while handling ${route.method} ${route.path}` : ''}.${hint} It was restarted.`, ...base };
}
