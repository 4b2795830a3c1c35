import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { explainEmpty, MAX_EXTRA_REQUESTS, SAMPLE_LIMIT, type ProbeAnswer } from '../../src/core/emptyResult';
import { nearestKnown, RECORD_FIELDS } from '../../src/core/knownValues';
import { TEXT_FIELDS, toApiParams, validateQuery, type EventQuery, type QueryInput } from '../../src/core/query';
import type { ConnectionEvent } from '../../src/core/records';
import { q } from '../fixtures/queries';

const NOW = Date.now();
const MINUTE = 60_000;

interface Spec {
  readonly serviceName?: string;
  readonly eventType?: string;
  readonly dataCenter?: string;
  readonly apikeyId?: string;
}

/** `count` events `minutesAgo` back (one a second earlier each), with `spec`'s fields. */
function events(count: number, minutesAgo: number, spec: Spec = {}): ConnectionEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `${JSON.stringify(spec)}-${minutesAgo}-${i}`,
    connectionId: `conn_${i % 7}`,
    eventType: spec.eventType ?? 'heartbeat',
    eventTimestamp: new Date(NOW - minutesAgo * MINUTE - i * 1000).toISOString(),
    serviceName: spec.serviceName ?? 'coinapi-ws',
    protocolName: 'WebSocket',
    dataCenter: spec.dataCenter ?? 'us-east-1',
    apikeyId: spec.apikeyId ?? 'f1e2d3c4-b5a6-9879-8765-4321dcba0987',
  }));
}

/** The API over `data`, as the fake Console API filters it, counting requests. */
function api(data: readonly ConnectionEvent[]) {
  const asked: Record<string, string>[] = [];
  const execute = (query: EventQuery): Promise<ProbeAnswer> => {
    asked.push(toApiParams(query));
    const start = query.minutes !== undefined ? NOW - query.minutes * MINUTE : query.timeStart?.ms;
    const end = query.timeEnd?.ms;
    const matching = [...data]
      .sort((a, b) => Date.parse(b.eventTimestamp) - Date.parse(a.eventTimestamp))
      .filter((e) => {
        const t = Date.parse(e.eventTimestamp);
        const inWindow = (start === undefined || t >= start) && (end === undefined || t <= end);
        return (
          inWindow &&
          TEXT_FIELDS.every((f) => {
            const wanted = query[f];
            const value = e[RECORD_FIELDS[f]];
            return wanted === undefined || (f === 'apiKeyId' ? String(value).toLowerCase() === wanted.toLowerCase() : value === wanted);
          })
        );
      })
      .slice(0, query.limit ?? 1000);
    return Promise.resolve({ records: matching, received: matching.length });
  };
  return { execute, asked };
}

/** Runs the plan for `input` against `data`; the correction must validate and find events. */
async function explain(input: QueryInput, data: readonly ConnectionEvent[]) {
  const server = api(data);
  const explanation = await explainEmpty(q(input), server.execute, 'local');
  assert.ok(server.asked.length <= MAX_EXTRA_REQUESTS);
  return { explanation, asked: server.asked };
}

