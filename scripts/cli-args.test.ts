import { expect, test } from 'vitest';
import { parseListenArgs, parseTriggerArgs, UsageError } from './cli-args.ts';

test('listen reads --forward-to and a comma-separated --events list', () => {
  expect(parseListenArgs(['--forward-to', 'http://localhost:8080/webhook', '--events', 'payment_intent.succeeded,charge.failed'])).toEqual({
    forwardTo: 'http://localhost:8080/webhook',
    events: ['payment_intent.succeeded', 'charge.failed'],
  });
});

test('listen forwards every event by default and adds http:// to a bare host, as the Stripe CLI does', () => {
  expect(parseListenArgs(['--forward-to=localhost:3000/hooks'])).toEqual({ forwardTo: 'http://localhost:3000/hooks', events: ['*'] });
});

test('listen refuses a missing or non-http target and unknown options', () => {
  expect(() => parseListenArgs([])).toThrow(/Missing --forward-to/);
  expect(() => parseListenArgs(['--forward-to', 'ftp://example.com/x'])).toThrow(UsageError);
  expect(() => parseListenArgs(['--forward-to', 'http://localhost:1/x', '--verbose', 'yes'])).toThrow(/Unknown option --verbose/);
  expect(() => parseListenArgs(['--forward-to'])).toThrow(/needs a value/);
});

test('trigger reads the event and every --override, keeping = inside values', () => {
  expect(parseTriggerArgs(['payment_intent.succeeded', '--override', 'amount=5000', '--override=payment_intent:metadata[note]=a=b'])).toEqual({
    event: 'payment_intent.succeeded',
    overrides: { amount: '5000', 'payment_intent:metadata[note]': 'a=b' },
  });
  expect(parseTriggerArgs([])).toEqual({ event: undefined, overrides: {} });
});

test('trigger refuses an override without a key and two events', () => {
  expect(() => parseTriggerArgs(['customer.created', '--override', '=5'])).toThrow(/key=value/);
  expect(() => parseTriggerArgs(['a', 'b'])).toThrow(/one event/);
});
