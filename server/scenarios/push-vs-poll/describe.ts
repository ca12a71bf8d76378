import type { PushVsPollParams, StrategyFigures } from './types.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function late(figures: StrategyFigures): string {
  const latency = figures.detectionLatencyMs;
  if (!latency) return 'never noticed a finished job';
  if (latency.max === 0) return figures.detected === 1 ? 'noticed the finished job at once' : 'noticed every finished job at once';
  if (figures.detected === 1) return `noticed the finished job ${seconds(latency.max)} late`;
  return `noticed a finished job ${seconds(latency.p50)} late at the median (${seconds(latency.max)} at worst)`;
}

/** Reads a run's figures out for the learner, in a sentence per strategy. */
export function describeFigures(params: Pick<PushVsPollParams, 'jobs' | 'variant'>, push: StrategyFigures, poll: StrategyFigures): string {
  const jobs = plural(params.jobs, 'job');
  const pollSentence =
    params.variant === 'naive' && poll.detected === 0
      ? `The naive loop made ${plural(poll.requests, 'request')} for ${jobs} and then stopped, sure the work was done: \`!status == 'completed'\` is never true, so it never waited and never saw a transcript (${poll.missed} missed).`
      : `Polling made ${plural(poll.requests, 'request')} for ${jobs}, ${poll.wasted.toLocaleString('en-US')} of them wasted, and ${late(poll)}${poll.missed ? `; it gave up on ${poll.missed}` : ''}.`;
  const pushSentence = `Push made ${plural(push.requests, 'request')}, ${push.wasted ? `${push.wasted} of them wasted (failed deliveries)` : 'none wasted'}, and ${late(push)}${push.missed ? `; ${push.missed} never arrived` : ''}.`;
  return `${pollSentence} ${pushSentence}`;
}
