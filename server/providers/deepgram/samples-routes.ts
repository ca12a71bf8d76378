import { Router } from 'express';
import { DeepgramError } from './errors.ts';
import { MAX_DURATION_SECONDS, SAMPLES, sampleNamed, sampleWav } from './samples.ts';

/**
 * `GET /samples` lists the sample recordings; `GET /samples/<name>.wav[?duration=s]` serves one.
 * Their URLs can be given to `/v1/listen` as `{url}`; the mock knows them by path, without fetching.
 */
export function samplesRouter(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const base = `${req.protocol}://${req.get('host')}${req.baseUrl}`;
    res.json({
      samples: SAMPLES.map(({ name, title, duration, damaged }) => ({ name, title, duration, url: `${base}/${name}.wav`, ...(damaged && { fails: true }) })),
      note: 'Add ?duration=<seconds> to a sample URL to pad it with silence or trim it; processing time follows the duration.',
    });
  });
  router.get('/:file', (req, res) => {
    const name = /^([\w-]+)\.wav$/.exec(req.params.file)?.[1];
    const sample = name ? sampleNamed(name) : undefined;
    if (!sample) {
      throw new DeepgramError(404, 'NOT_FOUND', `No sample "${req.params.file}". Samples: ${SAMPLES.map((s) => `${s.name}.wav`).join(', ')}.`);
    }
    const duration = req.query.duration === undefined ? sample.duration : Number(req.query.duration);
    if (!(Number.isFinite(duration) && duration > 0 && duration <= Math.min(MAX_DURATION_SECONDS, 3600))) {
      throw new DeepgramError(400, 'Bad Request', 'Bad Request: duration must be a number of seconds above 0 and at most 3600.');
    }
    res.type('audio/wav').send(sampleWav(sample, duration));
  });
  return router;
}
