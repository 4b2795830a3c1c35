import { request, Agent } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { parseRecords } from '../../src/api/recordParser';
import { connectionEventSchema, type ConnectionEvent } from '../../src/core/records';
import { groupByConnection } from '../../src/core/grouping';
import { applyView, DEFAULT_VIEW, toRows } from '../../src/core/table';
import { EVENTS_PATH, FakeConsoleApi } from '../fake-api/server';

/**
 * `npm run bench`: how the extension's own work compares with work any
 * client must do anyway, measured in the same run on the same data, as
 * ratios. Absolute times vary from machine to machine; the ratios are what
 * to compare between versions.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(rounds: number, work: () => unknown): Promise<number> {
  const samples: number[] = [];
  await work(); // warm-up
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const connections = Math.ceil(EVENTS / 60);
  const started = performance.now();
  const api = await FakeConsoleApi.start({ seed: 42, connections, days: 3 });
  console.log(
    `fake API: ${api.dataset.events.length} events in ${connections} connections, generated in ${Math.round(performance.now() - started)} ms`,
  );
  const dispatcher = new Agent();
  const limit = Math.min(EVENTS, api.dataset.events.length);
  const url = `${api.url}${EVENTS_PATH}?limit=${limit}`;
  const body = await (await request(url, { dispatcher, headers: { authorization: 'demo' } })).body.text();
  const events = parseRecords(body, connectionEventSchema).records as ConnectionEvent[];
  const rangeEndMs = Date.now();
  const grouped = groupByConnection(events, { rangeEndMs });
  const rows = toRows(grouped);
  console.log(`workload: ${events.length} events, ${(body.length / 1024 / 1024).toFixed(1)} MiB of JSON, ${ROUNDS} rounds, medians\n`);

  const baseline = await time(ROUNDS, () => JSON.parse(body));
  const httpBaseline = await time(ROUNDS, async () =>
    JSON.parse(await (await request(url, { dispatcher, headers: { authorization: 'demo' } })).body.text()),
  );
  // Its own pool: a connection left idle while the loop was busy above may have been closed by the server.
  const clientDispatcher = new Agent();
  const client = new ConsoleApiClient({
    baseUrl: api.url,
    apiKey: 'demo',
    dispatcher: clientDispatcher,
    retry: NO_RETRY,
    maxResponseBytes: 1024 * 1024 * 1024,
  });
  const results: [string, number, number][] = [
    ['validate every record (zod)', await time(ROUNDS, () => parseRecords(body, connectionEventSchema)), baseline],
    ['group by connection, order to the tick', await time(ROUNDS, () => groupByConnection(events, { rangeEndMs })), baseline],
    ['table rows for the panel', await time(ROUNDS, () => toRows(grouped)), baseline],
    ['sort the table by time', await time(ROUNDS, () => applyView(rows, DEFAULT_VIEW, 'local')), baseline],
    ['filter the table by text', await time(ROUNDS, () => applyView(rows, { ...DEFAULT_VIEW, text: 'closed by' }, 'local')), baseline],
    ['the client: request, stream, validate', await time(ROUNDS, () => client.queryEvents({ limit })), httpBaseline],
  ];

  console.log(`baseline A: JSON.parse of the body           ${baseline.toFixed(1)} ms`);
  console.log(`baseline B: undici request + JSON.parse       ${httpBaseline.toFixed(1)} ms\n`);
  console.log('step                                         ms      × its baseline');
  for (const [name, ms, base] of results) {
    console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(7)}   ${(ms / base).toFixed(2)} × ${base === baseline ? 'A' : 'B'}`);
  }
  await Promise.all([dispatcher.close(), clientDispatcher.close()]);
  await api.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