describe('core/emptyResult: why a query returned nothing', () => {
  const data = [
    ...events(312, 5, { serviceName: 'coinapi-ws' }),
    ...events(40, 10, { serviceName: 'coinapi-fix', eventType: 'disconnect' }),
    ...events(3, 20, { serviceName: 'coinapi-rest', eventType: 'connect' }),
  ];

  it('names the filter whose value had no events and offers the nearest known value, with one request', async () => {
    const { explanation, asked } = await explain({ minutes: 60, serviceName: 'coinapi-wss' }, data);
    assert.deepEqual(asked, [{ minutes: '60', limit: String(SAMPLE_LIMIT) }], 'the same window, no filter');
    assert.equal(explanation.reason, 'filter');
    assert.equal(explanation.message, 'No events for Service "coinapi-wss" in last 60 min; "coinapi-ws" had 312 events: use it?');
    assert.deepEqual(explanation.correction, { serviceName: 'coinapi-ws', minutes: '60' });
  });

  it('corrects every filter that had no events, and drops one with no value near it', async () => {
    const { explanation } = await explain({ minutes: 60, serviceName: 'COINAPI-FIX', eventType: 'zzz-unknown', limit: 50 }, data);
    assert.equal(explanation.reason, 'filter');
    assert.match(explanation.message, /^No events for Service "COINAPI-FIX" in last 60 min; "coinapi-fix" had 40 events: use it\? /);
    assert.match(explanation.message, /Event type "zzz-unknown" had none either, nor any value like it\.$/);
    assert.deepEqual(explanation.correction, { serviceName: 'coinapi-fix', minutes: '60', limit: '50' });
  });

  it('offers "us-east-1" for the status endpoint’s form "us-east-1/server-01"', async () => {
    const { explanation } = await explain({ minutes: 60, dataCenter: 'us-east-1/server-01' }, data);
    assert.equal(explanation.correction?.dataCenter, 'us-east-1');
  });

  it('says when each filter matches alone but not together, and drops the rarest', async () => {
    const { explanation, asked } = await explain({ minutes: 60, serviceName: 'coinapi-ws', eventType: 'connect' }, data);
    assert.equal(asked.length, 1);
    assert.equal(explanation.reason, 'combination');
    assert.match(explanation.message, /Service "coinapi-ws": 312 events; Event type "connect": 3 events/);
    assert.deepEqual(explanation.correction, { serviceName: 'coinapi-ws', minutes: '60' });
  });

  it('with no filter, explains the window by the newest event, with one request', async () => {
    const old = events(5, 180);
    const { explanation, asked } = await explain({ minutes: 60 }, old);
    assert.deepEqual(asked, [{ limit: '1' }], 'no window, one event');
    assert.equal(explanation.reason, 'window');
    assert.match(explanation.message, /^No events at all in last 60 min; the newest is from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    const corrected = validateQuery(explanation.correction, 'local');
    assert.ok(corrected.ok);
    assert.equal(corrected.query.timeStart?.ms, NOW - 180 * MINUTE - 3_600_000);
    assert.equal(corrected.query.minutes, undefined);
  });

  it('with filters and an empty window, explains the window with a second request', async () => {
    const { explanation, asked } = await explain({ minutes: 60, serviceName: 'coinapi-ws', limit: 10 }, events(5, 180));
    assert.deepEqual(asked, [{ minutes: '60', limit: String(SAMPLE_LIMIT) }, { limit: '1' }]);
    assert.equal(explanation.reason, 'window');
    assert.equal(explanation.correction?.serviceName, 'coinapi-ws', 'the filters stay');
    assert.equal(explanation.correction?.limit, '10');
  });

  it('says so when there are no events at all', async () => {
    const { explanation } = await explain({ minutes: 60, eventType: 'connect' }, []);
    assert.equal(explanation.reason, 'nothing');
    assert.equal(explanation.correction, undefined);
  });

  it('from a full sample, checks the missing value alone before blaming it', async () => {
    const crowded = [...events(SAMPLE_LIMIT, 1, { serviceName: 'coinapi-ws' }), ...events(2, 50, { serviceName: 'indexes-ws' })];
    const present = await explain({ minutes: 60, serviceName: 'indexes-ws', eventType: 'heartbeat' }, crowded);
    assert.deepEqual(present.asked[1], { minutes: '60', serviceName: 'indexes-ws', limit: '1' });
    assert.equal(present.explanation.reason, 'combination', 'it exists, older than the sample');

    const absent = await explain({ minutes: 60, serviceName: 'coinapi-wss', eventType: 'heartbeat' }, crowded);
    assert.equal(absent.asked.length, 2);
    assert.equal(absent.explanation.reason, 'filter');
    assert.match(absent.explanation.message, /"coinapi-ws" had 1000 of the newest 1000 events/);
  });

  it('never asks again what the query itself asked: a lone filter missing from a full sample is blamed at once', async () => {
    const crowded = events(SAMPLE_LIMIT, 1, { serviceName: 'coinapi-ws' });
    const { explanation, asked } = await explain({ minutes: 60, serviceName: 'coinapi-wss' }, crowded);
    // The query itself was that filter alone over that window: it had already answered "none".
    assert.deepEqual(asked, [{ minutes: '60', limit: String(SAMPLE_LIMIT) }]);
    assert.equal(explanation.reason, 'filter');
    assert.match(explanation.message, /"coinapi-ws" had 1000 of the newest 1000 events/);
  });

  it('never makes more than two extra requests, and every correction validates (property)', async () => {
    const value = fc.constantFrom('coinapi-ws', 'coinapi-wss', 'coinapi-fix', 'heartbeat', 'connect', 'us-east-1', '__proto__', 'x');
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { serviceName: value, eventType: value, dataCenter: value, minutes: fc.integer({ min: 1, max: 600 }) },
          { requiredKeys: ['minutes'] },
        ),
        fc.array(fc.record({ n: fc.integer({ min: 0, max: 30 }), ago: fc.integer({ min: 0, max: 900 }), service: value, type: value })),
        async (input, spec) => {
          const data = spec.flatMap((s) => events(s.n, s.ago, { serviceName: s.service, eventType: s.type }));
          const server = api(data);
          const explanation = await explainEmpty(q(input), server.execute, 'local');
          assert.ok(server.asked.length <= MAX_EXTRA_REQUESTS, `${server.asked.length} requests`);
          // None asks what the query itself asked (whatever its limit): that answer was "none".
          const { limit: _limit, ...itself } = toApiParams(q(input));
          for (const { limit: _l, ...asked } of server.asked) {
            assert.notDeepEqual(asked, itself);
          }
          assert.ok(explanation.message.length > 0);
          if (explanation.correction) {
            assert.ok(validateQuery(explanation.correction, 'local').ok, JSON.stringify(explanation.correction));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('knownValues.nearestKnown', () => {
  const known = new Map([
    ['coinapi-ws', 312],
    ['coinapi-fix', 40],
    ['exchangerate-ws', 9],
    ['__proto__', 1],
  ]);

  it('ranks the same text in another case, then a prefix, then few edits', () => {
    assert.deepEqual(nearestKnown('COINAPI-WS', known), ['coinapi-ws', 'coinapi-fix'], 'same text first, then 3 edits');
    assert.deepEqual(nearestKnown('coinapi-wss', known), ['coinapi-ws', 'coinapi-fix']);
    assert.deepEqual(nearestKnown('coinapi-w', known), ['coinapi-ws', 'coinapi-fix'], 'a prefix before 3 edits');
    assert.deepEqual(nearestKnown('zzzzzz', known), []);
    assert.deepEqual(nearestKnown('__proto_', known), ['__proto__']);
  });
});
