import type { VirtualClock } from '../../clock/clock.ts';
import { stripeId } from './ids.ts';
import type { StripeStore } from './store.ts';
import { STRIPE_API_VERSION, type StripeEvent, type WebhookEndpoint } from './types.ts';

/** What caused an event: the API request (if any) and the run it belongs to. */
export interface EventContext {
  runId: string;
  requestId: string | null;
  idempotencyKey: string | null;
}

/** Called with every event and the endpoints subscribed to it; the delivery engine listens here. */
export type EventSink = (event: StripeEvent, endpoints: WebhookEndpoint[], context: EventContext) => void;

export function endpointWants(endpoint: WebhookEndpoint, type: string): boolean {
  return endpoint.status === 'enabled' && (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type));
}

/** Creates events in Stripe's shape, stores them and hands them to the sink for delivery. */
export class EventPublisher {
  constructor(
    private readonly store: StripeStore,
    private readonly clock: VirtualClock,
    private readonly sink: EventSink,
  ) {}

  emit(type: string, object: unknown, context: EventContext, previousAttributes?: Record<string, unknown>): StripeEvent {
    const endpoints = [...this.store.webhookEndpoints.values()].filter((e) => endpointWants(e, type));
    const event: StripeEvent = {
      id: stripeId('evt'),
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: Math.floor(this.clock.now() / 1000),
      // A snapshot: later changes to the object must not rewrite history.
      data: { object: structuredClone(object), ...(previousAttributes && { previous_attributes: previousAttributes }) },
      livemode: false,
      pending_webhooks: endpoints.length,
      request: { id: context.requestId, idempotency_key: context.idempotencyKey },
      type,
    };
    this.store.events.set(event.id, event);
    this.sink(event, endpoints, context);
    return event;
  }
}
