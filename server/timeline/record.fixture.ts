import type { NewTimelineRecord } from './record.ts';

/** For tests: a webhook from Stripe that "your app" answered 200, with the fields a test cares about replaced. */
export function sampleRecord(overrides: Partial<NewTimelineRecord> = {}): NewTimelineRecord {
  return {
    runId: 'run_1',
    kind: 'webhook',
    from: 'stripe',
    to: 'app',
    method: 'POST',
    url: 'http://127.0.0.1:3000/webhooks/stripe',
    status: 200,
    startedAt: 1000,
    endedAt: 1005,
    attempt: 1,
    request: { headers: {}, body: '{}' },
    response: { headers: {}, body: '' },
    ...overrides,
  };
}
