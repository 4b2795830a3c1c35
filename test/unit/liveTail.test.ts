import * as assert from 'node:assert/strict';
import { EventRate } from '../../src/core/eventRate';
import { extendConnections, groupByConnection } from '../../src/core/grouping';
import { MAX_TAIL_PAUSE_MS, MAX_TAIL_REQUESTS, tailPageQuery, tailPauseMs } from '../../src/core/liveTail';
import type { EventQuery } from '../../src/core/query';
import { canLoadOlder, QueryState, type QueryExecutor } from '../../src/core/queryState';
import type { ConnectionEvent } from '../../src/core/records';
import { compareInstants, formatInstantUtc, parseTimestamp, type Instant } from '../../src/core/time';
import { q } from '../fixtures/queries';

/** `2026-04-20T19:30:00.0000000Z` plus `n` × 1.2345 ms: seven fractional digits, as the API sends. */
function stamp(n: number): string {
  const ticks = n * 12_345;
  const ms = Date.UTC(2026, 3, 20, 19, 30) + Math.floor(ticks / 10_000);
  return formatInstantUtc({ ms, ticks: ticks % 10_000 }).replace(/\.(\d{3})Z$/, '.$10000Z');
}

function event(n: number, connectionId = `conn_${n % 3}`, eventId = `e${n}`, eventType = 'heartbeat'): ConnectionEvent {
  return { eventId, connectionId, eventType, eventTimestamp: stamp(n) };
}

/** A server over `data`: the query's filters and inclusive range, newest first, at most `limit`; it records every query. */
function server(data: ConnectionEvent[]): { execute: QueryExecutor; seen: EventQuery[] } {
  const seen: EventQuery[] = [];
  const execute: QueryExecutor = async (query) => {
    seen.push(query);
    const inRange = (at: Instant) =>
      (!query.timeStart || compareInstants(at, query.timeStart) >= 0) && (!query.timeEnd || compareInstants(at, query.timeEnd) <= 0);
    const matching = data
      .filter((e) => inRange(parseTimestamp(e.eventTimestamp)!) && (!query.connectionId || e.connectionId === query.connectionId))
      .sort((a, b) => compareInstants(parseTimestamp(b.eventTimestamp)!, parseTimestamp(a.eventTimestamp)!))
      .slice(0, query.limit ?? 1000);
    return { records: matching, received: matching.length, invalidCount: 0, invalidSamples: [] };
  };
  return { execute, seen };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => event(from + i));

