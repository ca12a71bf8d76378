/**
 * The push-versus-poll scenario's shapes, shared by the lab, "your app", the bench and the page
 * (types only, so that the page can import them).
 */

/** The article's naive loop (bug included), or a correct loop with interval, backoff and a bound. */
export const POLL_VARIANTS = ['loop', 'naive'] as const;
/** One of POLL_VARIANTS. */
export type PollVariant = (typeof POLL_VARIANTS)[number];

/** What `POST /api/scenarios/push-vs-poll` takes, with defaults filled in. */
export interface PushVsPollParams {
  /** How many jobs; each is run once by each strategy. */
  jobs: number;
  /** How long each job takes at the provider, in seconds: one value, or a [min, max] range. */
  jobSeconds: number | [number, number];
  /** Clock milliseconds between polls (before backoff). */
  pollIntervalMs: number;
  /** Each wait is this many times the previous one (1: a fixed interval). */
  backoff: number;
  /** Polls per job before the loop gives up. */
  maxAttempts: number;
  /** How fast the run may go: clock milliseconds per real millisecond, at most. */
  speed: number;
  variant: PollVariant;
  /** Seeds the job durations drawn from a range, so that a run can be repeated. */
  seed: number;
}

/** Detection latency over the detected jobs, in clock milliseconds. */
export interface LatencyFigures {
  p50: number;
  p95: number;
  max: number;
}

/** One strategy's figures, measured from the run's timeline records. */
export interface StrategyFigures {
  /** Status checks (poll) or callback attempts (push); the submissions, equal for both, are left out. */
  requests: number;
  /** Requests that brought nothing new: polls that found the job unfinished, failed or repeated deliveries. */
  wasted: number;
  /** Jobs whose end your app learned of. */
  detected: number;
  /** Jobs your app never learned had finished (the loop gave up or stopped early). */
  missed: number;
  /** Provider finished → your app knew, in clock milliseconds, over the detected jobs (null when none). */
  detectionLatencyMs: LatencyFigures | null;
  /** Bytes of those requests and their responses, headers and bodies. */
  bytes: number;
  /** The most requests the provider saw in one second of clock time. */
  peakRequestsPerSecond: number;
  /** Requests per second of clock time from the start of the run, for the chart. */
  perSecond: number[];
}

/** One request on a job's lane. */
export interface LaneEvent {
  /** The timeline record's id (open it in the inspector). */
  id: string;
  at: number;
  status: number | null;
  /** True for the one request that told your app the job had finished. */
  news: boolean;
}

/** One job as drawn: submitted, finished at the provider, known by your app. Clock milliseconds. */
export interface JobLane {
  requestId: string;
  submittedAt: number;
  /** When the provider finished it (null if your app never learned). */
  finishedAt: number | null;
  knownAt: number | null;
  events: LaneEvent[];
}

/** What the scenario answers. */
export interface PushVsPollResult {
  runId: string;
  /** The timeline run ids of each strategy's records (`GET /api/timeline?runId=`). */
  runs: { push: string; poll: string };
  params: PushVsPollParams;
  /** Clock time the run started and ended. */
  clock: { startedAt: number; endedAt: number };
  /** Real milliseconds the run took. */
  wallMs: number;
  push: StrategyFigures;
  poll: StrategyFigures;
  /** The first jobs of each strategy, to draw on one time axis. */
  lanes: { push: JobLane[]; poll: JobLane[] };
  /** The figures read out in one or two sentences for the learner. */
  summary: string;
  /** What went wrong in your app during the run (first few), if anything did. */
  errors?: string[];
}
