import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { GROUP_BY, groupConnections, groupKeyOfEvent, groupKeys, isGroupBy } from '../../src/core/connectionGroups';
import { groupByConnection } from '../../src/core/grouping';
import type { ConnectionEvent } from '../../src/core/records';

const RANGE_END = { rangeEndMs: Date.parse('2026-04-20T20:00:00Z') };
let counter = 0;
function event(connectionId: string, eventType: string, minute: number, extra: Partial<ConnectionEvent> = {}): ConnectionEvent {
  counter++;
  return {
    eventId: `e${counter}`,
    connectionId,
    eventType,
    eventTimestamp: `2026-04-20T19:${String(minute).padStart(2, '0')}:00Z`,
    serviceName: 'coinapi-ws',
    dataCenter: 'us-east-1',
    apikeyId: 'f1e2d3c4-b5a6-9879-8765-4321dcba0987',
    eventDescription: '',
    ...extra,
  };
}

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '<b>x</b>'];

describe('core/connectionGroups', () => {
  it('groups by service in a Map: __proto__ and constructor are groups like any other', () => {
    const events = HOSTILE.flatMap((name, i) => [
      event(`c${i}`, 'connect', i, { serviceName: name }),
      event(`d${i}`, 'connect', i, { serviceName: name }),
    ]);
    events.push(event('none', 'connect', 30, { serviceName: null }));
    const groups = groupConnections(groupByConnection(events, RANGE_END), 'service');
    assert.deepEqual(groups.map((g) => [g.key, g.connections.length]).sort(), [...HOSTILE.map((n) => [n, 2]), ['', 1]].sort());
    assert.equal(groups.find((g) => g.key === '')?.label, '(none)');
    assert.equal(groups.find((g) => g.key === '__proto__')?.label, '__proto__');
    // Nothing leaked onto Object.prototype.
    assert.equal(({} as Record<string, unknown>).length, undefined);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
  });

  it('keys each grouping by the right field', () => {
    const [c] = groupByConnection(
      [
        event('a', 'connect', 1, { serviceName: 'coinapi-fix', dataCenter: 'eu-central-1', apikeyId: 'k' }),
        event('a', 'subscribe', 2, { serviceName: 'coinapi-fix', dataCenter: 'eu-central-1', apikeyId: 'k' }),
        event('a', 'disconnect', 3, {
          eventDescription: 'closed by client',
          serviceName: 'coinapi-fix',
          dataCenter: 'eu-central-1',
          apikeyId: 'k',
        }),
      ],
      RANGE_END,
    );
    assert.ok(c);
    assert.deepEqual(groupKeys(c, 'connection'), ['a']);
    assert.deepEqual(groupKeys(c, 'service'), ['coinapi-fix']);
    assert.deepEqual(groupKeys(c, 'dataCenter'), ['eu-central-1']);
    assert.deepEqual(groupKeys(c, 'apiKey'), ['k']);
    assert.deepEqual([...groupKeys(c, 'eventType')].sort(), ['connect', 'disconnect', 'subscribe']);
    assert.deepEqual(groupKeys(c, 'closeCause'), ['closed · client closed']);
    assert.equal(groupKeyOfEvent(c, 'subscribe', 'eventType'), 'subscribe');
    assert.equal(groupKeyOfEvent(c, 'subscribe', 'service'), 'coinapi-fix');
  });

  it('by event type, a connection is under each of its types, __proto__ included', () => {
    const connections = groupByConnection(
      [event('a', 'connect', 1), event('a', '__proto__', 2), event('b', 'constructor', 3), event('b', 'connect', 4)],
      RANGE_END,
    );
    const groups = groupConnections(connections, 'eventType');
    assert.deepEqual(
      groups.map((g) => [g.key, g.connections.map((c) => c.connectionId)]),
      [
        ['connect', ['b', 'a']],
        ['__proto__', ['a']],
        ['constructor', ['b']],
      ],
    );
  });

  it('puts the largest groups first, then by key, and keeps the connections in the result order', () => {
    const connections = groupByConnection(
      [
        event('a', 'connect', 1, { dataCenter: 'z' }),
        event('b', 'connect', 2, { dataCenter: 'y' }),
        event('c', 'connect', 3, { dataCenter: 'x' }),
        event('d', 'connect', 4, { dataCenter: 'y' }),
      ],
      RANGE_END,
    );
    assert.deepEqual(
      groupConnections(connections, 'dataCenter').map((g) => [g.key, g.connections.map((c) => c.connectionId)]),
      [
        ['y', ['d', 'b']],
        ['x', ['c']],
        ['z', ['a']],
      ],
    );
  });

  it('every connection is in exactly the groups of its keys, whatever the values (property)', () => {
    const value = fc.oneof(fc.constantFrom(...HOSTILE, ''), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', '__proto__'), type: value, service: value, minute: fc.nat(59) }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.constantFrom(...GROUP_BY.filter((by) => by !== 'connection')),
        (records, by) => {
          const connections = groupByConnection(
            records.map((r) => event(r.id, r.type || 'x', r.minute, { serviceName: r.service })),
            RANGE_END,
          );
          const groups = groupConnections(connections, by);
          for (const connection of connections) {
            const holding = groups.filter((g) => g.connections.includes(connection)).map((g) => g.key);
            assert.deepEqual(holding.sort(), [...groupKeys(connection, by)].sort());
          }
          assert.equal(new Set(groups.map((g) => g.key)).size, groups.length);
        },
      ),
    );
  });

  it('knows its groupings and nothing else', () => {
    assert.ok(GROUP_BY.every(isGroupBy));
    for (const value of ['__proto__', 'constructor', 'Service', '', undefined, null, 1, {}]) {
      assert.equal(isGroupBy(value), false, String(value));
    }
  });
});
