import { Agent, request } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { parseRecords } from '../../src/api/recordParser';
import { NO_RETRY } from '../../src/api/retry';
import { groupByConnection } from '../../src/core/grouping';
import { connectionEventSchema } from '../../src/core/records';
import { BodyServer, eventBody } from './eventBodies';
import { median, type BenchContext, type Figure } from './figures';

/**
 * The data pipeline, as ratios to the work any client must do anyway on the
 * same bytes in the same round: request + read + parse + validate + group
 * against a bare undici request and JSON.parse. Rounds alternate the two, so
 * a machine that slows down mid-run slows both.
 */
const RANGE_END_MS = Date.UTC(2026, 3, 20);

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const size of ctx.sizes) {
    const server = await BodyServer.start([eventBody(size)]);
    try {
      figures.push(...(await measure(server, size, ctx)));
    } finally {
      await server.close();
    }
  }
  return figures;
}

async function measure(server: BodyServer, size: number, ctx: BenchContext): Promise<Figure[]> {
  const url = `${server.url}/?limit=${size}`;
  const bare = new Agent();
  const pooled = new Agent();
  const client = new ConsoleApiClient({
    baseUrl: server.url,
    apiKey: 'bench-key-0123456789',
    dispatcher: pooled,
    retry: NO_RETRY,
    maxResponseBytes: 2 ** 30,
    timeoutMs: 600_000,
  });
  const baseline = async () => JSON.parse(await (await request(url, { dispatcher: bare })).body.text()) as unknown;
  const pipeline = async () => groupByConnection((await client.queryEvents({ limit: size })).records, { rangeEndMs: RANGE_END_MS });
  const text = Buffer.concat(server.body(size).chunks).toString('utf8');
  const parse = () => JSON.parse(text) as unknown;
  const validate = () => parseRecords(text, connectionEventSchema);
  try {
    const http = await paired(ctx.rounds, baseline, pipeline);
    const records = await paired(ctx.rounds, parse, validate);
    const events = validate().records;
    const group = await paired(ctx.rounds, parse, () => groupByConnection(events, { rangeEndMs: RANGE_END_MS }));
    return [
      { name: 'bare request + JSON.parse (baseline)', size, value: http.baseMs, unit: 'ms' },
      { name: 'request + parse + validate + group', size, value: http.workMs, unit: 'ms' },
      {
        name: 'pipeline ÷ baseline',
        size,
        value: http.ratio,
        unit: 'ratio',
        budget: size === 100_000 ? { max: 1.3 } : size === 10_000 ? { max: 1.6, quick: 2.2 } : undefined,
      },
      {
        name: 'parse + validate ÷ JSON.parse (in memory)',
        size,
        value: records.ratio,
        unit: 'ratio',
        budget: size >= 10_000 ? { max: 1.6, quick: 2.5 } : undefined,
      },
      {
        name: 'group by connection ÷ JSON.parse',
        size,
        value: group.ratio,
        unit: 'ratio',
        budget: size >= 10_000 ? { max: 0.6, quick: 1 } : undefined,
      },
    ];
  } finally {
    await Promise.all([bare.close(), pooled.close()]);
  }
}

/** Alternating rounds of `base` and `work` after a warm-up of each: their median times and the median of the per-round ratios. */
async function paired(
  rounds: number,
  base: () => unknown,
  work: () => unknown,
): Promise<{ baseMs: number; workMs: number; ratio: number }> {
  await base();
  await work();
  const baseMs: number[] = [];
  const workMs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let started = performance.now();
    await base();
    baseMs.push(performance.now() - started);
    started = performance.now();
    await work();
    workMs.push(performance.now() - started);
    ratios.push(workMs[i]! / baseMs[i]!);
  }
  return { baseMs: median(baseMs), workMs: median(workMs), ratio: median(ratios) };
}
