import { Router } from 'express';
import type { VirtualClock } from '../../clock/clock.ts';
import { paramsOf } from './context.ts';
import { invalidRequest, resourceMissing } from './errors.ts';
import { stripeId } from './ids.ts';
import { paginate } from './list.ts';
import { checkEnabledEvents } from './event-types.ts';
import { allowOnly, optionalBoolean, optionalMetadata, optionalString, optionalStringList, requiredString } from './params.ts';
import type { StripeStore } from './store.ts';
import type { WebhookEndpoint } from './types.ts';

/** Only http(s) URLs can receive webhooks; anything else is refused naming the `url` param. */
export function checkEndpointUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`Invalid URL: ${url}. Use an absolute http(s) URL, e.g. http://127.0.0.1:3000/webhooks/stripe.`, 'url', 'url_invalid');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalidRequest(`Invalid URL: ${url}. Webhook URLs must use http or https.`, 'url', 'url_invalid');
  }
  return url;
}

/** Registers an endpoint directly in the store (the lab does this for "your app"). */
export function addWebhookEndpoint(
  store: StripeStore,
  clock: VirtualClock,
  fields: { url: string; enabled_events?: string[]; secret?: string; description?: string | null },
): WebhookEndpoint {
  const endpoint: WebhookEndpoint = {
    id: stripeId('we'),
    object: 'webhook_endpoint',
    url: checkEndpointUrl(fields.url),
    enabled_events: fields.enabled_events ?? ['*'],
    description: fields.description ?? null,
    status: 'enabled',
    secret: fields.secret ?? stripeId('whsec', 32),
    api_version: null,
    created: Math.floor(clock.now() / 1000),
    livemode: false,
    metadata: {},
  };
  store.webhookEndpoints.set(endpoint.id, endpoint);
  return endpoint;
}

/** `/v1/webhook_endpoints`: create, list, retrieve, update, delete; the secret is shown on create only, as Stripe does. */
export function webhookEndpointsRouter(deps: { store: StripeStore; clock: VirtualClock }): Router {
  const { store, clock } = deps;
  const router = Router();
  const withoutSecret = ({ secret: _secret, ...endpoint }: WebhookEndpoint) => endpoint;
  const find = (id: string) => {
    const endpoint = store.webhookEndpoints.get(id);
    if (!endpoint) throw resourceMissing('webhook_endpoint', id);
    return endpoint;
  };

  router.post('/', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, ['url', 'enabled_events', 'description', 'metadata', 'api_version']);
    const url = checkEndpointUrl(requiredString(params, 'url'));
    const enabledEvents = checkEnabledEvents(optionalStringList(params, 'enabled_events') ?? []);
    const description = optionalString(params, 'description') ?? null;
    const metadata = optionalMetadata(params) ?? {};
    const endpoint = addWebhookEndpoint(store, clock, { url, enabled_events: enabledEvents, description });
    endpoint.metadata = metadata;
    res.json(endpoint);
  });

  router.get('/', (req, res) => {
    const list = paginate(req, [...store.webhookEndpoints.values()], '/v1/webhook_endpoints');
    res.json({ ...list, data: list.data.map(withoutSecret) });
  });

  router.get('/:id', (req, res) => {
    res.json(withoutSecret(find(req.params.id)));
  });

  router.post('/:id', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, ['url', 'enabled_events', 'description', 'disabled', 'metadata']);
    const endpoint = find(req.params.id);
    const url = optionalString(params, 'url');
    const enabledEvents = optionalStringList(params, 'enabled_events');
    const changes: Partial<WebhookEndpoint> = {
      ...(url !== undefined && { url: checkEndpointUrl(url) }),
      ...(enabledEvents !== undefined && { enabled_events: checkEnabledEvents(enabledEvents) }),
    };
    const description = optionalString(params, 'description');
    if (description !== undefined) changes.description = description || null;
    const disabled = optionalBoolean(params, 'disabled');
    if (disabled !== undefined) changes.status = disabled ? 'disabled' : 'enabled';
    const metadata = optionalMetadata(params);
    if (metadata !== undefined) changes.metadata = { ...endpoint.metadata, ...metadata };
    Object.assign(endpoint, changes);
    res.json(withoutSecret(endpoint));
  });

  router.delete('/:id', (req, res) => {
    // Retries already scheduled for this endpoint see it disabled and stop, as on Stripe.
    find(req.params.id).status = 'disabled';
    store.webhookEndpoints.delete(req.params.id);
    res.json({ id: req.params.id, object: 'webhook_endpoint', deleted: true });
  });

  return router;
}
