import * as assert from 'node:assert/strict';
import type { RecordsResult } from '../../src/core/records';
import type { ConnectionEvent } from '../../src/core/records';
import {
  apiKeyQueryInput,
  connectionQueryInput,
  loadConnection,
  MAX_CONNECTION_PAGES,
  widerLookback,
} from '../../src/core/connectionQuery';
import { validateQuery, type EventQuery } from '../../src/core/query';
import { QueryState } from '../../src/core/queryState';
import { formatInstantUtc } from '../../src/core/time';
import { q } from '../fixtures/queries';

/** A connection with `count` events one second apart, the first a connect, served newest first in pages ending at `timeEnd`. */
function server(count: number, connectionId = 'c1') {
  const start = Date.parse('2026-04-20T10:00:00Z');
  const events: ConnectionEvent[] = Array.from({ length: count }, (_, i) => ({
    eventId: `e${String(i).padStart(6, '0')}`,
    connectionId,
    eventType: i === 0 ? 'connect' : i === count - 1 ? 'disconnect' : 'heartbeat',
    eventTimestamp: new Date(start + i * 1000).toISOString(),
  })).reverse();
  const asked: EventQuery[] = [];
  const execute = async (query: EventQuery): Promise<RecordsResult<ConnectionEvent>> => {
    asked.push(query);
    const end = query.timeEnd ? Date.parse(formatInstantUtc(query.timeEnd)) : Infinity;
    const page = events.filter((e) => Date.parse(e.eventTimestamp) <= end).slice(0, query.limit);
    return { records: page, received: page.length, invalidCount: 0, invalidSamples: [] };
  };
  return { execute, asked };
}

describe('core/connectionQuery', () => {
  it('asks for the connection ID alone over the lookback window, and it validates', () => {
    const now = Date.parse('2026-04-20T12:00:00Z');
    const input = connectionQueryInput('conn_1', 7, now);
    assert.deepEqual(input, { connectionId: 'conn_1', timeStart: '2026-04-13T12:00:00.000Z' });
    assert.ok(validateQuery(input, 'local').ok);
    assert.equal(
      validateQuery(connectionQueryInput('x'.repeat(300), 7, now), 'local').ok,
      false,
      'an ID the API cannot take is refused like any other',
    );
  });

  it('follows the pages back until the connect event, and stops there', async () => {
    const { execute, asked } = server(25);
    const state = new QueryState(() => 10);
    const load = await loadConnection(state, q({ connectionId: 'c1' }), 'c1', execute);
    assert.equal(load.result.status, 'ok');
    assert.equal(load.capped, false);
    const outcome = state.snapshot.outcome!;
    assert.deepEqual(
      [outcome.connections[0]!.first.event.eventType, outcome.connections[0]!.last.event.eventType, outcome.eventCount],
      ['connect', 'disconnect', 25],
    );
    assert.equal(load.pages, 3);
    assert.ok(asked.every((a) => a.connectionId === 'c1' && a.limit === 10 && a.eventType === undefined));
  });

  it(`stops after ${MAX_CONNECTION_PAGES} pages and says so`, async () => {
    const { execute, asked } = server(10 * (MAX_CONNECTION_PAGES + 5));
    const state = new QueryState(() => 10);
    const load = await loadConnection(state, q({ connectionId: 'c1' }), 'c1', execute);
    assert.equal(load.capped, true);
    assert.equal(load.pages, MAX_CONNECTION_PAGES);
    assert.equal(asked.length, MAX_CONNECTION_PAGES);
    assert.equal(state.snapshot.outcome!.limitReached, true, 'Load Older can go on');
  });

  it('stops when another query takes over between pages', async () => {
    const { execute } = server(100);
    const state = new QueryState(() => 10);
    let pages = 0;
    const load = await loadConnection(state, q({ connectionId: 'c1' }), 'c1', async (query) => {
      if (++pages === 2) {
        // Someone runs another query while page 2 is on its way.
        void state.run(q({ minutes: 5 }), async () => ({ records: [], received: 0, invalidCount: 0, invalidSamples: [] }));
      }
      return execute(query);
    });
    assert.notEqual(load.result.status, 'ok');
    assert.ok(pages <= 2);
    assert.deepEqual(state.snapshot.query, { minutes: 5 }, 'the other query is left alone');
  });
});

describe('core/connectionQuery: what Show Connection asks for', () => {
  it('asks for an API key’s events by the key ID alone over the same window', () => {
    const now = Date.parse('2026-04-20T12:00:00Z');
    assert.deepEqual(apiKeyQueryInput('f1e2d3c4-b5a6-9879-8765-4321dcba0987', 7, now), {
      apiKeyId: 'f1e2d3c4-b5a6-9879-8765-4321dcba0987',
      timeStart: '2026-04-13T12:00:00.000Z',
    });
  });

  it('offers a wider window after one that found nothing, never past the maximum', () => {
    assert.equal(widerLookback(7, 365), 30);
    assert.equal(widerLookback(3, 365), 7);
    assert.equal(widerLookback(30, 365), 90);
    assert.equal(widerLookback(200, 365), 365);
    assert.equal(widerLookback(365, 365), undefined);
    assert.equal(widerLookback(30, 60), 60);
  });
});
