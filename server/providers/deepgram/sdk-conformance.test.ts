import { DeepgramClient, DeepgramError as SdkError, type ListenV1AcceptedResponse, type ListenV1Response } from '@deepgram/sdk';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ListenResult } from './transcript.ts';
import { startDeepgramHarness } from './test-harness.ts';

let dg: Awaited<ReturnType<typeof startDeepgramHarness>>;
let client: DeepgramClient;
beforeAll(async () => {
  dg = await startDeepgramHarness();
  client = new DeepgramClient({ apiKey: 'sdk_conformance_key', baseUrl: dg.url });
});
afterAll(() => dg.close());

/** Compile-time check: what the mock returns is what the SDK's types promise. */
const asSdkResponse = (result: ListenResult): ListenV1Response => result;

/** Runs `call`, finishing the job it creates on the clock. */
async function finishing<T>(call: () => Promise<T>): Promise<T> {
  const created = dg.nextJob();
  const pending = call();
  const job = await created;
  dg.clock.advance(dg.jobs.processingMs(job.duration));
  return pending;
}

test('transcribeUrl without a callback resolves with a full ListenV1Response', async () => {
  const url = `${dg.url}/samples/support-call.wav`;
  const response = (await finishing(() => client.listen.v1.media.transcribeUrl({ url, model: 'nova-3', smart_format: true }))) as ListenV1Response;
  expect(response.metadata.models).toHaveLength(1);
  expect(response.metadata.model_info[response.metadata.models[0]]).toMatchObject({ name: 'nova-3-general' });
  expect(response.metadata.duration).toBe(12);
  const alternative = response.results.channels[0].alternatives![0];
  expect(alternative.transcript).toMatch(/^Hi, I ordered a desk lamp/);
  expect(alternative.words![0]).toMatchObject({ word: 'hi', start: expect.any(Number), end: expect.any(Number), confidence: expect.any(Number) });
  expect(asSdkResponse(response as ListenResult).metadata.request_id).toMatch(/^[0-9a-f-]{36}$/);
});

test('transcribeUrl with a callback resolves with {request_id}, and the callback brings the same request id', async () => {
  const callback = `${dg.receiverUrl}/sdk-callback`;
  const accepted = (await client.listen.v1.media.transcribeUrl({ url: `${dg.url}/samples/voicemail.wav`, callback, callback_method: 'put' })) as ListenV1AcceptedResponse;
  expect(Object.keys(accepted)).toEqual(['request_id']);
  dg.clock.advance(9_000);
  const record = await dg.timeline.waitFor((r) => r.kind === 'callback' && r.eventId === accepted.request_id);
  expect(record).toMatchObject({ method: 'PUT', status: 200, url: callback });
  const delivered = dg.received.find((c) => c.path === '/sdk-callback')!;
  expect((delivered.body as ListenV1Response).metadata.request_id).toBe(accepted.request_id);
});

test('transcribeFile sends the bytes and gets the transcript of the sample they are', async () => {
  const wav = Buffer.from(await (await fetch(`${dg.url}/samples/standup.wav`)).arrayBuffer());
  const response = (await finishing(() => client.listen.v1.media.transcribeFile(wav, { punctuate: true }))) as ListenV1Response;
  expect(response.results.channels[0].alternatives![0].transcript).toMatch(/^Yesterday I finished the invoice export\./);
  expect((response as ListenResult).metadata.options).toEqual({ punctuate: 'true' });
  const record = dg.timeline.list({ kind: 'api' }).at(-1)!;
  expect(record.request.headers.authorization).toBe('Token sdk_conformance_key');
  expect(record.request.body).toBe(`[${wav.length} bytes of application/octet-stream]`);
});

test('a wrong key surfaces as the SDK\'s DeepgramError with status 401 and Deepgram\'s body', async () => {
  const wrong = new DeepgramClient({ apiKey: 'short', baseUrl: dg.url });
  const error = await wrong.listen.v1.media.transcribeUrl({ url: `${dg.url}/samples/voicemail.wav` }).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(SdkError);
  expect((error as SdkError).statusCode).toBe(401);
  expect((error as SdkError).body).toMatchObject({ err_code: 'INVALID_AUTH' });
});
