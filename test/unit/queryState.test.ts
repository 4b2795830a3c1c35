import * as assert from 'node:assert/strict';
import type { RecordsResult } from '../../src/api/client';
import { CancelledError, ServerError } from '../../src/api/errors';
import type { ConnectionEvent } from '../../src/api/schemas';
import type { EventQuery } from '../../src/core/query';
import { olderPageQuery, QueryState, type QuerySnapshot } from '../../src/core/queryState';
import { parseTimestamp } from '../../src/core/time';

function records(count: number): RecordsResult<ConnectionEvent> {
  const list = Array.from({ length: count }, (_, i) => ({
    eventId: `e${i}`,
    connectionId: `c${i % 2}`,
    eventType: 'heartbeat',
    eventTimestamp: `2026-04-20T19:30:${String(i).padStart(2, '0')}Z`,
  }));
  return { records: list, received: count, invalidCount: 0, invalidSamples: [] };
}

describe('core/queryState', () => {
  it('publishes running, then the outcome, to every observer', async () => {
    const state = new QueryState(() => 1000);
    const seen: QuerySnapshot[] = [];
    state.onDidChange((s) => seen.push(s));
    const result = await state.run({ minutes: 60 }, async () => records(3));
    assert.equal(result.status, 'ok');
    assert.deepEqual(
      seen.map((s) => s.running),
      [true, false],
    );
    const outcome = state.snapshot.outcome!;
    assert.equal(outcome.eventCount, 3);
    assert.equal(outcome.connections.length, 2);
    assert.equal(outcome.limit, 1000);
    assert.equal(outcome.limitReached, false);
  });

  it('says when the limit was reached', async () => {
    const state = new QueryState(() => 1000);
    await state.run({ limit: 3 }, async () => records(3));
    assert.equal(state.snapshot.outcome!.limitReached, true);
  });

  it('keeps the previous outcome and the new query when a query fails', async () => {
    const state = new QueryState(() => 1000);
    await state.run({ minutes: 60 }, async () => records(2));
    const before = state.snapshot.outcome;
    const result = await state.run({ minutes: 5, serviceName: 'coinapi-ws' }, async () => {
      throw new ServerError('The Console API failed (500).', 500);
    });
    assert.equal(result.status, 'failed');
    assert.equal(state.snapshot.outcome, before);
    assert.deepEqual(state.snapshot.query, { minutes: 5, serviceName: 'coinapi-ws' });
    assert.match(state.snapshot.error!.message, /500/);
    // The next success clears the error.
    await state.run({ minutes: 5 }, async () => records(1));
    assert.equal(state.snapshot.error, undefined);
  });

  it('cancels the query in flight when a new one starts, and only the newest one lands', async () => {
    const state = new QueryState(() => 1000);
    let firstSignal: AbortSignal | undefined;
    const slow = state.run({ minutes: 60 }, (_q, signal) => {
      firstSignal = signal;
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new CancelledError())));
    });
    const fast = state.run({ minutes: 5 }, async () => records(1));
    assert.equal((await slow).status, 'cancelled');
    assert.equal((await fast).status, 'ok');
    assert.equal(firstSignal!.aborted, true);
    assert.deepEqual(state.snapshot.query, { minutes: 5 });
    assert.equal(state.snapshot.outcome!.eventCount, 1);
    assert.equal(state.snapshot.running, false);
  });

  it('cancel() keeps the previous outcome and reports no error', async () => {
    const state = new QueryState(() => 1000);
    await state.run({ minutes: 60 }, async () => records(2));
    const before = state.snapshot.outcome;
    const pending = state.run({ minutes: 5 }, (_q, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new CancelledError()))));
    state.cancel();
    assert.equal((await pending).status, 'cancelled');
    assert.equal(state.snapshot.outcome, before);
    assert.equal(state.snapshot.error, undefined);
    assert.equal(state.snapshot.running, false);
  });

  it('a result that arrives after cancellation is discarded', async () => {
    const state = new QueryState(() => 1000);
    const controller = new AbortController();
    const pending = state.run({ minutes: 5 }, async () => {
      controller.abort();
      return records(4);
    }, controller.signal);
    assert.equal((await pending).status, 'cancelled');
    assert.equal(state.snapshot.outcome, undefined);
  });
});

describe('core/queryState: loading older pages', () => {
  const at = (second: number) => `2026-04-20T19:30:${String(second).padStart(2, '0')}.5000001Z`;
  const page = (seconds: number[], received = seconds.length): RecordsResult<ConnectionEvent> => ({
    records: seconds.map((s) => ({ eventId: `e${s}`, connectionId: 'c', eventType: 'heartbeat', eventTimestamp: at(s) })),
    received,
    invalidCount: 0,
    invalidSamples: [],
  });

  it('asks for the same filters ending at the oldest event, resolves minutes into a start, and merges', async () => {
    const state = new QueryState(() => 1000);
    const started = Date.now();
    await state.run({ minutes: 60, serviceName: 'coinapi-ws', limit: 3 }, async () => page([50, 40, 30]));
    const first = state.snapshot.outcome!;
    assert.equal(first.limitReached, true);
    assert.deepEqual(olderPageQuery(first)?.timeEnd, parseTimestamp(at(30)));

    let asked: EventQuery | undefined;
    const result = await state.loadOlder(async (query) => {
      asked = query;
      return page([30, 20, 10]);
    });
    assert.equal(result.status, 'ok');
    assert.equal(asked?.serviceName, 'coinapi-ws');
    assert.equal(asked?.limit, 3);
    assert.equal(asked?.minutes, undefined);
    assert.ok(Math.abs(asked!.timeStart!.ms - (started - 3_600_000)) < 1000);
    assert.deepEqual(asked?.timeEnd, parseTimestamp(at(30)));

    const outcome = state.snapshot.outcome!;
    assert.equal(outcome.eventCount, 5, 'the event at the boundary is not counted twice');
    assert.equal(outcome.pages, 2);
    assert.deepEqual(state.snapshot.query, { minutes: 60, serviceName: 'coinapi-ws', limit: 3 }, 'Refresh still starts over');
    assert.deepEqual(outcome.oldest, parseTimestamp(at(10)));
  });

  it('stops when a page is not full, or when a full page adds nothing new', async () => {
    const state = new QueryState(() => 1000);
    await state.run({ limit: 2 }, async () => page([50, 40]));
    await state.loadOlder(async () => page([40]));
    assert.equal(state.snapshot.outcome!.limitReached, false);
    assert.equal(olderPageQuery(state.snapshot.outcome!), undefined);
    assert.equal((await state.loadOlder(async () => page([1, 2]))).status, 'cancelled', 'nothing to load');

    await state.run({ limit: 2 }, async () => page([50, 40]));
    await state.loadOlder(async () => page([50, 40]));
    assert.equal(state.snapshot.outcome!.limitReached, false, 'more events at one instant than the limit cannot be paged');
  });

  it('keeps the loaded pages when an older page fails', async () => {
    const state = new QueryState(() => 1000);
    await state.run({ limit: 2 }, async () => page([50, 40]));
    const before = state.snapshot.outcome;
    const result = await state.loadOlder(async () => {
      throw new ServerError('The Console API failed (503).', 503);
    });
    assert.equal(result.status, 'failed');
    assert.equal(state.snapshot.outcome, before);
  });
});
