import * as assert from 'node:assert/strict';
import type { RecordsResult } from '../../src/core/records';
import { CancelledError, ServerError } from '../../src/api/errors';
import type { ConnectionEvent } from '../../src/core/records';
import type { EventQuery } from '../../src/core/query';
import { q } from '../fixtures/queries';
import { canLoadOlder, isNewQueryRunning, isQueryOf, olderPageQuery, QueryState, type QuerySnapshot } from '../../src/core/queryState';
import { parseTimestamp } from '../../src/core/time';
import { groupByConnection, type Connection } from '../../src/core/grouping';

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
    const result = await state.run(q({ minutes: 60 }), async () => records(3));
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
    await state.run(q({ limit: 3 }), async () => records(3));
    assert.equal(state.snapshot.outcome!.limitReached, true);
  });

  it('keeps the previous outcome and the new query when a query fails', async () => {
    const state = new QueryState(() => 1000);
    await state.run(q({ minutes: 60 }), async () => records(2));
    const before = state.snapshot.outcome;
    const result = await state.run(q({ minutes: 5, serviceName: 'coinapi-ws' }), async () => {
      throw new ServerError('The Console API failed (500).', 500);
    });
    assert.equal(result.status, 'failed');
    assert.equal(state.snapshot.outcome, before);
    assert.deepEqual(state.snapshot.query, { minutes: 5, serviceName: 'coinapi-ws' });
    assert.match(state.snapshot.error!.message, /500/);
    // The next success clears the error.
    await state.run(q({ minutes: 5 }), async () => records(1));
    assert.equal(state.snapshot.error, undefined);
  });

  it('cancels the query in flight when a new one starts, and only the newest one lands', async () => {
    const state = new QueryState(() => 1000);
    let firstSignal: AbortSignal | undefined;
    const slow = state.run(q({ minutes: 60 }), (_q, signal) => {
      firstSignal = signal;
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new CancelledError())));
    });
    const fast = state.run(q({ minutes: 5 }), async () => records(1));
    assert.equal((await slow).status, 'cancelled');
    assert.equal((await fast).status, 'ok');
    assert.equal(firstSignal!.aborted, true);
    assert.deepEqual(state.snapshot.query, { minutes: 5 });
    assert.equal(state.snapshot.outcome!.eventCount, 1);
    assert.equal(state.snapshot.running, false);
  });

  it('cancel() keeps the previous outcome and reports no error', async () => {
    const state = new QueryState(() => 1000);
    await state.run(q({ minutes: 60 }), async () => records(2));
    const before = state.snapshot.outcome;
    const pending = state.run(
      q({ minutes: 5 }),
      (_q, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new CancelledError()))),
    );
    state.cancel();
    assert.equal((await pending).status, 'cancelled');
    assert.equal(state.snapshot.outcome, before);
    assert.equal(state.snapshot.error, undefined);
    assert.equal(state.snapshot.running, false);
  });

  it('a result that arrives after cancellation is discarded', async () => {
    const state = new QueryState(() => 1000);
    const controller = new AbortController();
    const pending = state.run(
      q({ minutes: 5 }),
      async () => {
        controller.abort();
        return records(4);
      },
      controller.signal,
    );
    assert.equal((await pending).status, 'cancelled');
    assert.equal(state.snapshot.outcome, undefined);
  });
});

