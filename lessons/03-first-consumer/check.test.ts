import { afterAll, beforeAll, test } from 'vitest';
import { type CheckLab, describeDelivery, startCheckLab } from '../../server/checks/check-lab.ts';

let lab: CheckLab;
beforeAll(async () => {
  lab = await startCheckLab('03-first-consumer');
});
afterAll(() => lab?.close());

test('answers a payment_intent.succeeded delivery with a 2xx status', async () => {
  const delivery = await lab.triggerAndDeliver('payment_intent.succeeded');
  lab.expect('answers-2xx', delivery.status !== null && delivery.status >= 200 && delivery.status < 300, {
    expected: 'a 2xx status for the delivery to POST /webhooks/stripe',
    happened: describeDelivery(delivery),
  });
});

test('acknowledges the event by naming its id', async () => {
  const delivery = await lab.triggerAndDeliver('payment_intent.succeeded');
  const eventId = delivery.eventId ?? '';
  lab.expect('acknowledges-event', (delivery.response?.body ?? '').includes(eventId), {
    expected: `a JSON answer that names the event id ${eventId}`,
    happened: describeDelivery(delivery),
  });
});

test('refuses a body that is not an event with a 400', async () => {
  const response = await lab.request('/webhooks/stripe', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hello: 'not an event' }),
  });
  lab.expect('rejects-non-events', response.status === 400, {
    expected: 'status 400 for {"hello": "not an event"}',
    happened: `status ${response.status}, body ${(await response.text()).slice(0, 200)}`,
  });
});
