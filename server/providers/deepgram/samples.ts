import { createHash } from 'node:crypto';

/** A recording in the mock's library: what it says and how long it lasts. */
export interface Sample {
  name: string;
  title: string;
  /** Natural length in seconds (a `?duration=` on the URL pads or trims it). */
  duration: number;
  /** The punctuated transcript; the unpunctuated one is derived from it. */
  text: string;
  /** A recording the mock refuses to decode, so that failed jobs can be shown. */
  damaged?: boolean;
}

/** The sample library. The transcripts are Hooklab's own short scripts. */
export const SAMPLES: readonly Sample[] = [
  {
    name: 'support-call',
    title: 'A customer calls about a late parcel',
    duration: 12,
    text: 'Hi, I ordered a desk lamp last Tuesday and the tracking page still says pending. Could you check whether it has shipped? Thanks.',
  },
  {
    name: 'standup',
    title: 'A two-person stand-up',
    duration: 18,
    text: 'Yesterday I finished the invoice export. Today I will wire the payment webhook to the mailer. No blockers, but the staging database is slow again.',
  },
  {
    name: 'voicemail',
    title: 'A dentist leaves a voicemail',
    duration: 9,
    text: 'Hello, this is the Harbor Street clinic confirming your appointment on Friday at nine. Reply to this message if you need another time.',
  },
  {
    name: 'podcast-intro',
    title: 'The opening of a podcast episode',
    duration: 30,
    text: 'Welcome back to Small Servers, the show about running software on a budget. This week we ask why waiting for an answer is so often slower than being told when it is ready, and what it costs to keep asking.',
  },
  {
    name: 'damaged',
    title: 'A file whose audio cannot be decoded (the job fails)',
    duration: 5,
    text: '',
    damaged: true,
  },
];

/** Longest audio the mock agrees to "hear", in seconds. */
export const MAX_DURATION_SECONDS = 4 * 60 * 60;

/** The sample with this name, if any. */
export function sampleNamed(name: string): Sample | undefined {
  return SAMPLES.find((s) => s.name === name);
}

/** Maps any other input to one of the good samples, by a hash of it: the same input, the same transcript. */
export function sampleForHash(digest: string): Sample {
  const good = SAMPLES.filter((s) => !s.damaged);
  return good[parseInt(digest.slice(0, 8), 16) % good.length];
}

/** Sample rate of the served files: low, so that a 30 s file stays around 30 kB. */
const RATE = 1000;
const wavCache = new Map<string, Buffer>();

/**
 * A mono 8-bit WAV of `seconds` for a sample: a quiet tone whose pitch depends on the sample, so that
 * each file has its own bytes (and sha256). Cached, since the same files are asked for often.
 */
export function sampleWav(sample: Sample, seconds: number): Buffer {
  const key = `${sample.name}:${seconds}`;
  const cached = wavCache.get(key);
  if (cached) return cached;
  const frames = Math.round(seconds * RATE);
  const wav = Buffer.alloc(44 + frames);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + frames, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(RATE, 24);
  wav.writeUInt32LE(RATE, 28); // bytes per second
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(frames, 40);
  const pitch = 50 + SAMPLES.indexOf(sample) * 40;
  for (let i = 0; i < frames; i++) wav[44 + i] = 128 + Math.round(20 * Math.sin((2 * Math.PI * pitch * i) / RATE));
  if (wav.length > 200_000) return wav;
  if (wavCache.size > 2000) wavCache.clear();
  wavCache.set(key, wav);
  return wav;
}

/** The duration a WAV header declares, or undefined when the bytes are not a WAV file. */
export function wavDuration(bytes: Buffer): number | undefined {
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  const byteRate = bytes.readUInt32LE(28);
  if (!byteRate) return undefined;
  return Math.round((Math.max(0, bytes.length - 44) / byteRate) * 1000) / 1000;
}

/** Hex sha256, as Deepgram reports for the audio it processed. */
export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
