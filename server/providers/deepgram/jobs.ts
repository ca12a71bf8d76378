import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { VirtualClock } from '../../clock/clock.ts';
import { badRequest, type DeepgramErrorBody } from './errors.ts';
import type { Sample } from './samples.ts';
import { buildTranscript, type ListenResult } from './transcript.ts';

/** A job's states, in order (the polling endpoint reports them). */
export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
/** One of JOB_STATUSES. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Where and how the result is sent, when the request named a callback. */
export interface CallbackTarget {
  url: string;
  method: 'POST' | 'PUT';
}

/** One transcription request, from arrival to result. Times are clock milliseconds. */
export interface DeepgramJob {
  requestId: string;
  /** The run (trigger, scenario, check) the request belonged to. */
  runId: string;
  status: JobStatus;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  sample: Sample;
  duration: number;
  sha256: string;
  options: Record<string, string | string[]>;
  /** The `dg-token` value for callbacks: the key's identifier. */
  keyId: string;
  callback?: CallbackTarget;
  result?: ListenResult;
  error?: DeepgramErrorBody;
  /** Resolves once the job is completed or failed. */
  finished: Promise<DeepgramJob>;
}

/** What a request gives a job; the queue adds the id, status and times. */
export type NewJob = Pick<DeepgramJob, 'runId' | 'sample' | 'duration' | 'sha256' | 'options' | 'keyId' | 'callback'>;

/** The mock's settings where Deepgram publishes no number. */
export interface DeepgramSettings {
  /**
   * Seconds of audio transcribed per second of clock time. Our choice, not Deepgram's (which is far
   * faster): at 1, a 30 s recording takes 30 s, long enough to watch push and poll differ.
   */
  processingSpeed: number;
}

/** Jobs kept for the polling endpoint; older ones are forgotten. */
const KEEP_JOBS = 20_000;

/**
 * The mock's transcription queue on the virtual clock: a job is queued, starts processing at once,
 * and completes after its audio duration divided by the processing speed.
 */
export class DeepgramJobs {
  readonly settings: DeepgramSettings;
  readonly #jobs = new Map<string, DeepgramJob>();
  readonly #events = new EventEmitter<{ created: [DeepgramJob]; finished: [DeepgramJob] }>().setMaxListeners(0);

  constructor(
    private readonly clock: VirtualClock,
    settings: Partial<DeepgramSettings> = {},
  ) {
    const processingSpeed = settings.processingSpeed ?? 1;
    if (!(Number.isFinite(processingSpeed) && processingSpeed > 0)) {
      throw new RangeError(`Deepgram's processingSpeed must be a number above 0 (seconds of audio per second of clock time); got ${processingSpeed}.`);
    }
    this.settings = { processingSpeed };
  }

  /** Clock milliseconds a recording of `duration` seconds takes to transcribe. */
  processingMs(duration: number): number {
    return Math.round((duration / this.settings.processingSpeed) * 1000);
  }

  /** Queues a job and schedules its work on the clock. */
  create(input: NewJob): DeepgramJob {
    let finish!: (job: DeepgramJob) => void;
    const job: DeepgramJob = {
      ...input,
      requestId: randomUUID(),
      status: 'queued',
      createdAt: this.clock.now(),
      finished: new Promise((resolve) => (finish = resolve)),
    };
    this.#jobs.set(job.requestId, job);
    if (this.#jobs.size > KEEP_JOBS) this.#jobs.delete(this.#jobs.keys().next().value!);
    this.clock.setTimer(0, () => {
      job.status = 'processing';
      job.startedAt = this.clock.now();
      this.clock.setTimer(this.processingMs(job.duration), () => {
        this.#complete(job);
        finish(job);
        this.#events.emit('finished', job);
      });
    });
    this.#events.emit('created', job);
    return job;
  }

  get(requestId: string): DeepgramJob | undefined {
    return this.#jobs.get(requestId);
  }

  /** The jobs a run created, oldest first. */
  ofRun(runId: string): DeepgramJob[] {
    return [...this.#jobs.values()].filter((job) => job.runId === runId);
  }

  /**
   * Calls `listener` whenever a job is created, or completes or fails (synchronously, inside the
   * clock timer that finished it); returns the function that stops it.
   */
  on(event: 'created' | 'finished', listener: (job: DeepgramJob) => void): () => void {
    this.#events.on(event, listener);
    return () => this.#events.off(event, listener);
  }

  #complete(job: DeepgramJob): void {
    job.finishedAt = this.clock.now();
    if (job.sample.damaged) {
      job.status = 'failed';
      job.error = badRequest('failed to process audio: corrupt or unsupported data. (This is the "damaged" sample: it always fails.)').toBody(job.requestId);
      return;
    }
    job.status = 'completed';
    job.result = buildTranscript({ ...job, createdAt: job.createdAt });
  }
}
