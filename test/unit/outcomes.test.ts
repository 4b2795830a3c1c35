import * as assert from 'node:assert/strict';
import { groupByConnection } from '../../src/core/grouping';
import {
  countOutcomes,
  describeOutcomeCounts,
  heartbeatGapMs,
  matchesOutcome,
  outcomeEntries,
  outcomeSummary,
} from '../../src/core/outcomes';
import type { ConnectionEvent } from '../../src/core/records';
import { parseGroupByArgument, parseOutcomeArgument } from '../../src/core/treeArguments';

const BASE = Date.parse('2026-04-20T10:00:00Z');
let counter = 0;
function event(connectionId: string, eventType: string, offsetMs: number, eventDescription = ''): ConnectionEvent {
  counter++;
  return { eventId: `e${counter}`, connectionId, eventType, eventTimestamp: new Date(BASE + offsetMs).toISOString(), eventDescription };
}

const MIN = 60_000;
const connections = groupByConnection(
  [
    // closed · heartbeat timeout · 20 min 41 s
    event('timeout', 'connect', 0),
    event('timeout', 'heartbeat', 5 * MIN),
    event('timeout', 'disconnect', 20 * MIN + 41_000, 'Connection closed: no heartbeat for 120 s (timeout)'),
    // open · 3 h 12 min
    event('open', 'connect', 0),
    event('open', 'heartbeat', 192 * MIN),
    // closed by client, its connect before the result: the duration is a lower bound
    event('client', 'heartbeat', 10 * MIN),
    event('client', 'disconnect', 12 * MIN, 'WebSocket connection closed by client'),
    event('client2', 'connect', 10 * MIN),
    event('client2', 'disconnect', 11 * MIN, 'HTTP connection closed by client'),
    // unknown: silent since long before the end of the range
    event('silent', 'connect', 30 * MIN),
  ],
  { rangeEndMs: BASE + 193 * MIN },
);
const byId = new Map(connections.map((c) => [c.connectionId, c]));
const get = (id: string) => {
  const c = byId.get(id);
  assert.ok(c, id);
  return c;
};

describe('core/outcomes', () => {
  it('says the outcome, cause and duration of a row first', () => {
    assert.equal(outcomeSummary(get('timeout')), 'closed · heartbeat timeout · 20 min 41 s');
    assert.equal(outcomeSummary(get('open')), 'open · 3 h 12 min');
    assert.equal(outcomeSummary(get('client')), 'closed · client closed · ≥ 2 min');
    assert.equal(outcomeSummary(get('silent')), 'unknown · 0 ms');
  });

  it('counts connections per state, and closed ones per cause, in the vocabulary order', () => {
    const counts = countOutcomes(connections);
    assert.equal(counts.total, 5);
    assert.deepEqual(
      counts.byState,
      new Map([
        ['closed', 3],
        ['open', 1],
        ['unknown', 1],
      ]),
    );
    assert.deepEqual(
      [...counts.byCause],
      [
        ['client', 2],
        ['heartbeatTimeout', 1],
      ],
    );
    assert.equal(describeOutcomeCounts(counts), 'closed 3 (client closed 2, heartbeat timeout 1) · open 1 · unknown 1');
    assert.deepEqual(
      outcomeEntries(counts).map((e) => [e.outcome.state, e.outcome.closeCause, e.count]),
      [
        ['closed', undefined, 3],
        ['closed', 'client', 2],
        ['closed', 'heartbeatTimeout', 1],
        ['open', undefined, 1],
        ['unknown', undefined, 1],
      ],
    );
  });

  it('matches a connection to an outcome: a state alone takes every cause', () => {
    assert.ok(matchesOutcome(get('timeout'), { state: 'closed' }));
    assert.ok(matchesOutcome(get('timeout'), { state: 'closed', closeCause: 'heartbeatTimeout' }));
    assert.ok(!matchesOutcome(get('timeout'), { state: 'closed', closeCause: 'client' }));
    assert.ok(!matchesOutcome(get('open'), { state: 'closed' }));
    assert.ok(matchesOutcome(get('open'), { state: 'open' }));
  });

  it('a heartbeat gap is the longest silence when it is above the threshold, as the timeline marks it', () => {
    assert.equal(heartbeatGapMs(get('open'), 120_000), 192 * MIN);
    assert.equal(heartbeatGapMs(get('open'), 192 * MIN), undefined, 'equal to the threshold is no gap');
    assert.equal(heartbeatGapMs(get('silent'), 1), undefined, 'one event has no gap');
  });

  it('a connection with no heartbeat events (REST) has no heartbeat gap, however long its silences', () => {
    const [rest] = groupByConnection(
      [event('rest', 'connect', 0), event('rest', 'rate_limited', 3 * MIN), event('rest', 'disconnect', 10 * MIN, 'closed by client')],
      { rangeEndMs: BASE + 11 * MIN },
    );
    assert.equal(rest?.longestSilenceMs, 7 * MIN);
    assert.equal(heartbeatGapMs(rest!, 120_000), undefined);
  });
});

describe('core/treeArguments', () => {
  it('takes a grouping', () => {
    assert.deepEqual(parseGroupByArgument({ by: 'closeCause' }), { ok: true, value: 'closeCause' });
  });

  for (const [argument, field] of [
    [{ by: 'nope' }, /^by: /],
    [{ by: '__proto__' }, /^by: /],
    [{}, /^by: missing/],
    [{ by: 'service', extra: 1 }, /extra/],
    ['service', /^argument: expected object, got string/],
    [null, /^argument: expected object, got null/],
  ] as const) {
    it(`refuses ${JSON.stringify(argument)} as a grouping, naming the field`, () => {
      const result = parseGroupByArgument(argument);
      assert.ok(!result.ok);
      assert.match(result.errors.map((e) => e.message).join('; '), field);
    });
  }

  it('takes an outcome, with or without a cause', () => {
    assert.deepEqual(parseOutcomeArgument({ state: 'open' }), { ok: true, value: { state: 'open' } });
    assert.deepEqual(parseOutcomeArgument({ state: 'closed' }), { ok: true, value: { state: 'closed', closeCause: undefined } });
    assert.deepEqual(parseOutcomeArgument({ state: 'closed', closeCause: 'rateLimit' }), {
      ok: true,
      value: { state: 'closed', closeCause: 'rateLimit' },
    });
  });

  for (const [argument, field] of [
    [{ state: 'gone' }, /^state: /],
    [{ state: 'closed', closeCause: 'constructor' }, /^closeCause: /],
    [{ state: 'open', closeCause: 'client' }, /^closeCause: allowed only with "state": "closed"/],
    [{ closeCause: 'client' }, /^state: missing/],
    [[], /^argument: expected object, got array/],
  ] as const) {
    it(`refuses ${JSON.stringify(argument)} as an outcome, naming the field`, () => {
      const result = parseOutcomeArgument(argument);
      assert.ok(!result.ok);
      assert.match(result.errors.map((e) => e.message).join('; '), field);
    });
  }
});
