import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupByConnection } from '../../src/core/grouping';
import { knownValues } from '../../src/core/knownValues';
import type { ConnectionEvent } from '../../src/core/records';

const NOW = Date.parse('2026-04-20T12:00:00Z');

function event(connectionId: string, eventType: string, minute: number, extra: Partial<ConnectionEvent> = {}): ConnectionEvent {
  return {
    eventId: `${connectionId}-${eventType}-${minute}`,
    connectionId,
    eventType,
    eventTimestamp: new Date(NOW - minute * 60_000).toISOString(),
    ...extra,
  };
}

describe('knownValues: the hints offered while typing a filter', () => {
  it('lists each field’s distinct values across the connections, sorted; fields without values are left out', () => {
    const connections = groupByConnection(
      [
        event('conn_a', 'connect', 10, { serviceName: 'coinapi-ws', dataCenter: 'us-east-1', protocolName: 'WebSocket' }),
        event('conn_a', 'heartbeat', 9, { serviceName: 'coinapi-ws', dataCenter: 'us-east-1', protocolName: 'WebSocket' }),
        event('conn_b', 'disconnect', 5, { serviceName: 'coinapi-fix', dataCenter: 'eu-central-1', protocolName: 'FIX' }),
      ],
      { rangeEndMs: NOW },
    );
    assert.deepEqual(knownValues(connections), {
      serviceName: ['coinapi-fix', 'coinapi-ws'],
      protocolName: ['FIX', 'WebSocket'],
      dataCenter: ['eu-central-1', 'us-east-1'],
      eventType: ['connect', 'disconnect', 'heartbeat'],
    });
    assert.deepEqual(knownValues([]), {});
  });

  it('keeps values named like Object.prototype members as plain values', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const connections = groupByConnection(
      names.map((name, i) => event(`conn_${i}`, name, i, { serviceName: name, dataCenter: name })),
      { rangeEndMs: NOW },
    );
    const known = knownValues(connections);
    assert.deepEqual(known.serviceName, [...names].sort());
    assert.deepEqual(known.eventType, [...names].sort());
    assert.equal(Object.getPrototypeOf(known), Object.prototype);
  });

  it('for any records, every hint is a value some connection has, and every value is hinted once', () => {
    const value = fc.constantFrom('a', 'b', '__proto__', 'constructor', '<b>x</b>', '=1+1');
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('c1', 'c2', 'c3'), type: value, service: value }), { maxLength: 30 }),
        (rows) => {
          const connections = groupByConnection(
            rows.map((r, i) => event(r.id, r.type, i, { serviceName: r.service })),
            { rangeEndMs: NOW },
          );
          const known = knownValues(connections);
          const services = new Set(connections.map((c) => c.serviceName).filter((s): s is string => Boolean(s)));
          assert.deepEqual(known.serviceName ?? [], [...services].sort());
          const types = new Set(rows.map((r) => r.type));
          assert.deepEqual(known.eventType ?? [], [...types].sort());
        },
      ),
    );
  });
});
