import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ListenResult } from './transcript.ts';
import { startDeepgramHarness } from './test-harness.ts';

let dg: Awaited<ReturnType<typeof startDeepgramHarness>>;
beforeAll(async () => {
  dg = await startDeepgramHarness();
});
afterAll(() => dg.close());

const sampleUrl = (name: string, query = '') => `${dg.url}/samples/${name}.wav${query}`;
const body = (url: string) => JSON.stringify({ url });

test('a request without a token, or with the wrong scheme, gets a Deepgram-shaped 401', async () => {
  const none = await fetch(`${dg.url}/v1/listen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(sampleUrl('voicemail')) });
  expect(none.status).toBe(401);
  expect(await none.json()).toMatchObject({ err_code: 'INVALID_AUTH', err_msg: expect.stringContaining('Authorization: Token'), request_id: expect.any(String) });
  const bearer = await dg.listen('', { headers: { authorization: 'Bearer test_key_123' }, body: body(sampleUrl('voicemail')) });
  expect(bearer.status).toBe(401);
  expect(((await bearer.json()) as { err_msg: string }).err_msg).toContain('"Bearer"');
});

test('without a callback, the answer waits for the job to finish on the clock, then carries the transcript', async () => {
  const created = dg.nextJob();
  const pending = dg.listen('?model=nova-3&punctuate=true&tag=lesson5', { body: body(sampleUrl('voicemail')) });
  const job = await created;
  expect(job.status).toBe('queued');
  dg.clock.advance(8_999);
  expect(job.status).toBe('processing');
  dg.clock.advance(1);
  const response = await pending;
  expect(response.status).toBe(200);
  const result = (await response.json()) as ListenResult;
  expect(result.metadata).toMatchObject({ request_id: job.requestId, duration: 9, channels: 1, tags: ['lesson5'], options: { model: 'nova-3', punctuate: 'true', tag: 'lesson5' } });
  expect(result.metadata.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(Date.parse(result.metadata.created)).toBe(job.createdAt);
  const [alternative] = result.results.channels[0].alternatives;
  expect(alternative.transcript).toMatch(/^Hello, this is the Harbor Street clinic/);
  expect(alternative.words[0]).toMatchObject({ word: 'hello', punctuated_word: 'Hello,', start: expect.any(Number), end: expect.any(Number), confidence: expect.any(Number) });
  expect(response.headers.get('dg-request-id')).toBe(job.requestId);
});

test('the same audio gives the same transcript, by URL or as raw audio bytes', async () => {
  const wav = Buffer.from(await (await fetch(sampleUrl('standup'))).arrayBuffer());
  expect(wav.subarray(0, 4).toString()).toBe('RIFF');
  const first = dg.nextJob();
  const byUrl = dg.listen('', { body: body(sampleUrl('standup')) });
  await first;
  const second = dg.nextJob();
  const byBytes = dg.listen('', { headers: { 'content-type': 'audio/wav' }, body: wav });
  await second;
  dg.clock.advance(18_000);
  const [a, b] = (await Promise.all([(await byUrl).json(), (await byBytes).json()])) as ListenResult[];
  expect(b.results).toEqual(a.results);
  expect(b.metadata.sha256).toBe(a.metadata.sha256);
  const record = dg.timeline.list({ kind: 'api' }).find((r) => r.request.headers['content-type'] === 'audio/wav');
  expect(record?.request.body).toBe(`[${wav.length} bytes of audio/wav]`);
});

test('a sample trimmed with ?duration= keeps only the words that fit, and takes that long to process', async () => {
  const created = dg.nextJob();
  const pending = dg.listen('', { body: body(sampleUrl('podcast-intro', '?duration=4')) });
  const job = await created;
  dg.clock.advance(4_000);
  const result = (await (await pending).json()) as ListenResult;
  const { words } = result.results.channels[0].alternatives[0];
  expect(job.duration).toBe(4);
  expect(result.metadata.duration).toBe(4);
  expect(words.length).toBeGreaterThan(2);
  expect(words.every((w) => w.end <= 4)).toBe(true);
  expect(result.results.channels[0].alternatives[0].transcript).toBe(words.map((w) => w.word).join(' '));
});

test('any other URL is mapped to a sample by hash, always the same one', async () => {
  const ask = async () => {
    const job = dg.nextJob();
    const response = dg.listen('', { body: body('https://example.com/meeting.mp3') });
    const { sample } = await job;
    dg.clock.advance(sample.duration * 1000);
    return ((await (await response).json()) as ListenResult).results.channels[0].alternatives[0].transcript;
  };
  const first = await ask();
  expect(first.length).toBeGreaterThan(20);
  expect(await ask()).toBe(first);
});

test('with a callback, the answer is {request_id} at once and the result is POSTed with dg-token when done', async () => {
  const response = await dg.listen(`?callback=${encodeURIComponent(`${dg.receiverUrl}/transcripts`)}`, { body: body(sampleUrl('support-call')) });
  expect(response.status).toBe(200);
  const { request_id } = (await response.json()) as { request_id: string };
  expect(request_id).toMatch(/^[0-9a-f-]{36}$/);
  dg.clock.advance(12_000);
  const record = await dg.timeline.waitFor((r) => r.kind === 'callback' && r.eventId === request_id);
  expect(record).toMatchObject({ from: 'deepgram', to: 'app', method: 'POST', status: 200, attempt: 1 });
  const delivered = dg.received.at(-1)!;
  expect(delivered.path).toBe('/transcripts');
  expect(delivered.headers['dg-token']).toMatch(/^[0-9a-f-]{36}$/);
  expect((delivered.body as ListenResult).metadata.request_id).toBe(request_id);
  expect((delivered.body as ListenResult).results.channels[0].alternatives[0].words.length).toBeGreaterThan(5);
});

test('callback_method=put sends the result with PUT, and credentials in the URL become basic auth', async () => {
  const callback = `${dg.receiverUrl.replace('//', '//user:secret@')}/put-here`;
  const response = await dg.listen(`?callback_method=put&callback=${encodeURIComponent(callback)}`, { body: body(sampleUrl('voicemail')) });
  const { request_id } = (await response.json()) as { request_id: string };
  dg.clock.advance(9_000);
  const record = await dg.timeline.waitFor((r) => r.kind === 'callback' && r.eventId === request_id);
  expect(record.method).toBe('PUT');
  const delivered = dg.received.at(-1)!;
  expect(delivered.method).toBe('PUT');
  expect(delivered.headers.authorization).toBe(`Basic ${Buffer.from('user:secret').toString('base64')}`);
});

test('a failing callback is retried 30 s of clock time apart, up to 10 retries, each attempt on the timeline', async () => {
  dg.answers.push(...Array(11).fill(500));
  const response = await dg.listen(`?callback=${encodeURIComponent(`${dg.receiverUrl}/down`)}`, { body: body(sampleUrl('voicemail')) });
  const { request_id } = (await response.json()) as { request_id: string };
  dg.clock.advance(9_000);
  for (let attempt = 1; attempt <= 11; attempt++) {
    await dg.attempt(request_id, attempt);
    dg.clock.advance(30_000);
  }
  const attempts = dg.timeline.list({ kind: 'callback' }).filter((r) => r.eventId === request_id);
  expect(attempts.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  expect(attempts.every((r) => r.status === 500 && r.error?.startsWith('HTTP 500'))).toBe(true);
  expect(attempts[1].startedAt - attempts[0].startedAt).toBe(30_000);
  expect(attempts[10].labels).toEqual(['last attempt']);
  expect(dg.callbacks.stats()).toMatchObject({ pending: 0, failed: 1 });
  expect(dg.callbacks.list({ eventId: request_id })[0].reason).toMatch(/^Gave up after 11 attempts \(Deepgram/);
});

test('a callback that fails once is delivered by the retry, and the retry carries the same body', async () => {
  dg.answers.push(503);
  const response = await dg.listen(`?callback=${encodeURIComponent(`${dg.receiverUrl}/flaky`)}`, { body: body(sampleUrl('voicemail')) });
  const { request_id } = (await response.json()) as { request_id: string };
  dg.clock.advance(9_000);
  const first = await dg.attempt(request_id, 1);
  dg.clock.advance(30_000);
  const second = await dg.attempt(request_id, 2);
  expect([first.status, second.status]).toEqual([503, 200]);
  expect(second.request.body).toBe(first.request.body);
});

test('a hundred jobs finishing at once send their callbacks at most 64 at a time, and all arrive', async () => {
  const callback = encodeURIComponent(`${dg.receiverUrl}/burst`);
  const ids = await Promise.all(
    Array.from({ length: 100 }, async () => ((await (await dg.listen(`?callback=${callback}`, { body: body(sampleUrl('voicemail')) })).json()) as { request_id: string }).request_id),
  );
  dg.clock.advance(9_000);
  expect({ inFlight: dg.callbacks.inFlight, sending: dg.callbacks.sending }).toEqual({ inFlight: 100, sending: 64 });
  await Promise.all(ids.map((id) => dg.attempt(id, 1)));
  expect(dg.received.filter((c) => c.path === '/burst')).toHaveLength(100);
  expect(dg.callbacks.inFlight).toBe(0);
});

test('the polling endpoint (not Deepgram\'s) reports queued, processing, then completed with the result', async () => {
  const created = await fetch(`${dg.url}/v1/jobs`, { method: 'POST', headers: { authorization: 'Token test_key_123', 'content-type': 'application/json' }, body: body(sampleUrl('podcast-intro')) });
  expect(created.status).toBe(202);
  expect(created.headers.get('x-hooklab-not-deepgram')).toContain('real Deepgram has none');
  const { request_id, status } = (await created.json()) as { request_id: string; status: string };
  expect(status).toBe('queued');
  const poll = async () => (await (await fetch(`${dg.url}/v1/jobs/${request_id}`, { headers: { authorization: 'Token test_key_123' } })).json()) as Record<string, unknown>;
  dg.clock.advance(10_000);
  expect(await poll()).toMatchObject({ request_id, status: 'processing' });
  dg.clock.advance(20_000);
  const done = await poll();
  expect(done).toMatchObject({ request_id, status: 'completed', result: { metadata: { request_id, duration: 30 } } });
  expect(Date.parse(done.completed_at as string) - Date.parse(done.created as string)).toBe(30_000);
  expect(dg.timeline.list({ kind: 'poll' }).filter((r) => r.url.endsWith(request_id))).toHaveLength(2);
});

test('a damaged recording fails: 400 when waiting, "failed" with the error when polled', async () => {
  const created = dg.nextJob();
  const sync = dg.listen('', { body: body(sampleUrl('damaged')) });
  await created;
  dg.clock.advance(5_000);
  const response = await sync;
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ err_code: 'Bad Request', err_msg: expect.stringContaining('corrupt') });
});

test('bad input gets Deepgram-shaped errors with a fitting status and a way out', async () => {
  const cases: [Promise<Response>, number, string, RegExp][] = [
    [dg.listen('', { headers: { 'content-type': 'text/plain' }, body: 'hello' }), 415, 'UNSUPPORTED_MEDIA_TYPE', /audio\/\*/],
    [dg.listen('', { body: '{"url": ' }), 400, 'Bad Request', /not valid JSON/],
    [dg.listen('', { body: '{}' }), 400, 'Bad Request', /no "url"/],
    [dg.listen('', { body: body('not a url') }), 400, 'Bad Request', /not a valid URL/],
    [dg.listen('', { headers: { 'content-type': 'audio/wav' }, body: '' }), 400, 'Bad Request', /empty/],
    [dg.listen('?callback=nowhere', { body: body(sampleUrl('voicemail')) }), 400, 'INVALID_QUERY_PARAMETER', /absolute URL/],
    [dg.listen('?callback=ftp://x/y', { body: body(sampleUrl('voicemail')) }), 400, 'INVALID_QUERY_PARAMETER', /http and https/],
    [dg.listen(`?callback=${dg.receiverUrl}&callback_method=patch`, { body: body(sampleUrl('voicemail')) }), 400, 'INVALID_QUERY_PARAMETER', /post or put/],
    [fetch(`${dg.url}/v1/jobs/nope`, { headers: { authorization: 'Token test_key_123' } }), 404, 'REQUEST_NOT_FOUND', /not part of Deepgram/],
    [fetch(`${dg.url}/v1/speak`, { headers: { authorization: 'Token test_key_123' } }), 404, 'NOT_FOUND', /POST \/v1\/listen/],
    [fetch(`${dg.url}/samples/nope.wav`), 404, 'NOT_FOUND', /support-call\.wav/],
  ];
  for (const [pending, status, code, message] of cases) {
    const response = await pending;
    const error = (await response.json()) as Record<string, string>;
    expect({ status: response.status, code: error.err_code }).toEqual({ status, code });
    expect(error.err_msg).toMatch(message);
    expect(error.request_id).toMatch(/^[0-9a-f-]{36}$/);
  }
});
