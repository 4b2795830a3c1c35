import * as assert from 'node:assert/strict';
import type { RecordsResult } from '../../src/api/client';
import { CancelledError, ServerError } from '../../src/api/errors';
import type { ConnectionEvent } from '../../src/api/schemas';
import { QueryState, type QuerySnapshot } from '../../src/core/queryState';

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
