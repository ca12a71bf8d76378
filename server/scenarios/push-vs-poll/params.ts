import { HttpError } from '../../lab/http-error.ts';
import { POLL_VARIANTS, type PollVariant, type PushVsPollParams } from './types.ts';

/** Largest run the lab accepts (the bench runs 1,000 jobs). */
export const MAX_JOBS = 5_000;
const MAX_JOB_SECONDS = 3_600;

function number(body: Record<string, unknown>, name: string, fallback: number | undefined, min: number, max: number, integer = false): number {
  const value = body[name] ?? fallback;
  if (value === undefined) throw new HttpError(400, `"${name}" is required.`, `Send e.g. {"jobs": 10, "jobSeconds": 30, "pollIntervalMs": 2000}.`);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new HttpError(400, `"${name}" must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got ${JSON.stringify(value)}.`);
  }
  return value;
}

function jobSeconds(value: unknown): number | [number, number] {
  const fail = () => {
    throw new HttpError(
      400,
      `"jobSeconds" must be a number of seconds, or a [min, max] range, each above 0 and at most ${MAX_JOB_SECONDS}; got ${JSON.stringify(value)}.`,
      'e.g. "jobSeconds": 30, or "jobSeconds": [10, 60].',
    );
  };
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= MAX_JOB_SECONDS;
  if (ok(value)) return value;
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1]) && value[0] <= value[1]) return [value[0], value[1]];
  return fail();
}

/** Checks the body of `POST /api/scenarios/push-vs-poll` and fills in defaults. */
export function parsePushVsPollParams(raw: unknown, defaultSpeed: number): PushVsPollParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new HttpError(400, 'The body must be a JSON object.', 'Send e.g. {"jobs": 10, "jobSeconds": 30, "pollIntervalMs": 2000}.');
  }
  const body = raw as Record<string, unknown>;
  const variant = body.variant ?? 'loop';
  if (!POLL_VARIANTS.includes(variant as PollVariant)) {
    throw new HttpError(400, `"variant" must be one of ${POLL_VARIANTS.join(', ')}; got ${JSON.stringify(variant)}.`, '"naive" runs the article\'s loop, bug included.');
  }
  return {
    jobs: number(body, 'jobs', undefined, 1, MAX_JOBS, true),
    jobSeconds: jobSeconds(body.jobSeconds),
    pollIntervalMs: number(body, 'pollIntervalMs', undefined, 10, 600_000),
    backoff: number(body, 'backoff', 1, 1, 10),
    maxAttempts: number(body, 'maxAttempts', 1_000, 1, 100_000, true),
    speed: number(body, 'speed', defaultSpeed, 0.1, 100_000),
    variant: variant as PollVariant,
    seed: number(body, 'seed', 1, 0, 2 ** 31, true),
  };
}

/** Each job's duration in seconds: the value, or draws from the range by a seeded generator (mulberry32). */
export function jobDurations(params: Pick<PushVsPollParams, 'jobs' | 'jobSeconds' | 'seed'>): number[] {
  const { jobs, jobSeconds: spec, seed } = params;
  if (typeof spec === 'number') return Array(jobs).fill(spec);
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return Array.from({ length: jobs }, () => Math.round((spec[0] + random() * (spec[1] - spec[0])) * 1000) / 1000);
}
