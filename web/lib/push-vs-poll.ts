import type { TimelineRecord } from '../../server/timeline/record.ts';
import type { JobLane, PushVsPollParams, PushVsPollResult, StrategyFigures } from '../../server/scenarios/push-vs-poll/types.ts';
import { requestJson } from './api.ts';

/** The scenario's shapes, from the server (types only). */
export type { JobLane, PushVsPollParams, PushVsPollResult, StrategyFigures };

/** What the page sends to `POST /api/scenarios/push-vs-poll`; the lab fills in the rest. */
export type ScenarioRequest = Pick<PushVsPollParams, 'jobs' | 'jobSeconds' | 'pollIntervalMs'> & Partial<PushVsPollParams>;

/** A ready-made run for the controls. */
export interface Preset {
  id: string;
  label: string;
  description: string;
  params: ScenarioRequest;
}

/** The controls' presets; the first is the article's example (a 2 s poll of a 30 s job). */
export const PRESETS: readonly Preset[] = [
  {
    id: 'article',
    label: "The article's example",
    description: 'One transcript that takes 28.9 s at the provider, checked every 2 s.',
    params: { jobs: 1, jobSeconds: 28.9, pollIntervalMs: 2000, backoff: 1, speed: 10, variant: 'loop' },
  },
  {
    id: 'busy',
    label: 'A busy hour',
    description: '50 transcripts of 10 to 60 s, checked every 2 s.',
    params: { jobs: 50, jobSeconds: [10, 60], pollIntervalMs: 2000, backoff: 1, speed: 50, variant: 'loop' },
  },
  {
    id: 'backoff',
    label: 'Polling with backoff',
    description: 'The same 50 jobs, waiting 1 s, then 1.5 times longer after each check.',
    params: { jobs: 50, jobSeconds: [10, 60], pollIntervalMs: 1000, backoff: 1.5, speed: 50, variant: 'loop' },
  },
  {
    id: 'naive',
    label: "The article's naive loop",
    description: "Five 30 s jobs and the loop with `!status == 'completed'`, bug included.",
    params: { jobs: 5, jobSeconds: 30, pollIntervalMs: 2000, backoff: 1, speed: 10, variant: 'naive' },
  },
];

/** Runs the scenario in the lab and resolves with its measured figures. */
export function runPushVsPoll(params: ScenarioRequest): Promise<PushVsPollResult> {
  return requestJson<PushVsPollResult>('/api/scenarios/push-vs-poll', { method: 'POST', body: params });
}

/** One timeline record by id (a mark on the lanes). */
export async function timelineRecord(id: string): Promise<TimelineRecord> {
  return (await requestJson<{ record: TimelineRecord }>(`/api/timeline/${encodeURIComponent(id)}`)).record;
}

/** Tick positions (ms from the start) for a time axis of `spanMs`, at a step that reads well. */
export function timeTicks(spanMs: number, target = 6): number[] {
  if (!(spanMs > 0)) return [0];
  const steps = [100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
  const step = steps.find((s) => spanMs / s <= target) ?? steps[steps.length - 1];
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** "2 s", "1.5 s", "2 min": a tick label. */
export function tickLabel(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 60_000) return `${+(ms / 1000).toFixed(2)} s`;
  return `${+(ms / 60_000).toFixed(1)} min`;
}

/** Bytes in the unit that reads best. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The job-duration field as the lab wants it: one number when min equals max. */
export function jobSecondsFrom(min: number, max: number): number | [number, number] {
  return min === max ? min : [Math.min(min, max), Math.max(min, max)];
}
