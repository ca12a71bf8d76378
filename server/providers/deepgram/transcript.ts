import type { Sample } from './samples.ts';

/** One recognised word, as Deepgram lists them. */
export interface TranscriptWord {
  word: string;
  start: number;
  end: number;
  confidence: number;
  punctuated_word?: string;
}

/** Deepgram's pre-recorded response (and callback body): `metadata` and `results`. */
export interface ListenResult {
  metadata: {
    transaction_key: string;
    request_id: string;
    sha256: string;
    created: string;
    duration: number;
    channels: number;
    models: string[];
    model_info: Record<string, { name: string; version: string; arch: string }>;
    tags?: string[];
    extra?: Record<string, string>;
    /** Not in Deepgram's responses: the query options the mock received, echoed so the learner can see them. */
    options: Record<string, string | string[]>;
  };
  results: {
    channels: { alternatives: { transcript: string; confidence: number; words: TranscriptWord[] }[] }[];
  };
}

/** What a transcript is built from: the job's recording, options and ids. */
export interface TranscriptInput {
  requestId: string;
  sample: Sample;
  duration: number;
  sha256: string;
  createdAt: number;
  options: Record<string, string | string[]>;
}

/** A stable, made-up model id per model name (Deepgram reports a UUID per model used). */
function modelId(name: string): string {
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  const hex = (h.toString(16).padStart(8, '0') + '4d0c9b6a1e2f').repeat(3);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const truthy = (value: string | string[] | undefined) => list(value).includes('true');
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The transcript of a sample, deterministically: words spread evenly over the sample's natural
 * length (cut where the audio is trimmed), confidences from the word's position.
 */
export function buildTranscript(input: TranscriptInput): ListenResult {
  const { requestId, sample, duration, sha256, createdAt, options } = input;
  const punctuated = truthy(options.punctuate) || truthy(options.smart_format);
  const tokens = sample.text.split(/\s+/).filter(Boolean);
  const slot = tokens.length ? (sample.duration - 0.5) / tokens.length : 0;
  const words: TranscriptWord[] = [];
  tokens.forEach((token, i) => {
    const start = round(0.25 + i * slot);
    const end = round(start + slot * 0.85);
    if (end > duration) return;
    const word: TranscriptWord = {
      word: token.toLowerCase().replace(/[^\p{L}\p{N}']/gu, ''),
      start,
      end,
      confidence: round(0.86 + ((i * 37) % 13) / 100),
    };
    if (punctuated) word.punctuated_word = token;
    words.push(word);
  });
  const transcript = punctuated ? words.map((w) => w.punctuated_word).join(' ') : words.map((w) => w.word).join(' ');
  const confidence = words.length ? round(words.reduce((sum, w) => sum + w.confidence, 0) / words.length) : 0;
  const model = list(options.model)[0] ?? 'nova-3';
  const id = modelId(model);
  const tags = list(options.tag);
  const extra = Object.fromEntries(list(options.extra).map((pair) => [pair.split(':')[0], pair.split(':').slice(1).join(':')]));
  return {
    metadata: {
      transaction_key: 'deprecated',
      request_id: requestId,
      sha256,
      created: new Date(createdAt).toISOString(),
      duration: round(duration),
      channels: 1,
      models: [id],
      model_info: { [id]: { name: `${model}-general`, version: '2026-01-01.0', arch: model.split('-')[0] } },
      ...(tags.length && { tags }),
      ...(Object.keys(extra).length && { extra }),
      options,
    },
    results: { channels: [{ alternatives: [{ transcript, confidence, words }] }] },
  };
}
