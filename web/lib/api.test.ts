import { afterEach, expect, test, vi } from 'vitest';
import { ApiError, requestJson } from './api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answer(status: number, body: string) {
  vi.stubGlobal('fetch', async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }));
}

test("turns the lab's {error: {message, hint}} into an ApiError carrying both", async () => {
  answer(404, JSON.stringify({ error: { message: 'No lesson "99-x".', hint: 'GET /api/lessons lists the lessons there are.' } }));
  const error = await requestJson('/api/lessons/99-x').catch((err: unknown) => err);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ message: 'No lesson "99-x".', hint: 'GET /api/lessons lists the lessons there are.', status: 404 });
});

test('says the lab is unreachable when the request itself fails', async () => {
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('Failed to fetch');
  });
  await expect(requestJson('/api/health')).rejects.toMatchObject({ status: 0, message: 'Could not reach the lab (Failed to fetch).' });
});

test('explains a body that is not JSON (a proxy pointed at the wrong port)', async () => {
  answer(502, '<html>Bad gateway</html>');
  await expect(requestJson('/api/lessons')).rejects.toMatchObject({ status: 502, hint: expect.stringContaining('HOOKLAB_LAB_PORT') });
});

test('returns the JSON of a 2xx, and of a status the caller allows (a 409 that carries the current file)', async () => {
  answer(200, '{"ok":true}');
  expect(await requestJson('/api/health')).toEqual({ ok: true });
  answer(409, '{"ok":false}');
  expect(await requestJson('/api/workspace/03/app.ts', { method: 'PUT', allowStatus: [409] })).toEqual({ ok: false });
});
