import * as assert from 'node:assert/strict';
import { INT32_MAX, toApiParams, validateField, validateQuery, type EventQuery } from '../../src/core/query';
import { describeQuery } from '../../src/core/querySummary';
import { parseTimestamp } from '../../src/core/time';
import { BAD_COMBINATIONS, BAD_INPUTS } from '../fixtures/badInputs';

describe('core/query', () => {
  describe('validateQuery refuses bad values with a message naming the field', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['not a uuid', { apiKeyId: 'abc' }, 'apiKeyId', /UUID/],
      ['a uuid with a bad character', { apiKeyId: 'f1e2d3c4-b5a6-9879-8765-4321dcba098g' }, 'apiKeyId', /UUID/],
      ['not a date', { timeStart: 'yesterday' }, 'timeStart', /date-time/],
      ['an impossible date', { timeEnd: '2026-02-30 10:00' }, 'timeEnd', /date-time/],
      ['an offset of 24 hours', { timeStart: '2026-04-20T10:00:00+24:00' }, 'timeStart', /date-time/],
      ['an offset of 99:99', { timeEnd: '2026-04-20T10:00:00+99:99' }, 'timeEnd', /date-time/],
      ['an offset with 60 minutes', { timeEnd: '2026-04-20T10:00:00-05:60' }, 'timeEnd', /date-time/],
      ['end before start', { timeStart: '2026-04-20T10:00:00Z', timeEnd: '2026-04-20T09:00:00Z' }, 'timeEnd', /after timeStart/],
      ['end equal to start', { timeStart: '2026-04-20T10:00:00Z', timeEnd: '2026-04-20T10:00:00Z' }, 'timeEnd', /after timeStart/],
      ['zero minutes', { minutes: 0 }, 'minutes', /at least 1/],
      ['negative limit', { limit: -5 }, 'limit', /at least 1/],
      ['limit above int32', { limit: INT32_MAX + 1 }, 'limit', /at most 2147483647/],
      ['fractional minutes', { minutes: 1.5 }, 'minutes', /whole number/],
      ['fractional text limit', { limit: '10.5' }, 'limit', /whole number/],
      ['text that is not a number', { limit: '10 events' }, 'limit', /whole number/],
      ['a boolean limit', { limit: true }, 'limit', /whole number/],
      ['minutes with a range', { minutes: 60, timeStart: '2026-04-20T10:00:00Z' }, 'minutes', /cannot be combined/],
      ['a 10 kB string', { serviceName: 'x'.repeat(10_000) }, 'serviceName', /too long/],
      ['control characters', { connectionId: 'conn_1\u0000\n' + 'x' }, 'connectionId', /control characters/],
      ['a number for a text filter', { serviceName: 42 }, 'serviceName', /must be text/],
      ['an unknown parameter', { service: 'coinapi-ws' }, 'service', /not a query parameter/],
    ];
    for (const [name, input, field, pattern] of cases) {
      it(name, () => {
        const result = validateQuery(input, 'local');
        assert.equal(result.ok, false);
        if (!result.ok) {
          const error = result.errors.find((e) => e.field === field);
          assert.ok(error, `expected an error for ${field}, got ${JSON.stringify(result.errors)}`);
          assert.ok(error.message.startsWith(`${field}:`), error.message);
          assert.match(error.message, pattern);
        }
      });
    }

    it('reports every problem at once', () => {
      const result = validateQuery({ apiKeyId: 'x', limit: 0, minutes: -1 }, 'local');
      assert.equal(result.ok, false);
      assert.deepEqual(!result.ok && result.errors.map((e) => e.field).sort(), ['apiKeyId', 'limit', 'minutes']);
    });

    it('refuses something that is not an object', () => {
      for (const input of ['minutes=60', 60, [1, 2]]) {
        const result = validateQuery(input, 'local');
        assert.equal(result.ok, false, JSON.stringify(input));
      }
    });
  });

  describe('validateQuery accepts', () => {
    it('an empty query, and empty or whitespace values as unset', () => {
      assert.deepEqual(validateQuery(undefined, 'local'), { ok: true, query: {} });
      assert.deepEqual(validateQuery({ serviceName: '  ', limit: '', timeStart: '' }, 'local'), { ok: true, query: {} });
    });

    it('every parameter, trimmed and typed', () => {
      const result = validateQuery(
        {
          apiKeyId: ' F1E2D3C4-B5A6-9879-8765-4321DCBA0987 ',
          connectionId: 'conn_7f9a8b2c1d3e4f5a',
          serviceName: 'coinapi-ws',
          protocolName: 'WebSocket',
          dataCenter: 'us-east-1',
          eventType: 'disconnect',
          timeStart: '2026-04-20T19:30:38.5509677Z',
          timeEnd: '2026-04-20T20:00:00Z',
          limit: '250',
        },
        'local',
      );
      assert.ok(result.ok);
      assert.equal(result.query.apiKeyId, 'F1E2D3C4-B5A6-9879-8765-4321DCBA0987');
      assert.deepEqual(result.query.timeStart, parseTimestamp('2026-04-20T19:30:38.5509677Z'));
      assert.equal(result.query.limit, 250);
    });

    it('numbers at the int32 bounds', () => {
      assert.deepEqual(validateQuery({ minutes: 1, limit: INT32_MAX }, 'local'), { ok: true, query: { minutes: 1, limit: INT32_MAX } });
    });

    it('a time in the first century, sent as that year (not 1900 to 1999)', () => {
      const result = validateQuery({ timeStart: '0001-01-01T00:00:00Z', timeEnd: '0099-12-31T23:59:59Z' }, 'local');
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
      assert.deepEqual(toApiParams(result.query), { timeStart: '0001-01-01T00:00:00.000Z', timeEnd: '0099-12-31T23:59:59.000Z' });
    });

    it('offsets up to ±23:59', () => {
      const result = validateQuery({ timeStart: '2026-04-20T23:59:00+23:59', timeEnd: '2026-04-20T00:00:00-23:59' }, 'local');
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
      assert.deepEqual(toApiParams(result.query), { timeStart: '2026-04-20T00:00:00.000Z', timeEnd: '2026-04-20T23:59:00.000Z' });
    });
  });

  it('validateField gives the same message as the whole-query check', () => {
    const field = validateField('apiKeyId', 'nope', 'local');
    const whole = validateQuery({ apiKeyId: 'nope' }, 'local');
    assert.equal(field.ok, false);
    assert.equal(whole.ok, false);
    assert.equal(!field.ok && field.error.message, !whole.ok && whole.errors[0]?.message);
  });

  it('toApiParams sends only set fields, timestamps in UTC', () => {
    const query: EventQuery = {
      serviceName: 'coinapi-ws',
      timeStart: parseTimestamp('2026-04-20T21:30:00+02:00')!,
      timeEnd: parseTimestamp('2026-04-20T19:45:00.1234567Z')!,
      limit: 10,
    };
    assert.deepEqual(toApiParams(query), {
      serviceName: 'coinapi-ws',
      timeStart: '2026-04-20T19:30:00.000Z',
      timeEnd: '2026-04-20T19:45:00.1234567Z',
      limit: '10',
    });
  });

  it('describeQuery gives a one-line summary, with the limit the request carried', () => {
    assert.equal(describeQuery({ minutes: 60, serviceName: 'coinapi-ws' }, 1000, 'local'), 'last 60 min · coinapi-ws · limit 1000');
    assert.equal(
      describeQuery({ minutes: 1440, eventType: 'disconnect', limit: 50 }, 50, 'local'),
      'last 24 h · type disconnect · limit 50',
    );
    assert.equal(describeQuery({ minutes: 10_080 }, 1000, 'local'), 'last 7 days · limit 1000');
    assert.equal(describeQuery({ apiKeyId: 'f1e2d3c4-b5a6-9879-8765-4321dcba0987' }, 20, 'local'), 'all time · key f1e2d3c4… · limit 20');
    const start = new Date(2026, 3, 20, 19, 30).getTime();
    assert.equal(
      describeQuery({ timeStart: { ms: start, ticks: 0 }, timeEnd: { ms: start + 3_600_000, ticks: 0 } }, 1000, 'local'),
      '2026-04-20 19:30 → 20:30 · limit 1000',
    );
  });
});

describe('core/query: the shared table of bad inputs', () => {
  for (const { field, value, why } of BAD_INPUTS) {
    it(`refuses ${field} = ${why}, naming the field`, () => {
      const field_ = validateField(field, value, 'local');
      const whole = validateQuery({ [field]: value }, 'local');
      assert.equal(field_.ok, false);
      assert.equal(whole.ok, false);
      assert.ok(!field_.ok && field_.error.message.startsWith(`${field}:`));
      assert.equal(!whole.ok && whole.errors[0]?.message, !field_.ok && field_.error.message);
    });
  }
  for (const { query, field, why } of BAD_COMBINATIONS) {
    it(`refuses ${why}, naming ${field}`, () => {
      const result = validateQuery(query, 'local');
      assert.ok(!result.ok && result.errors.some((e) => e.field === field && e.message.startsWith(`${field}:`)));
    });
  }
});