describe('core/liveTail', () => {
  it('asks from the newest event received, to the 100 ns tick, with the filters kept and minutes replaced', async () => {
    const data = range(0, 5);
    const { execute, seen } = server(data);
    const state = new QueryState(() => 1000);
    await state.run(q({ timeStart: '2026-04-20T19:00:00Z', serviceName: 'coinapi-ws', limit: 50 }), execute);
    const outcome = state.snapshot.outcome!;
    assert.equal(formatInstantUtc(outcome.newest!), stamp(4));
    assert.match(stamp(4), /\.\d{7}Z$/);
    const request = tailPageQuery(outcome, outcome.newest!);
    assert.equal(formatInstantUtc(request.timeStart!), stamp(4), 'full precision, not rounded to the millisecond');
    assert.equal(request.serviceName, 'coinapi-ws');
    assert.equal(request.limit, 50);
    const byMinutes = new QueryState(() => 1000);
    await byMinutes.run(q({ minutes: 60 }), execute);
    const tailed = tailPageQuery(byMinutes.snapshot.outcome!, byMinutes.snapshot.outcome!.newest!);
    assert.equal(tailed.minutes, undefined);
    assert.equal(seen.length, 2);
  });

  it('adds only events whose eventId is new, hostile IDs included, and never asks for the window again', async () => {
    const data = range(0, 4);
    const { execute, seen } = server(data);
    const state = new QueryState(() => 1000);
    await state.run(q({ minutes: 60 }), execute);
    data.push(
      event(10, 'conn___proto__', '__proto__'),
      event(11, 'constructor', 'constructor'),
      event(12, 'conn_0', 'hasOwnProperty', '<img src=x onerror=alert(1)>'),
    );
    const result = await state.tail(execute);
    assert.equal(result.status, 'ok');
    const outcome = state.snapshot.outcome!;
    // The event at the newest instant comes back (the start is inclusive) and is not counted twice.
    assert.equal(outcome.eventCount, 7);
    assert.deepEqual(outcome.appended?.events.map((t) => t.event.eventId).sort(), ['__proto__', 'constructor', 'hasOwnProperty']);
    assert.equal(seen.length, 2);
    assert.equal(formatInstantUtc(seen[1]!.timeStart!), stamp(3));
    assert.equal(seen[1]!.minutes, undefined);
    // A round with nothing new adds nothing and asks from the newest event again.
    await state.tail(execute);
    assert.equal(state.snapshot.outcome!.eventCount, 7);
    assert.equal(formatInstantUtc(seen[2]!.timeStart!), stamp(12));
    assert.deepEqual(state.snapshot.outcome!.connections.map((c) => c.connectionId).slice(0, 3), [
      'conn_0',
      'constructor',
      'conn___proto__',
    ]);
  });

  it('keeps the pages Load Older added, its oldest event and limit, over ten rounds', async () => {
    const data = range(0, 10);
    const { execute } = server(data);
    const state = new QueryState(() => 1000);
    await state.run(q({ timeStart: '2026-04-20T19:00:00Z', limit: 4 }), execute);
    await state.loadOlder(execute);
    const older = state.snapshot.outcome!;
    assert.equal(older.pages, 2);
    for (let round = 0; round < 10; round++) {
      data.push(event(100 + round));
      const result = await state.tail(execute);
      assert.equal(result.status, 'ok', `round ${round}`);
    }
    const outcome = state.snapshot.outcome!;
    assert.equal(outcome.pages, 2);
    assert.equal(outcome.limit, 4);
    assert.deepEqual(outcome.oldest, older.oldest);
    assert.equal(outcome.limitReached, older.limitReached);
    assert.equal(outcome.eventCount, older.eventCount + 10);
    for (const timed of older.connections.flatMap((c) => c.events)) {
      assert.ok(
        outcome.connections.some((c) => c.events.some((e) => e.event.eventId === timed.event.eventId)),
        timed.event.eventId,
      );
    }
    assert.ok(canLoadOlder(state.snapshot), 'Load Older still continues from the oldest event');
    // And it does: the next older page ends at the oldest event Load Older had reached.
    assert.deepEqual((await state.loadOlder(execute)).status, 'ok');
    assert.equal(state.snapshot.outcome!.pages, 3);
  });

  it('fills a round whose page is full: asks again below that page until a page is not full', async () => {
    const data = range(0, 3);
    const { execute, seen } = server(data);
    const state = new QueryState(() => 1000);
    await state.run(q({ timeStart: '2026-04-20T19:00:00Z', limit: 3 }), execute);
    data.push(...range(3, 11)); // 8 new events; pages of 3 (the newest of them first)
    const result = await state.tail(execute);
    assert.ok(result.status === 'ok');
    assert.equal(result.round.complete, true);
    assert.equal(state.snapshot.outcome!.eventCount, 11, 'none lost between the pages');
    const tail = seen.slice(1);
    assert.ok(tail.every((query) => formatInstantUtc(query.timeStart!) === stamp(2)));
    assert.equal(tail[0]!.timeEnd, undefined);
    // Each later request ends at the oldest event of the page before it (inclusive: it comes again, once).
    assert.deepEqual(
      tail.slice(1).map((query) => formatInstantUtc(query.timeEnd!)),
      [stamp(8), stamp(6), stamp(4), stamp(2)],
    );
  });

  it('stops after MAX_TAIL_REQUESTS full pages and says the round is incomplete', async () => {
    const data = range(0, 1);
    const { execute, seen } = server(data);
    const state = new QueryState(() => 1000);
    await state.run(q({ timeStart: '2026-04-20T19:00:00Z', limit: 2 }), execute);
    data.push(...range(1, 200));
    const result = await state.tail(execute);
    assert.ok(result.status === 'ok');
    assert.equal(result.round.complete, false);
    assert.equal(result.round.requests, MAX_TAIL_REQUESTS);
    assert.equal(seen.length, 1 + MAX_TAIL_REQUESTS);
  });

  it('stays quiet: not running, and a failure leaves the outcome and the error as they were', async () => {
    const { execute } = server(range(0, 3));
    const state = new QueryState(() => 1000);
    await state.run(q({ minutes: 60 }), execute);
    const before = state.snapshot;
    const running: boolean[] = [];
    state.onDidChange((s) => running.push(s.running));
    const result = await state.tail(async () => {
      throw new Error('503');
    });
    assert.equal(result.status, 'failed');
    assert.equal(state.snapshot, before);
    assert.deepEqual(running, []);
  });

  it('is cancelled by a query that starts while a round is in flight, and refused while one runs', async () => {
    const { execute } = server(range(0, 3));
    const state = new QueryState(() => 1000);
    await state.run(q({ minutes: 60 }), execute);
    let release: () => void = () => undefined;
    const round = state.tail(async (query, signal) => {
      await new Promise<void>((resolve) => {
        release = resolve;
        signal.addEventListener('abort', () => resolve());
      });
      return execute(query, signal);
    });
    const rerun = state.run(q({ minutes: 5 }), execute);
    assert.equal((await round).status, 'cancelled');
    release();
    await rerun;
    assert.equal(state.snapshot.outcome!.query.minutes, 5);
    let unblock: () => void = () => undefined;
    const slow = state.run(
      q({ minutes: 6 }),
      (query, signal) => new Promise((resolve) => (unblock = () => resolve(execute(query, signal)))),
    );
    assert.equal((await state.tail(execute)).status, 'busy');
    unblock();
    await slow;
  });

  it('groups added events as grouping everything again would (hostile IDs, duplicates, any order)', () => {
    const ids = ['__proto__', 'constructor', 'toString', 'a'.repeat(5000), 'ünï😀', '=SUM(A1)', '<b>x</b>'];
    for (let seed = 1; seed <= 40; seed++) {
      let x = seed;
      const next = () => (x = (x * 48271) % 2147483647);
      const all = Array.from({ length: 60 }, (_, i) =>
        event(
          next() % 500,
          ids[next() % ids.length]!,
          next() % 4 === 0 ? ids[next() % ids.length]! : `e${i}`,
          ['heartbeat', 'disconnect', 'connect'][next() % 3],
        ),
      );
      const cut = next() % all.length;
      const rangeEndMs = Date.UTC(2026, 3, 20, 19, 31);
      const base = groupByConnection(all.slice(0, cut), { rangeEndMs });
      const { connections } = extendConnections(base, all.slice(cut), { rangeEndMs });
      assert.deepEqual(
        connections.map((c) => [c.connectionId, c.events.map((e) => e.event.eventId), c.state, c.closeCause]),
        groupByConnection(all, { rangeEndMs }).map((c) => [c.connectionId, c.events.map((e) => e.event.eventId), c.state, c.closeCause]),
        `seed ${seed}`,
      );
    }
  });
});

