import { invalidRequest } from './errors.ts';

/** The event types the mock can emit (a subset of Stripe's); endpoints may subscribe to these or `*`. */
export const STRIPE_EVENT_TYPES = [
  'charge.failed',
  'charge.succeeded',
  'checkout.session.completed',
  'checkout.session.expired',
  'customer.created',
  'customer.deleted',
  'customer.updated',
  'payment_intent.canceled',
  'payment_intent.created',
  'payment_intent.payment_failed',
  'payment_intent.processing',
  'payment_intent.succeeded',
] as const;

/** Checks a list of `enabled_events`: `*` or known types, naming the bad entry. */
export function checkEnabledEvents(list: string[]): string[] {
  if (!list.length) throw invalidRequest('Missing required param: enabled_events.', 'enabled_events', 'parameter_missing');
  list.forEach((type, index) => {
    if (type !== '*' && !(STRIPE_EVENT_TYPES as readonly string[]).includes(type)) {
      throw invalidRequest(
        `Invalid enabled_events[${index}]: ${type} is not an event type the mock emits. Use * or one of: ${STRIPE_EVENT_TYPES.join(', ')}.`,
        `enabled_events[${index}]`,
        'parameter_invalid_string',
      );
    }
  });
  return list;
}

/** Whether `type` matches a filter such as `payment_intent.succeeded` or `payment_intent.*`. */
export function typeMatches(filter: string, type: string): boolean {
  return filter.endsWith('.*') ? type.startsWith(filter.slice(0, -1)) : filter === '*' || filter === type;
}