describe('core/queryState: a refresh or a new query', () => {
  /** Runs `run`, recording whether a new query is running while it executes; the answer is 4 records. */
  const newWhileRunning = async (state: QueryState, run: (execute: () => Promise<RecordsResult<ConnectionEvent>>) => Promise<unknown>) => {
    let seen: boolean | undefined;
    await run(async () => {
      seen = isNewQueryRunning(state.snapshot);
      return records(4);
    });
    return seen;
  };

  it('is a refresh when the very query shown runs again, or Load Older; any other query is new, even with the same filters', async () => {
    const state = new QueryState(() => 1000);
    const first = q({ minutes: 60, limit: 4 });
    assert.equal(await newWhileRunning(state, (execute) => state.run(first, execute)), true, 'the first query');
    assert.equal(isNewQueryRunning(state.snapshot), false, 'nothing runs');
    assert.equal(await newWhileRunning(state, (execute) => state.run(first, execute)), false, 'a refresh');
    assert.equal(await newWhileRunning(state, (execute) => state.loadOlder(execute)), false, 'Load Older');
    assert.equal(isQueryOf(state.snapshot.query, state.snapshot.outcome), true);
    const second = q({ minutes: 60, limit: 4 });
    assert.equal(await newWhileRunning(state, (execute) => state.run(second, execute)), true, 'a new query with the same filters');
    assert.equal(isQueryOf(first, state.snapshot.outcome), false);
  });

  it("after a new query failed, running it again is still new: what is shown is the earlier query's", async () => {
    const state = new QueryState(() => 1000);
    await state.run(q({ minutes: 60 }), async () => records(2));
    await state.run(q({ minutes: 120 }), async () => {
      throw new ServerError('The Console API failed (503).', 503);
    });
    const failed = state.snapshot.query!;
    assert.equal(await newWhileRunning(state, (execute) => state.run(failed, execute)), true);
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
    await state.run(q({ minutes: 60, serviceName: 'coinapi-ws', limit: 3 }), async () => page([50, 40, 30]));
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

  it('groups a Load Older page as grouping every record again would (hostile IDs, repeats, a connection in both pages)', async () => {
    const ids = ['__proto__', 'constructor', 'c0', 'c1', '<b>x</b>'];
    const record = (i: number, connection: string, type = 'heartbeat', eventId = `e${i}`): ConnectionEvent => ({
      eventId,
      connectionId: connection,
      eventType: type,
      eventTimestamp: at(i),
    });
    const first = [50, 49, 48, 47].map((i) => record(i, ids[i % ids.length]!));
    // The boundary event again, an ID of the first page at another connection, a disconnect of a connection already shown.
    const older = [
      record(47, ids[47 % ids.length]!),
      record(30, 'c9', 'heartbeat', 'e49'),
      record(29, ids[49 % ids.length]!, 'disconnect'),
      record(28, 'c1'),
    ];
    const state = new QueryState(() => 1000);
    await state.run(q({ limit: 4 }), async () => ({ records: first, received: 4, invalidCount: 0, invalidSamples: [] }));
    await state.loadOlder(async () => ({ records: older, received: 4, invalidCount: 0, invalidSamples: [] }));
    const outcome = state.snapshot.outcome!;
    const shape = (connections: readonly Connection[]) =>
      connections.map((c) => [c.connectionId, c.events.map((e) => e.event.eventId), c.state, c.closeCause, [...c.countsByType]]);
    assert.deepEqual(shape(outcome.connections), shape(groupByConnection([...first, ...older], { rangeEndMs: outcome.rangeEndMs })));
    assert.equal(outcome.eventCount, 6);
  });

  it('stops when a page is not full, or when a full page adds nothing new', async () => {
    const state = new QueryState(() => 1000);
    await state.run(q({ limit: 2 }), async () => page([50, 40]));
    await state.loadOlder(async () => page([40]));
    assert.equal(state.snapshot.outcome!.limitReached, false);
    assert.equal(olderPageQuery(state.snapshot.outcome!), undefined);
    assert.equal((await state.loadOlder(async () => page([1, 2]))).status, 'cancelled', 'nothing to load');

    await state.run(q({ limit: 2 }), async () => page([50, 40]));
    await state.loadOlder(async () => page([50, 40]));
    assert.equal(state.snapshot.outcome!.limitReached, false, 'more events at one instant than the limit cannot be paged');
  });

  it('refuses Load Older after a newer query failed: the older page would bring the older query back', async () => {
    const state = new QueryState(() => 1000);
    await state.run(q({ limit: 2 }), async () => page([50, 40]));
    assert.equal(canLoadOlder(state.snapshot), true);
    const shown = state.snapshot.outcome;
    await state.run(q({ minutes: 5, serviceName: 'coinapi-ws' }), async () => {
      throw new ServerError('The Console API failed (500).', 500);
    });
    assert.equal(canLoadOlder(state.snapshot), false, 'the results shown are not the current query’s');
    let asked = false;
    const result = await state.loadOlder(async () => {
      asked = true;
      return page([30]);
    });
    assert.equal(result.status, 'stale');
    assert.equal(asked, false, 'nothing was requested');
    assert.deepEqual(state.snapshot.query, { minutes: 5, serviceName: 'coinapi-ws' }, 'what the user asked for last is kept');
    assert.equal(state.snapshot.outcome, shown);
  });

  it('keeps the loaded pages when an older page fails', async () => {
    const state = new QueryState(() => 1000);
    await state.run(q({ limit: 2 }), async () => page([50, 40]));
    const before = state.snapshot.outcome;
    const result = await state.loadOlder(async () => {
      throw new ServerError('The Console API failed (503).', 503);
    });
    assert.equal(result.status, 'failed');
    assert.equal(state.snapshot.outcome, before);
  });
});

describe('core/queryState: the limit each request carries', () => {
  const full = (count: number): RecordsResult<ConnectionEvent> => ({
    records: Array.from({ length: count }, (_, i) => ({
      eventId: `e${i}`,
      connectionId: 'c',
      eventType: 'heartbeat',
      eventTimestamp: `2026-04-20T19:${String(59 - Math.floor(i / 60)).padStart(2, '0')}:${String(59 - (i % 60)).padStart(2, '0')}Z`,
    })),
    received: count,
    invalidCount: 0,
    invalidSamples: [],
  });

  it('sends the default limit with a query that sets none, judges "limit reached" by it, and pages older with the same', async () => {
    let setting = 200;
    const state = new QueryState(() => setting);
    const sent: EventQuery[] = [];
    const execute = async (query: EventQuery) => {
      sent.push(query);
      return full(Math.min(query.limit ?? 1000, 1000));
    };
    await state.run(q({ minutes: 60 }), execute);
    assert.equal(sent[0]!.limit, 200);
    assert.equal(state.snapshot.limit, 200);
    assert.equal(state.snapshot.outcome!.limit, 200);
    assert.equal(state.snapshot.outcome!.limitReached, true);
    // The setting changes between pages: the older page keeps the first page's limit.
    setting = 5000;
    await state.loadOlder(execute);
    assert.equal(sent[1]!.limit, 200);
    // A server that sends fewer than the limit asked for: the limit was not reached.
    await state.run(q({ minutes: 60 }), execute);
    assert.equal(sent[2]!.limit, 5000);
    assert.equal(state.snapshot.outcome!.limitReached, false, '1000 of 5000');
    // A query's own limit wins.
    await state.run(q({ minutes: 60, limit: 7 }), execute);
    assert.equal(sent[3]!.limit, 7);
  });
});

describe('core/queryState: Load Older while a query runs', () => {
  it('is refused: the running query is not cancelled and the current query stays the newer one', async () => {
    const state = new QueryState(() => 2);
    await state.run(q({ minutes: 60 }), async () => records(2));
    assert.equal(state.snapshot.outcome!.limitReached, true);
    let release: () => void = () => undefined;
    let signal: AbortSignal | undefined;
    const newer = state.run(q({ minutes: 5, serviceName: 'coinapi-ws' }), (_q, s) => {
      signal = s;
      return new Promise((resolve) => (release = () => resolve(records(1))));
    });
    let asked = false;
    const older = await state.loadOlder(async () => {
      asked = true;
      return records(2);
    });
    assert.equal(older.status, 'busy');
    assert.equal(asked, false, 'no request');
    assert.equal(signal!.aborted, false, 'the newer query runs on');
    assert.deepEqual(state.snapshot.query, { minutes: 5, serviceName: 'coinapi-ws' });
    release();
    assert.equal((await newer).status, 'ok');
    assert.deepEqual(state.snapshot.outcome!.query, { minutes: 5, serviceName: 'coinapi-ws' });
  });

  it('pages only the outcome it was asked for', async () => {
    const state = new QueryState(() => 2);
    await state.run(q({ minutes: 60 }), async () => records(2));
    const first = state.snapshot.outcome!;
    await state.run(q({ minutes: 5 }), async () => records(2));
    assert.equal((await state.loadOlder(async () => records(2), undefined, first)).status, 'cancelled');
  });
});