describe('core/eventRate', () => {
  it('is the events added after the oldest round kept, per minute of the time since it', () => {
    const rate = new EventRate(3);
    assert.equal(rate.perMinute(), undefined);
    rate.record(0, 100);
    assert.equal(rate.perMinute(), undefined, 'one round says nothing of a rate');
    rate.record(10_000, 5);
    assert.equal(rate.perMinute(), 30);
    rate.record(20_000, 15);
    assert.equal(rate.perMinute(), 60);
    rate.record(30_000, 0);
    // The first round (0 ms) is gone: 15 + 0 events over 20 s.
    assert.equal(rate.perMinute(), 45);
    rate.reset();
    assert.equal(rate.perMinute(), undefined);
  });
});

describe('how long a failed round pauses the tail', () => {
  it('is the interval, or the server’s Retry-After when longer, never past the ceiling (a timer holds at most 2^31 − 1 ms)', () => {
    assert.equal(tailPauseMs(10, undefined), 10_000);
    assert.equal(tailPauseMs(10, 3), 10_000);
    assert.equal(tailPauseMs(10, 120), 120_000);
    assert.equal(tailPauseMs(10, Number.NaN), 10_000);
    for (const huge of [3_000_000, 86_400 * 365, Number.POSITIVE_INFINITY, Number.MAX_VALUE]) {
      assert.equal(tailPauseMs(10, huge), MAX_TAIL_PAUSE_MS, String(huge));
    }
    assert.ok(MAX_TAIL_PAUSE_MS < 2 ** 31 - 1);
  });
});
