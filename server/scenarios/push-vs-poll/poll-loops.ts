/** A status answer from the polling endpoint. */
export interface JobStatusAnswer {
  request_id: string;
  status: string;
}

/** What a poll loop needs: a way to ask once, and a way to wait (on the lab's clock). */
export interface PollDeps {
  check: () => Promise<JobStatusAnswer>;
  sleep: (ms: number) => Promise<void>;
}

/** How a correct poll loop paces itself. */
export interface PollOptions {
  intervalMs: number;
  /** Each wait is this many times the previous one (1: fixed). */
  backoff: number;
  maxAttempts: number;
}

/**
 * The poll loop done right: wait, ask, stop on a final status (`completed` or `failed`), wait
 * longer each time if backing off, and give up after `maxAttempts` so it can never run forever.
 * Resolves with the final answer, or undefined when it gave up.
 */
export async function pollUntilDone(deps: PollDeps, options: PollOptions): Promise<JobStatusAnswer | undefined> {
  let wait = options.intervalMs;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    await deps.sleep(wait);
    const answer = await deps.check();
    if (answer.status === 'completed' || answer.status === 'failed') return answer;
    wait *= options.backoff;
  }
  return undefined;
}

/**
 * The article's loop, bug included, so that the learner can watch it misbehave: `!response.status`
 * is a boolean, and a boolean never equals 'completed', so the "keep waiting" branch never runs and
 * the loop stops after its first request, believing the job is done.
 */
export async function checkStatusNaive(deps: PollDeps, intervalMs: number): Promise<void> {
  const response = await deps.check();
  // @ts-expect-error The bug, kept on purpose. TypeScript catches it ("no overlap"); plain JavaScript runs it.
  if (!response.status == 'completed') {
    await deps.sleep(intervalMs);
    await checkStatusNaive(deps, intervalMs);
  } else {
    // "Criteria met": from here the app carries on as if the transcript were ready.
  }
}
