import * as assert from 'node:assert/strict';
import { closeCause, compareConnections, connectionFacts, heartbeatCadenceMs, COMPARE_FIELDS } from '../../src/core/compare';
import { resolvePair } from '../../src/core/comparePair';
import { groupByConnection, type Connection } from '../../src/core/grouping';
import type { ConnectionEvent } from '../../src/core/records';

const END = { rangeEndMs: Date.parse('2026-04-20T20:00:00Z') };

/** A connection from events at these seconds after 19:00 UTC: `c` connect, `h` heartbeat, `d` disconnect. */
function connection(id: string, marks: readonly [number, 'c' | 'h' | 'd'][], fields: Partial<ConnectionEvent> = {}): Connection {
  const types = { c: 'connect', h: 'heartbeat', d: 'disconnect' } as const;
  const events = marks.map(([seconds, kind], i): ConnectionEvent => ({
    eventId: `${id}-${i}`,
    connectionId: id,
    eventType: types[kind],
    eventTimestamp: new Date(Date.UTC(2026, 3, 20, 19, 0, 0) + seconds * 1000).toISOString(),
    dataCenter: 'us-east-1',
    host: 'ws-server-01',
    ipAddress: '203.0.113.7',
    protocolName: 'WebSocket',
    apikeyId: 'f1e2d3c4-b5a6-9879-8765-4321dcba0987',
    eventDescription: kind === 'd' ? 'closed by client' : `${types[kind]}`,
    ...fields,
  }));
  const [grouped] = groupByConnection(events, END);
  return grouped!;
}

const LIFE: [number, 'c' | 'h' | 'd'][] = [
  [0, 'c'],
  [60, 'h'],
  [120, 'h'],
  [180, 'h'],
  [200, 'd'],
];

describe('core/compare: what differs between two connections', () => {
  it('two connections alike in every compared field differ in nothing', () => {
    assert.deepEqual(compareConnections(connection('a', LIFE), connection('b', LIFE)), []);
  });

  it('lists exactly the fields that differ, in order, with both values as shown', () => {
    const a = connection('a', LIFE);
    const b = connection(
      'b',
      [
        [0, 'c'],
        [30, 'h'],
        [60, 'h'],
        [400, 'h'],
        [500, 'd'],
      ],
      { dataCenter: 'eu-central-1', eventDescription: 'no heartbeat for 120 s' },
    );
    // b's connect and heartbeats carry the same description override; the disconnect's is what counts.
    assert.deepEqual(compareConnections(a, b), [
      { field: 'dataCenter', a: 'us-east-1', b: 'eu-central-1' },
      { field: 'heartbeatCadence', a: '1 min', b: '3 min 5 s' },
      { field: 'longestGap', a: '1 min', b: '5 min 40 s' },
      { field: 'closeCause', a: 'client closed', b: 'heartbeat timeout' },
      { field: 'duration', a: '3 min 20 s', b: '8 min 20 s' },
    ]);
  });

  it('a duration whose connect event is not in the result is a lower bound, marked ≥ as the tree marks it', () => {
    const late = connection('b', LIFE.slice(1));
    assert.equal(connectionFacts(late).get('duration'), '≥ 2 min 20 s');
    assert.equal(connectionFacts(connection('a', LIFE)).get('duration'), '3 min 20 s');
    const whole = connection('a', [
      [0, 'c'],
      [140, 'd'],
    ]);
    // The same 2 min 20 s, once whole and once at least: a difference.
    assert.deepEqual(
      compareConnections(whole, late).find((d) => d.field === 'duration'),
      { field: 'duration', a: '2 min 20 s', b: '≥ 2 min 20 s' },
    );
  });

  it('each of host, IP, protocol and key ID is compared', () => {
    const a = connection('a', LIFE);
    for (const [field, key, value] of [
      ['host', 'host', 'ws-server-99'],
      ['ipAddress', 'ipAddress', '198.51.100.1'],
      ['protocolName', 'protocolName', 'FIX'],
      ['apiKeyId', 'apikeyId', 'aaaaaaaa-b5a6-9879-8765-4321dcba0987'],
    ] as const) {
      const b = connection('b', LIFE, { [key]: value });
      assert.deepEqual(compareConnections(a, b), [{ field, a: connectionFacts(a).get(field), b: value }], field);
    }
  });

  it('a value only one connection has is a difference; the missing one is empty', () => {
    const a = connection('a', LIFE);
    const open = connection('b', LIFE.slice(0, 4));
    const differences = compareConnections(a, open);
    assert.deepEqual(
      differences.find((d) => d.field === 'closeCause'),
      { field: 'closeCause', a: 'client closed', b: '' },
    );
    assert.equal(closeCause(open), undefined);
  });

  it('the close cause is the classified one: the same cause in other words is no difference', () => {
    const a = connection('a', LIFE, { eventDescription: 'Connection closed by client' });
    const b = connection('b', LIFE, { eventDescription: 'client_closed (logout)' });
    assert.equal(closeCause(a), 'client closed');
    assert.deepEqual(compareConnections(a, b), []);
    const c = connection('c', LIFE, { eventDescription: 'bye' });
    assert.deepEqual(compareConnections(a, c), [{ field: 'closeCause', a: 'client closed', b: 'other' }]);
  });

  it('heartbeat cadence is the median interval between heartbeats', () => {
    assert.equal(heartbeatCadenceMs(connection('a', LIFE)), 60_000);
    // Intervals 10 s, 60 s, 300 s: the median, not the mean.
    const odd = connection('b', [
      [0, 'h'],
      [10, 'h'],
      [70, 'h'],
      [370, 'h'],
    ]);
    assert.equal(heartbeatCadenceMs(odd), 60_000);
    // Intervals 10 s, 60 s: between the two middle ones.
    const even = connection('c', [
      [0, 'h'],
      [5, 'c'],
      [10, 'h'],
      [70, 'h'],
    ]);
    assert.equal(heartbeatCadenceMs(even), 35_000);
    assert.equal(heartbeatCadenceMs(connection('d', [[0, 'h']])), undefined);
    assert.equal(connectionFacts(connection('d', [[0, 'h']])).get('heartbeatCadence'), '');
  });

  it('durations that read the same are not a difference; a millisecond that shows is', () => {
    const a = connection('a', [
      [0, 'c'],
      [200, 'd'],
    ]);
    const b = connection('b', [
      [0, 'c'],
      [200.4, 'd'],
    ]);
    assert.deepEqual(compareConnections(a, b), []);
    const short = connection('s', [
      [0, 'c'],
      [0.5, 'd'],
    ]);
    const shorter = connection('t', [
      [0, 'c'],
      [0.25, 'd'],
    ]);
    assert.deepEqual(
      compareConnections(short, shorter).map((d) => [d.field, d.a, d.b]),
      [
        ['longestGap', '500 ms', '250 ms'],
        ['duration', '500 ms', '250 ms'],
      ],
    );
  });

  it('hostile values are text: Object.prototype’s names compare and show as themselves', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const a = connection(name, LIFE, { dataCenter: name, host: name });
      const b = connection(`${name}-2`, LIFE, { dataCenter: name, host: 'valueOf' });
      assert.deepEqual(compareConnections(a, b), [{ field: 'host', a: name, b: 'valueOf' }], name);
    }
    assert.equal(COMPARE_FIELDS.length, 9);
  });
});

