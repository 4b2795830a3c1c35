import { Agent, request } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { parseRecords } from '../../src/api/recordParser';
import { NO_RETRY } from '../../src/api/retry';
import { groupByConnection } from '../../src/core/grouping';
import { connectionEventSchema } from '../../src/core/records';
import { BodyServer, eventBody } from './eventBodies';
import { median, type BenchContext, type Budget, type Figure } from './figures';

/**
 * The data pipeline, as ratios to the work any client must do anyway on the
 * same bytes in the same round: request + read + parse + validate + group
 * against a bare undici request and JSON.parse. Rounds alternate the two, so
 * a machine that slows down mid-run slows both.
 */
const RANGE_END_MS = Date.UTC(2026, 3, 20);
/**
 * Reading records costs under twice parsing their JSON (before the streaming reader and the quick path:
 * about 8 times); quick runs allow for a loaded machine and still fail a validation made 3 times slower.
 * Budgets hold from 30k events: below that a round takes a few milliseconds and one preemption decides it.
 */
const PER_RECORD: Budget = { max: 3, quick: 4 };
const GROUP: Budget = { max: 1, quick: 1.5 };
const PIPELINE_QUICK = 3;
const BUDGETS_FROM = 30_000;

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
  const validate = () => parseRecords(text, connectionEventSchema());
  // Each record's own text, parsed one by one: a baseline that grows with the records alone, where JSON.parse
  // of the whole body turns several times slower per byte once its result outgrows V8's young generation.
  const pieces = (JSON.parse(text) as unknown[]).map((record) => JSON.stringify(record));
  const parseEach = () => pieces.map((piece) => JSON.parse(piece) as unknown);
  try {
    const http = await paired(ctx, baseline, pipeline);
    const whole = await paired(ctx, parse, validate);
    const perRecord = await paired(ctx, parseEach, validate);
    const events = validate().records;
    const group = await paired(ctx, parseEach, () => groupByConnection(events, { rangeEndMs: RANGE_END_MS }));
    const sized = (budget: Budget): Budget | undefined => (size >= BUDGETS_FROM ? budget : undefined);
    return [
      { name: 'bare request + JSON.parse (baseline)', size, value: http.baseMs, unit: 'ms' },
      { name: 'request + parse + validate + group', size, value: http.workMs, unit: 'ms' },
      {
        name: 'pipeline ÷ baseline',
        size,
        value: http.ratio,
        unit: 'ratio',
        budget: size === 100_000 ? { max: 1.3 } : size === BUDGETS_FROM ? { max: PIPELINE_QUICK, quick: PIPELINE_QUICK } : undefined,
      },
      { name: 'parse + validate ÷ JSON.parse of the body (in memory)', size, value: whole.ratio, unit: 'ratio' },
      { name: 'parse + validate ÷ JSON.parse of each record', size, value: perRecord.ratio, unit: 'ratio', budget: sized(PER_RECORD) },
      { name: 'group by connection ÷ JSON.parse of each record', size, value: group.ratio, unit: 'ratio', budget: sized(GROUP) },
    ];
  } finally {
    await Promise.all([bare.close(), pooled.close()]);
  }
}

/**
 * Alternating rounds of `base` and `work` after a warm-up of each: their median times and the median of the
 * per-round ratios; in a quick run the ratio of the quickest rounds instead, since load on a shared machine
 * only ever adds time, and the quickest round of each side is the nearest to its cost.
 */
async function paired(
  ctx: BenchContext,
  base: () => unknown,
  work: () => unknown,
): Promise<{ baseMs: number; workMs: number; ratio: number }> {
  const rounds = ctx.rounds;
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
  return { baseMs: median(baseMs), workMs: median(workMs), ratio: ctx.quick ? Math.min(...workMs) / Math.min(...baseMs) : median(ratios) };
}
