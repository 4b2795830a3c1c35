import * as assert from 'node:assert/strict';
import { connectedNowRows, type ActiveSet } from '../../src/core/connectedNow';
import { groupByConnection } from '../../src/core/grouping';
import type { ConnectionEvent, ConnectionStatus } from '../../src/core/records';

const NOW = Date.parse('2026-04-21T12:00:00Z');
const iso = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

let counter = 0;
function event(connectionId: string, eventType: string, secondsAgo: number): ConnectionEvent {
  counter++;
  return {
    eventId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    connectionId,
    eventType,
    eventTimestamp: iso(secondsAgo),
    serviceName: 'coinapi-ws',
    protocolName: 'WebSocket',
    dataCenter: 'us-east-1',
  };
}

function status(connectionId: string, heartbeatSecondsAgo: number | null, extra: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return {
    connectionId,
    serviceName: 'coinapi-ws',
    protocolName: 'WebSocket',
    dataCenter: 'us-east-1/server-01',
    lastHeartbeat: heartbeatSecondsAgo === null ? null : iso(heartbeatSecondsAgo),
    connectionDurationSeconds: 900,
    isActive: true,
    ...extra,
  };
}

const active = (records: ConnectionStatus[], complete = true): ActiveSet => ({ records, complete, fetchedAtMs: NOW });
const shown = (events: ConnectionEvent[]) => groupByConnection(events, { rangeEndMs: NOW });

describe('core/connectedNow', () => {
  it('lists the active set, most recent heartbeat first, with no flag where the events agree or say nothing', () => {
    const rows = connectedNowRows(active([status('a', 90), status('b', 5), status('c', null)]), shown([event('a', 'heartbeat', 90)]));
    assert.deepEqual(
      rows.map((r) => [r.connectionId, r.active, r.disagreement]),
      [
        ['b', true, undefined],
        ['a', true, undefined],
        ['c', true, undefined],
      ],
    );
    assert.equal(rows[0]!.lastSeen?.ms, NOW - 5000);
    assert.equal(rows[0]!.dataCenter, 'us-east-1/server-01');
    assert.equal(rows[0]!.durationSeconds, 900);
  });

  it('flags an active connection whose disconnect is in the events shown', () => {
    const rows = connectedNowRows(active([status('a', 10)]), shown([event('a', 'connect', 600), event('a', 'disconnect', 30)]));
    assert.deepEqual(
      rows.map((r) => [r.connectionId, r.disagreement]),
      [['a', 'closedInEvents']],
    );
  });

  it('adds, flagged, a connection the events say is open now but the complete active set leaves out', () => {
    const events = [event('open', 'connect', 300), event('open', 'heartbeat', 20), event('old', 'heartbeat', 3600)];
    const rows = connectedNowRows(active([status('a', 10)]), shown(events));
    assert.deepEqual(
      rows.map((r) => [r.connectionId, r.active, r.disagreement]),
      [
        ['a', true, undefined],
        ['open', false, 'notActive'],
      ],
    );
    assert.equal(rows[1]!.lastSeen?.ms, NOW - 20_000);
  });

  it('judges "open now" at the time the active set arrived, not when the events were queried', () => {
    const events = [event('x', 'heartbeat', 20)];
    const later: ActiveSet = { records: [], complete: true, fetchedAtMs: NOW + 10 * 60_000 };
    assert.deepEqual(connectedNowRows(later, shown(events)), []);
  });

  it('draws no conclusion from an active set cut off by its limit', () => {
    const rows = connectedNowRows(active([status('a', 10)], false), shown([event('open', 'heartbeat', 20)]));
    assert.deepEqual(
      rows.map((r) => r.connectionId),
      ['a'],
    );
  });

  it('leaves out records marked inactive and duplicates, and keys by ID safely', () => {
    const rows = connectedNowRows(
      active([status('__proto__', 10), status('__proto__', 10), status('constructor', 20, { isActive: false }), status('toString', 30)]),
      shown([event('toString', 'disconnect', 5)]),
    );
    assert.deepEqual(
      rows.map((r) => [r.connectionId, r.disagreement]),
      [
        ['__proto__', undefined],
        ['toString', 'closedInEvents'],
      ],
    );
  });

  it('shows the active set alone before any query', () => {
    assert.deepEqual(
      connectedNowRows(active([status('a', 10)]), undefined).map((r) => r.disagreement),
      [undefined],
    );
  });
});
