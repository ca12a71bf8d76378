import type { TimelineRecord } from '../../timeline/record.ts';
import type { JobLane, LaneEvent } from './types.ts';

/** Jobs drawn per strategy; the figures still cover every job. */
export const LANE_JOBS = 40;

const requestIdIn = (body: string | undefined) => /"request_id":"([^"]+)"/.exec(body ?? '')?.[1];
const ok = (status: number | null) => status !== null && status >= 200 && status < 300;

/**
 * The first jobs of a strategy as lanes to draw, from the run's timeline records: when your app
 * submitted each job, when the provider finished it, when your app knew, and every request on the
 * way (each with its record id, so that the page can open it in the inspector).
 */
export function buildLanes(records: TimelineRecord[], strategy: 'push' | 'poll'): JobLane[] {
  const lanes = new Map<string, JobLane>();
  for (const r of records) {
    if (r.kind !== 'api' || lanes.size >= LANE_JOBS) continue;
    const id = requestIdIn(r.response?.body);
    if (id) lanes.set(id, { requestId: id, submittedAt: r.startedAt, finishedAt: null, knownAt: null, events: [] });
  }
  for (const r of records) {
    const id = strategy === 'push' ? r.eventId : r.kind === 'poll' ? new URL(r.url).pathname.split('/').pop() : undefined;
    const lane = id ? lanes.get(id) : undefined;
    if (!lane || (r.kind !== 'poll' && r.kind !== 'callback')) continue;
    let news = false;
    if (strategy === 'push') {
      lane.finishedAt ??= r.startedAt;
      news = ok(r.status) && lane.knownAt === null;
    } else {
      const status = /"status":"(\w+)"/.exec(r.response?.body ?? '')?.[1];
      const finished = /"completed_at":"([^"]+)"/.exec(r.response?.body ?? '')?.[1];
      news = (status === 'completed' || status === 'failed') && lane.knownAt === null;
      if (news && finished) lane.finishedAt = Date.parse(finished);
    }
    if (news) lane.knownAt = r.endedAt;
    const event: LaneEvent = { id: r.id, at: r.startedAt, status: r.status, news };
    lane.events.push(event);
  }
  return [...lanes.values()];
}
