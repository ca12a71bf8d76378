import { Router } from 'express';
import type { VirtualClock } from '../../clock/clock.ts';
import { contextOf, paramsOf } from './context.ts';
import { invalidRequest, resourceMissing } from './errors.ts';
import type { EventPublisher } from './events.ts';
import { stripeId } from './ids.ts';
import { paginate } from './list.ts';
import { allowOnly, optionalMetadata, optionalString, type Params } from './params.ts';
import type { StripeStore } from './store.ts';
import type { Customer } from './types.ts';

const FIELDS = ['email', 'name', 'phone', 'description'] as const;

/** Reads and checks the editable fields present in `params` (an empty string clears one, as on Stripe). */
function customerFields(params: Params): Partial<Pick<Customer, (typeof FIELDS)[number] | 'metadata'>> {
  allowOnly(params, [...FIELDS, 'metadata']);
  const fields: Partial<Pick<Customer, (typeof FIELDS)[number] | 'metadata'>> = {};
  for (const name of FIELDS) {
    const value = optionalString(params, name);
    if (value !== undefined) fields[name] = value === '' ? null : value;
  }
  if (fields.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email)) {
    throw invalidRequest(`Invalid email address: ${fields.email}`, 'email', 'email_invalid');
  }
  const metadata = optionalMetadata(params);
  if (metadata !== undefined) fields.metadata = metadata;
  return fields;
}

/** `/v1/customers`: create, retrieve, update (with `previous_attributes`), list and delete. */
export function customersRouter(deps: { store: StripeStore; clock: VirtualClock; events: EventPublisher }): Router {
  const { store, clock, events } = deps;
  const router = Router();
  const find = (id: string) => {
    const customer = store.customers.get(id);
    if (!customer) throw resourceMissing('customer', id);
    return customer;
  };

  router.post('/', (req, res) => {
    const fields = customerFields(paramsOf(req));
    const customer: Customer = {
      id: stripeId('cus', 14),
      object: 'customer',
      email: null,
      name: null,
      phone: null,
      description: null,
      balance: 0,
      currency: null,
      created: Math.floor(clock.now() / 1000),
      livemode: false,
      metadata: {},
      ...fields,
    };
    store.customers.set(customer.id, customer);
    events.emit('customer.created', customer, contextOf(req, res));
    res.json(customer);
  });

  router.get('/', (req, res) => {
    const email = typeof req.query.email === 'string' ? req.query.email : undefined;
    const customers = [...store.customers.values()].filter((c) => !email || c.email === email);
    res.json(paginate(req, customers, '/v1/customers', ['email']));
  });

  router.get('/:id', (req, res) => {
    res.json(find(req.params.id));
  });

  router.post('/:id', (req, res) => {
    const customer = find(req.params.id);
    const fields = customerFields(paramsOf(req));
    if (fields.metadata) {
      // Stripe merges metadata keys; an empty value removes a key.
      const merged = { ...customer.metadata, ...fields.metadata };
      for (const [key, value] of Object.entries(fields.metadata)) if (value === '') delete merged[key];
      fields.metadata = merged;
    }
    const previous: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      const old = customer[name as keyof typeof fields];
      if (JSON.stringify(old) !== JSON.stringify(value)) previous[name] = old;
    }
    Object.assign(customer, fields);
    if (Object.keys(previous).length) events.emit('customer.updated', customer, contextOf(req, res), previous);
    res.json(customer);
  });

  router.delete('/:id', (req, res) => {
    const customer = find(req.params.id);
    store.customers.delete(customer.id);
    events.emit('customer.deleted', customer, contextOf(req, res));
    res.json({ id: customer.id, object: 'customer', deleted: true });
  });

  return router;
}
