import type { Server } from 'node:http';
import Stripe from 'stripe';
import { VirtualClock } from '../../clock/clock.ts';
import { Faults } from '../../delivery/faults.ts';
import { createStripeWebhooks, type StripeWebhooks } from '../../delivery/stripe-webhooks.ts';
import { close, listen, portOf } from '../../http/listen.ts';
import { Timeline } from '../../timeline/timeline.ts';
import { createStripeApp } from './create-stripe-app.ts';
import { StripeStore } from './store.ts';

/** A mock Stripe on a free port with the official SDK pointed at it (tests and benchmarks). */
export interface TestStripe {
  sdk: Stripe;
  url: string;
  port: number;
  clock: VirtualClock;
  timeline: Timeline;
  store: StripeStore;
  faults: Faults;
  webhooks: StripeWebhooks;
  close: () => Promise<void>;
}

/** Starts the mock Stripe (paused clock unless told) with deliveries, faults and a timeline. */
export async function startTestStripe(options: { settleDelayMs?: number; paused?: boolean; key?: string } = {}): Promise<TestStripe> {
  const clock = new VirtualClock({ paused: options.paused ?? true });
  const timeline = new Timeline();
  const store = new StripeStore();
  const faults = new Faults();
  const webhooks = createStripeWebhooks({ clock, timeline, faults });
  const app = createStripeApp({ store, clock, timeline, deliver: webhooks.deliver, resend: webhooks.resend, settleDelayMs: options.settleDelayMs });
  const server: Server = await listen(app, { port: 0, host: '127.0.0.1', party: 'the test Stripe', envVar: 'HOOKLAB_STRIPE_PORT' });
  const port = portOf(server);
  const sdk = new Stripe(options.key ?? 'sk_test_hooklab', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
  return {
    sdk,
    url: `http://127.0.0.1:${port}`,
    port,
    clock,
    timeline,
    store,
    faults,
    webhooks,
    close: async () => {
      webhooks.engine.dispose();
      clock.dispose();
      await close(server);
    },
  };
}
