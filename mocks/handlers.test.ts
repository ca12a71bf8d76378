import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { SMS_API } from './handlers.ts';
import { server } from './node.ts';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const sendSms = (body: unknown) =>
  fetch(SMS_API, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('the fake SMS API queues a message with the fields it was given', async () => {
  const response = await sendSms({ to: '+15550100', body: 'Thank you!' });
  expect(response.status).toBe(201);
  expect(await response.json()).toMatchObject({ status: 'queued', to: '+15550100', body: 'Thank you!' });
});

test('the fake SMS API names the fields that are missing', async () => {
  const response = await sendSms({ to: '+15550100' });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { message: string } }).error.message).toContain('Missing body');
});

test('a test can make the SMS API fail for one test only', async () => {
  server.use(http.post(SMS_API, () => HttpResponse.json({ error: { message: 'carrier down' } }, { status: 503 })));
  expect((await sendSms({ to: '+1', body: 'x' })).status).toBe(503);
  server.resetHandlers();
  expect((await sendSms({ to: '+1', body: 'x' })).status).toBe(201);
});
