/**
 * `npm run bench -- delivery`: 2,000 Stripe events through the delivery engine (signed, recorded
 * on the timeline, retried if needed) to a consumer that answers 200 at once, against a baseline
 * in the same run: a plain HTTP POST loop at the same concurrency, no signing, no recording.
 * Targets (issue 3): at least half the baseline's throughput, p50 under 2 ms, every event accounted for.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { VirtualClock } from '../server/clock/clock.ts';
import { DeliveryEngine, type DeliveryMessage } from '../server/delivery/delivery-engine.ts';
import { STRIPE_RETRY_POLICY } from '../server/delivery/retry-policy.ts';
import { stripeSigner } from '../server/delivery/sign-stripe.ts';
import { Timeline } from '../server/timeline/timeline.ts';
import { percentile, printTable } from './_stats.ts';

const EVENTS = 2_000;
const WARMUP = 300;
/** One connection shows latency without queueing; 32 shows throughput under load. */
const CONCURRENCIES = [1, 32];

/** The consumer runs in its own process, so that its work is not charged to either contestant. */
const CONSUMER = `
  let count = 0;
  require('node:http').createServer((req, res) => {
    if (req.method === 'GET') { res.end(String(count)); return; }
    req.on('data', () => {});
    req.on('end', () => { count++; res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"received":true}'); });
  }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
`;

async function startConsumer(): Promise<{ url: string; count: () => Promise<number>; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', CONSUMER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const base = `http://127.0.0.1:${chunk.toString().trim()}`;
  return {
    url: `${base}/webhook`,
    count: async () => Number(await (await fetch(base)).text()),
    stop: () => child.kill(),
  };
}

function eventBody(n: number): string {
  const id = `evt_bench_${n}`;
  return JSON.stringify(
    {
      id,
      object: 'event',
      api_version: '2026-11-18.endive',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: `pi_bench_${n}`, object: 'payment_intent', amount: 2000, currency: 'usd', status: 'succeeded', metadata: {} } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'payment_intent.succeeded',
    },
    null,
    2,
  );
}

interface Result {
  name: string;
  seconds: number;
  latencies: number[];
  delivered: number;
}

/** The baseline: `concurrency` workers POSTing bodies in a loop, nothing else. */
async function baseline(url: string, count: number, offset: number, concurrency: number): Promise<Result> {
  const latencies: number[] = [];
  const bodies = Array.from({ length: count }, (_, i) => eventBody(offset + i));
  let next = 0;
  let delivered = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const body = bodies[next++];
      const t = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.text();
      latencies.push(performance.now() - t);
      if (response.ok) delivered++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { name: 'baseline: plain POST loop', seconds: (performance.now() - started) / 1000, latencies, delivered };
}

/** The engine: every event enqueued at once, signed, recorded, at most `concurrency` in flight. */
async function engine(url: string, count: number, offset: number, concurrency: number): Promise<Result & { stats: ReturnType<DeliveryEngine['stats']>; records: number }> {
  const clock = new VirtualClock();
  const timeline = new Timeline();
  const delivery = new DeliveryEngine({ clock, timeline, policy: STRIPE_RETRY_POLICY, sign: stripeSigner, from: 'stripe', to: 'app', maxConcurrent: concurrency });
  const latencies: number[] = [];
  delivery.onAttempt(({ realMs }) => latencies.push(realMs));
  const target = { id: 'we_bench', url, secret: 'whsec_bench_secret' };
  const messages: DeliveryMessage[] = Array.from({ length: count }, (_, i) => ({ eventId: `evt_bench_${offset + i}`, runId: 'bench', body: eventBody(offset + i) }));
  const started = performance.now();
  for (const message of messages) delivery.deliver(message, [target]);
  await delivery.idle();
  const seconds = (performance.now() - started) / 1000;
  const stats = delivery.stats();
  delivery.dispose();
  clock.dispose();
  return { name: 'delivery engine (signed, recorded)', seconds, latencies, delivered: stats.delivered, stats, records: timeline.list().length };
}

const consumer = await startConsumer();
try {
  await baseline(consumer.url, WARMUP, 0, 8);
  await engine(consumer.url, WARMUP, WARMUP, 8);
  const rows: Record<string, string | number>[] = [];
  const results: Record<string, unknown>[] = [];
  let allAccounted = true;
  for (const [round, concurrency] of CONCURRENCIES.entries()) {
    const before = await consumer.count();
    const plain = await baseline(consumer.url, EVENTS, 100_000 * (round + 1), concurrency);
    const ours = await engine(consumer.url, EVENTS, 100_000 * (round + 1) + 50_000, concurrency);
    const received = (await consumer.count()) - before;
    const figures = (r: Result) => ({
      deliveriesPerSecond: Math.round(EVENTS / r.seconds),
      p50Ms: +percentile(r.latencies, 50).toFixed(3),
      p99Ms: +percentile(r.latencies, 99).toFixed(3),
    });
    for (const r of [plain, ours]) {
      const f = figures(r);
      rows.push({ run: r.name, concurrency, events: EVENTS, delivered: r.delivered, 'deliveries/s': f.deliveriesPerSecond, 'p50 ms': f.p50Ms.toFixed(2), 'p99 ms': f.p99Ms.toFixed(2) });
    }
    const { emitted, delivered, pending, failed } = ours.stats;
    const accounted = emitted === EVENTS && delivered + pending + failed === emitted && delivered === EVENTS && ours.records === EVENTS && received === 2 * EVENTS;
    allAccounted &&= accounted;
    results.push({
      concurrency,
      engine: figures(ours),
      baseline: figures(plain),
      throughputRatio: +(plain.seconds / ours.seconds).toFixed(3),
      accounting: { emitted, delivered, pending, failed, records: ours.records, consumerReceived: received },
      accountedFor: accounted,
    });
  }
  printTable(rows);
  console.log('');
  for (const r of results as { concurrency: number; throughputRatio: number; engine: { p50Ms: number }; accounting: Record<string, number>; accountedFor: boolean }[]) {
    const a = r.accounting;
    console.log(
      `concurrency ${r.concurrency}: engine/baseline throughput ${r.throughputRatio} (target ≥ 0.5), engine p50 ${r.engine.p50Ms} ms; ` +
        `emitted ${a.emitted} = delivered ${a.delivered} + pending ${a.pending} + failed ${a.failed}, ${a.records} records, consumer got ${a.consumerReceived} → ${r.accountedFor ? 'every event accounted for' : 'MISMATCH'}`,
    );
  }
  console.log(JSON.stringify({ bench: 'delivery', events: EVENTS, runs: results, accountedFor: allAccounted }));
  if (!allAccounted) process.exitCode = 1;
} finally {
  consumer.stop();
}
