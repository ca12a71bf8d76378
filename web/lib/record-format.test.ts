import { expect, test } from 'vitest';
import type { TimelineRecord } from '../../server/timeline/record.ts';
import { clockTime, eventTypeOf, formatDuration, pathOf, prettyBody, statusClass, statusDescription } from './record-format.ts';

test('classes a status by its hundred, and a missing response as a failure', () => {
  expect([200, 204, 302, 400, 404, 500, 503, null].map((status) => statusClass(status))).toEqual([
    'success',
    'success',
    'redirect',
    'client-error',
    'client-error',
    'server-error',
    'server-error',
    'no-response',
  ]);
  expect(statusDescription(null)).toBe('no response, failure');
  expect(statusDescription(501)).toBe('501, server error');
});

test('a 2xx the provider counted as failed (the "fail first attempt" fault) reads as lost, not success', () => {
  const error = 'Injected fault "fail first attempt": your answer was treated as lost.';
  expect(statusClass(200, error)).toBe('lost');
  expect(statusClass(200, null)).toBe('success');
  expect(statusClass(500, error)).toBe('server-error');
  expect(statusDescription(200, error)).toBe('200, answer lost on the way back (a failure: the provider retries)');
});

test('prints clock time with milliseconds and durations in a readable unit', () => {
  expect(clockTime(new Date(2026, 11, 4, 9, 5, 7, 42).getTime())).toBe('09:05:07.042');
  expect([12.4, 1500, 42_000, 180_000, 7_200_000].map(formatDuration)).toEqual(['12 ms', '1.50 s', '42.0 s', '3.0 min', '2.0 h']);
});

test('shows the path and query of a URL, and anything else as it is', () => {
  expect(pathOf('http://127.0.0.1:3000/webhooks/stripe?x=1')).toBe('/webhooks/stripe?x=1');
  expect(pathOf('not a url')).toBe('not a url');
});

test('reads the event type from a webhook body, and not from API calls or broken JSON', () => {
  const base = { request: { headers: {}, body: '{"type":"payment_intent.succeeded"}' } } as TimelineRecord;
  expect(eventTypeOf({ ...base, kind: 'webhook' })).toBe('payment_intent.succeeded');
  expect(eventTypeOf({ ...base, kind: 'api' })).toBeNull();
  expect(eventTypeOf({ ...base, kind: 'retry', request: { headers: {}, body: '{oops' } })).toBeNull();
});

test('indents JSON bodies and leaves other text untouched', () => {
  expect(prettyBody('{"a":1}')).toEqual({ text: '{\n  "a": 1\n}', json: true });
  expect(prettyBody('{not json')).toEqual({ text: '{not json', json: false });
  expect(prettyBody('amount=2000&currency=usd')).toEqual({ text: 'amount=2000&currency=usd', json: false });
});