describe('core/comparePair: the two connections an argument names', () => {
  const a = connection('__proto__', LIFE);
  const b = connection('constructor', LIFE);
  const current = new Map([
    [a.connectionId, a],
    [b.connectionId, b],
  ]);

  it('finds both in the current result by ID, whatever the IDs are', () => {
    const result = resolvePair({ connectionIds: ['__proto__', 'constructor'] }, current);
    assert.ok(result.ok);
    assert.deepEqual(
      result.pair.map((c) => c.connectionId),
      ['__proto__', 'constructor'],
    );
  });

  const refused: [unknown, RegExp][] = [
    [undefined, /^argument: /],
    ['conn_a', /^argument: expected object, got string/],
    [{}, /^connectionIds: missing/],
    [{ connectionIds: ['__proto__'] }, /^connectionIds: /],
    [{ connectionIds: ['__proto__', 'constructor', 'x'] }, /^connectionIds: /],
    [{ connectionIds: ['__proto__', 7] }, /^connectionIds\.1: expected string, got number/],
    [{ connectionIds: ['', 'constructor'] }, /^connectionIds\.0: empty/],
    [{ connectionIds: ['__proto__', 'constructor'], extra: 1 }, /extra/],
    [{ connectionIds: ['toString', 'constructor'] }, /^connectionIds\.0: no connection "toString" in the current result\.$/],
    [{ connectionIds: ['__proto__', 'hasOwnProperty'] }, /^connectionIds\.1: no connection "hasOwnProperty" in the current result\.$/],
    [{ connectionIds: ['__proto__', '__proto__'] }, /^connectionIds\.1: must name another connection than connectionIds\.0\.$/],
  ];
  for (const [argument, pattern] of refused) {
    it(`refuses ${JSON.stringify(argument)}, naming the field`, () => {
      const result = resolvePair(argument, current);
      assert.ok(!result.ok);
      assert.match(result.errors.map((e) => e.message).join('\n'), pattern);
    });
  }
});
