import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { parseRecords } from '../../src/api/recordParser';
import { groupByConnection } from '../../src/core/grouping';
import { connectionEventSchema, connectionStatusSchema, eventInstant } from '../../src/core/records';
import { FakeConsoleApi } from '../fake-api/server';

const EVENT = { eventId: 'e1', connectionId: 'c1', eventType: 'connect', eventTimestamp: '2026-04-20T19:30:38.5509677Z' };

describe('records as servers really send them', () => {
  it('a UTF-8 byte-order mark before valid JSON is accepted', async () => {
    const api = await FakeConsoleApi.start({ key: 'k-bom-test-0001', seed: 1, connections: 5 });
    const dispatcher = new Agent();
    try {
      api.setFault({ status: 200, body: `\uFEFF${JSON.stringify([EVENT])}` });
      const client = new ConsoleApiClient({ baseUrl: api.url, apiKey: api.key, dispatcher, retry: NO_RETRY });
      const result = await client.queryEvents({});
      assert.deepEqual(result.records, [EVENT]);
    } finally {
      await dispatcher.close();
      await api.close();
    }
  });

  describe('the log of invalid records says what was wrong with each field', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a missing field', { ...EVENT, eventId: undefined }, 'eventId: missing'],
      ['a number for a string', { ...EVENT, eventType: 42 }, 'eventType: expected string, got number'],
      ['null for a required string', { ...EVENT, connectionId: null }, 'connectionId: expected string, got null'],
      ['an object for an optional string', { ...EVENT, host: { name: 'h' } }, 'host: expected string, got object'],
      ['an array for an optional string', { ...EVENT, serviceName: ['a'] }, 'serviceName: expected string, got array'],
      ['an empty identifier', { ...EVENT, eventId: '' }, 'eventId: empty'],
      ['text that is not a timestamp', { ...EVENT, eventTimestamp: 'yesterday' }, 'eventTimestamp: not a timestamp'],
      ['a number for a timestamp', { ...EVENT, eventTimestamp: 1_776_713_438_550 }, 'eventTimestamp: expected string, got number'],
    ];
    for (const [name, record, reason] of cases) {
      it(name, () => {
        const result = parseRecords(JSON.stringify([record]), connectionEventSchema());
        assert.equal(result.invalidCount, 1);
        assert.match(result.invalidSamples[0]!.reason, new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      });
    }

    it('the same in the other endpoints, for an optional timestamp and a number', () => {
      const result = parseRecords(
        JSON.stringify([{ connectionId: 'c1', lastHeartbeat: 'soon', connectionDurationSeconds: '12' }]),
        connectionStatusSchema(),
      );
      assert.equal(
        result.invalidSamples[0]?.reason,
        'lastHeartbeat: not a timestamp (ISO 8601 date-time expected); connectionDurationSeconds: expected number, got string',
      );
    });

    it('a record that is not an object', () => {
      const result = parseRecords('[42, "x", null]', connectionEventSchema());
      assert.deepEqual(
        result.invalidSamples.map((s) => s.reason),
        ['record: expected object, got number', 'record: expected object, got string', 'record: expected object, got null'],
      );
    });
  });
});

describe('an event’s instant is parsed once, where the record crosses into the extension', () => {
  it('grouping uses the instant the schema parsed, not a second parse', () => {
    const result = connectionEventSchema().safeParse({
      eventId: 'e1',
      connectionId: 'c1',
      eventType: 'connect',
      eventTimestamp: '2026-04-20T12:00:00.1234567Z',
    });
    assert.ok(result.success);
    const at = eventInstant(result.data);
    assert.deepEqual(at, { ms: Date.parse('2026-04-20T12:00:00.123Z'), ticks: 4567 });
    // The same object, not an equal one: it was kept from the schema's check.
    assert.equal(eventInstant(result.data), at);
    assert.equal(groupByConnection([result.data], { rangeEndMs: Date.now() })[0]?.first.at, at);
  });

  it('a record made elsewhere (a test, restored state) is parsed when asked', () => {
    assert.deepEqual(eventInstant({ eventId: 'e', connectionId: 'c', eventType: 't', eventTimestamp: '2026-04-20T12:00:00Z' }), {
      ms: Date.parse('2026-04-20T12:00:00Z'),
      ticks: 0,
    });
    assert.equal(eventInstant({ eventId: 'e', connectionId: 'c', eventType: 't', eventTimestamp: 'yesterday' }), undefined);
  });
});
