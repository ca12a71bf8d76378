import type { Request } from 'express';
import { apiKeyOf, keyIdentifier } from './auth.ts';
import { badRequest, DeepgramError, invalidQueryParameter } from './errors.ts';
import type { CallbackTarget, NewJob } from './jobs.ts';
import { MAX_DURATION_SECONDS, SAMPLES, sampleForHash, sampleNamed, sampleWav, sha256, wavDuration } from './samples.ts';

const SAMPLE_PATH = /\/samples\/([\w-]+)\.wav$/;

/** Query options as Deepgram receives them: each a string, or a list when repeated. */
export function optionsOf(req: Request): Record<string, string | string[]> {
  const options: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value === 'string') options[name] = value;
    else if (Array.isArray(value)) options[name] = value.map(String);
  }
  return options;
}

/** The `callback` and `callback_method` options, checked: a URL the mock can call, POST or PUT. */
export function callbackOf(options: Record<string, string | string[]>): CallbackTarget | undefined {
  const method = options.callback_method;
  if (method !== undefined && (typeof method !== 'string' || !/^(post|put)$/i.test(method))) {
    throw invalidQueryParameter(`Invalid callback_method "${String(method)}": use post or put.`);
  }
  const raw = options.callback;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw === '') throw invalidQueryParameter('Invalid callback: give one URL, e.g. callback=http://127.0.0.1:3000/transcripts.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidQueryParameter(`Invalid callback URL "${raw}": it is not an absolute URL. Use e.g. http://127.0.0.1:3000/transcripts (URL-encode it in the query).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidQueryParameter(`Invalid callback URL "${raw}": only http and https URLs can receive callbacks.`);
  }
  // Real Deepgram only calls ports 80, 443, 8080 and 8443; the mock calls any port, since "your app" listens on 3000.
  return { url: raw, method: typeof method === 'string' && /^put$/i.test(method) ? 'PUT' : 'POST' };
}

/** The recording a `{url}` body names: one of the samples by path, any other URL by hash. */
function fromUrl(raw: unknown): Pick<NewJob, 'sample' | 'duration' | 'sha256'> {
  if (typeof raw !== 'string' || raw === '') {
    throw badRequest('the JSON body has no "url". Send {"url": "https://…/audio.wav"}, or the audio bytes with Content-Type: audio/wav.');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest(`"${raw}" is not a valid URL. Give an absolute http(s) URL, e.g. one of the samples listed at GET /samples.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest(`Url is invalid: only http and https URLs can be fetched, got "${url.protocol}".`);
  const named = SAMPLE_PATH.exec(url.pathname)?.[1];
  const sample = named ? sampleNamed(named) : undefined;
  if (!sample) {
    const digest = sha256(raw);
    const mapped = sampleForHash(digest);
    return { sample: mapped, duration: mapped.duration, sha256: digest };
  }
  const asked = url.searchParams.get('duration');
  const duration = asked === null ? sample.duration : Number(asked);
  if (!(Number.isFinite(duration) && duration > 0 && duration <= MAX_DURATION_SECONDS)) {
    throw badRequest(`the sample URL asks for duration=${asked}; give a number of seconds above 0 and at most ${MAX_DURATION_SECONDS}.`);
  }
  return { sample, duration, sha256: sha256(sampleWav(sample, duration)) };
}

/** The recording in raw audio bytes: a served sample if the bytes are one, else a sample by hash. */
function fromBytes(bytes: Buffer): Pick<NewJob, 'sample' | 'duration' | 'sha256'> {
  if (bytes.length === 0) throw badRequest('the body is empty. Send the audio bytes, or JSON {"url": …} with Content-Type: application/json.');
  const digest = sha256(bytes);
  const declared = wavDuration(bytes);
  const served = declared === undefined ? undefined : SAMPLES.find((s) => sha256(sampleWav(s, declared)) === digest);
  const sample = served ?? sampleForHash(digest);
  return { sample, duration: declared ?? sample.duration, sha256: digest };
}

/**
 * Turns a `POST /v1/listen` (or `/v1/jobs`) request into a job: the audio from JSON `{url}` or raw
 * `audio/*` bytes, the query options, the callback, and the caller's key identifier.
 */
export function parseListenRequest(req: Request, runId: string): NewJob {
  const options = optionsOf(req);
  const callback = callbackOf(options);
  let audio: Pick<NewJob, 'sample' | 'duration' | 'sha256'>;
  if (req.is('application/json')) {
    audio = fromUrl((req.body as { url?: unknown } | undefined)?.url);
  } else if (Buffer.isBuffer(req.body)) {
    audio = fromBytes(req.body);
  } else {
    const type = req.get('content-type');
    throw new DeepgramError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Unsupported Content-Type "${type ?? '(none)'}": send JSON {"url": …} with Content-Type: application/json, or audio bytes with Content-Type: audio/* (or application/octet-stream).`,
    );
  }
  return { runId, ...audio, options, keyId: keyIdentifier(apiKeyOf(req)), ...(callback && { callback }) };
}
