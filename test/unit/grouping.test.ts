import * as assert from 'node:assert/strict';
import type { ConnectionEvent } from '../../src/core/records';
import fc from 'fast-check';
import { groupByConnection } from '../../src/core/grouping';

const AT_END = { rangeEndMs: Date.parse('2026-04-21T00:00:00Z') };
let counter = 0;
function event(connectionId: string, eventType: string, eventTimestamp: string, extra: Partial<ConnectionEvent> = {}): ConnectionEvent {
  counter++;
  return {
    eventId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    connectionId,
    eventType,
    eventTimestamp,
    serviceName: 'coinapi-ws',
    protocolName: 'WebSocket',
    dataCenter: 'us-east-1',
    host: 'ws-server-01.coinapi.io',
    ipAddress: '203.0.113.195',
    apikeyId: 'f1e2d3c4-b5a6-9879-8765-4321dcba0987',
    eventDescription: `${eventType} happened`,
    ...extra,
  };
}

describe('core/grouping', () => {
  it('groups by connection and orders each one to the 100 ns tick, whatever the input order or precision', () => {
    // Same millisecond, told apart only by the 4th to 7th digits; one written with 3 digits.
    const events = [
      event('a', 'disconnect', '2026-04-20T19:30:38.5509701Z'),
      event('a', 'connect', '2026-04-20T19:30:38.5509677Z'),
      event('a', 'heartbeat', '2026-04-20T19:30:38.5509695Z'),
      event('a', 'subscribe', '2026-04-20T19:30:38.550Z'),
      event('a', 'error', '2026-04-20T19:30:38Z'),
    ];
    const [connection] = groupByConnection(events, AT_END);
    assert.deepEqual(
      connection!.events.map((e) => e.event.eventType),
      ['error', 'subscribe', 'connect', 'heartbeat', 'disconnect'],
    );
    // Display keeps the original text.
    assert.equal(connection!.events[2]!.event.eventTimestamp, '2026-04-20T19:30:38.5509677Z');
  });

  it('derives state, duration, longest silence, counts and the disconnect reason', () => {
    const rangeEndMs = Date.parse('2026-04-20T20:02:00Z');
    const connections = groupByConnection(
      [
        event('closed', 'connect', '2026-04-20T19:30:00Z'),
        event('closed', 'heartbeat', '2026-04-20T19:31:00Z'),
        event('closed', 'heartbeat', '2026-04-20T19:36:00Z'),
        event('closed', 'disconnect', '2026-04-20T19:38:00Z', { eventDescription: 'closed by server' }),
        event('open', 'connect', '2026-04-20T20:00:00Z'),
        event('open', 'heartbeat', '2026-04-20T20:01:00Z'),
        event('middle', 'heartbeat', '2026-04-20T19:50:00Z'),
        event('silent', 'connect', '2026-04-20T19:40:00Z'),
        event('silent', 'heartbeat', '2026-04-20T19:41:00Z'),
      ],
      { rangeEndMs },
    );
    const byId = new Map(connections.map((c) => [c.connectionId, c]));
    const closed = byId.get('closed')!;
    assert.equal(closed.state, 'closed');
    assert.equal(closed.durationMs, 8 * 60_000);
    assert.equal(closed.longestSilenceMs, 5 * 60_000);
    assert.equal(closed.disconnectReason, 'closed by server');
    assert.deepEqual(Object.fromEntries(closed.countsByType), { connect: 1, heartbeat: 2, disconnect: 1 });
    // Open: its last event is within 2 minutes of the end of the range.
    assert.equal(byId.get('open')!.state, 'open');
    // Connected, then silent for 21 minutes with no disconnect: not known to be open.
    assert.equal(byId.get('silent')!.state, 'unknown');
    assert.equal(byId.get('middle')!.state, 'unknown');
    assert.equal(
      groupByConnection([event('m', 'heartbeat', '2026-04-20T19:50:00Z')], { rangeEndMs: Date.parse('2026-04-20T19:51:59Z') })[0]!.state,
      'open',
    );
    // Most recently active first.
    assert.deepEqual(
      connections.map((c) => c.connectionId),
      ['open', 'middle', 'silent', 'closed'],
    );
  });

  it('keeps unknown event types and takes descriptive fields from the newest event that has them', () => {
    const [connection] = groupByConnection(
      [
        event('x', 'auth_failed', '2026-04-20T19:30:00Z', { host: null, serviceName: 'old' }),
        event('x', 'quota_warning', '2026-04-20T19:31:00Z', { host: undefined, serviceName: 'new' }),
      ],
      AT_END,
    );
    assert.deepEqual(
      connection!.events.map((e) => e.event.eventType),
      ['auth_failed', 'quota_warning'],
    );
    assert.equal(connection!.serviceName, 'new');
    assert.equal(connection!.host, undefined);
  });

  it('drops duplicate event IDs', () => {
    const first = event('a', 'connect', '2026-04-20T19:30:00Z');
    const [connection] = groupByConnection([first, { ...first }, event('a', 'heartbeat', '2026-04-20T19:31:00Z')], AT_END);
    assert.equal(connection!.events.length, 2);
  });

  it('returns nothing for nothing', () => {
    assert.deepEqual(groupByConnection([], AT_END), []);
  });
});

describe('core/grouping with hostile names', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'connect', 'disconnect'];

  it('groups and counts events whose types and connection IDs are named like Object.prototype members', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), fc.integer({ min: 0, max: 59 })), {
          minLength: 1,
          maxLength: 40,
        }),
        (specs) => {
          const events = specs.map(([connectionId, type, second]) =>
            event(connectionId, type, `2026-04-20T19:30:${String(second).padStart(2, '0')}Z`),
          );
          const connections = groupByConnection(events, AT_END);
          const expected = new Map<string, Map<string, number>>();
          for (const [connectionId, type] of specs) {
            const counts = expected.get(connectionId) ?? new Map<string, number>();
            counts.set(type, (counts.get(type) ?? 0) + 1);
            expected.set(connectionId, counts);
          }
          assert.deepEqual(connections.map((c) => c.connectionId).sort(), [...expected.keys()].sort());
          for (const c of connections) {
            assert.deepEqual([...c.countsByType].sort(), [...expected.get(c.connectionId)!].sort());
            assert.equal(c.state, c.countsByType.has('disconnect') ? 'closed' : c.state);
            assert.ok(c.events.every((e) => e.event.connectionId === c.connectionId));
          }
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
