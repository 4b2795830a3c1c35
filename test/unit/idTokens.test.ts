import * as assert from 'node:assert/strict';
import { idTokens, MAX_LINE } from '../../src/core/idExtraction';
import { debugSessionQueryInput, isDebugSessionTimes } from '../../src/core/debugWindow';

const UUID = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';

describe('IDs in a line (editor hovers, terminal links)', () => {
  it('finds connection IDs and, when asked, UUIDs, with their exact offsets, in line order', () => {
    const line = `closed <b>conn_7f9a8b2c1d3e4f5a</b> key=${UUID} then conn_abcd.`;
    const tokens = idTokens(line, { uuids: true });
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.id, line.slice(t.start, t.end)]),
      [
        ['connection', 'conn_7f9a8b2c1d3e4f5a', 'conn_7f9a8b2c1d3e4f5a'],
        ['apiKey', UUID.toLowerCase(), UUID],
        ['connection', 'conn_abcd', 'conn_abcd'],
      ],
    );
    assert.deepEqual(
      idTokens(line, { uuids: false }).map((t) => t.id),
      ['conn_7f9a8b2c1d3e4f5a', 'conn_abcd'],
    );
  });

  it('takes no part of a longer word, and no UUID inside a longer hex run', () => {
    for (const line of [
      'xconn_7f9a8b2c',
      'my-conn_7f9a8b2c',
      'conn_7f9a8b2c_suffix',
      'conn_abc',
      `${UUID}-00`,
      `a${UUID}`,
      '__proto__ constructor conn_',
    ]) {
      assert.deepEqual(idTokens(line, { uuids: true }), [], line);
    }
  });

  it('reads hostile lines safely: markup, formulas, names of Object.prototype; a line past the limit is not read', () => {
    const hostile = `=HYPERLINK("conn_evil0001") <img src=x onerror=alert(1)> __proto__:conn_proto0001 constructor=${UUID}`;
    assert.deepEqual(
      idTokens(hostile, { uuids: true }).map((t) => t.id),
      ['conn_evil0001', 'conn_proto0001', UUID.toLowerCase()],
    );
    const long = `${'x'.repeat(MAX_LINE)} conn_7f9a8b2c`;
    assert.deepEqual(idTokens(long, { uuids: true }), []);
    assert.equal(idTokens(long.slice(-MAX_LINE), { uuids: true }).length, 1);
  });
});

describe("a debug session's query", () => {
  const START = Date.UTC(2026, 10, 29, 10, 0, 0);
  const END = START + 90_000;

  it('is the session widened by the margin, with the current filters and without their time range', () => {
    assert.deepEqual(
      debugSessionQueryInput({ name: 'Launch client', startMs: START, endMs: END }, 30, {
        serviceName: 'coinapi-ws',
        minutes: 60,
        limit: 500,
      }),
      { serviceName: 'coinapi-ws', limit: 500, timeStart: '2026-11-29T09:59:30.000Z', timeEnd: '2026-11-29T10:02:00.000Z' },
    );
    assert.deepEqual(
      debugSessionQueryInput({ name: 'x', startMs: START, endMs: END }, 0, {
        timeStart: '2020-01-01T00:00:00Z',
        timeEnd: '2020-01-02T00:00:00Z',
      }),
      { timeStart: '2026-11-29T10:00:00.000Z', timeEnd: '2026-11-29T10:01:30.000Z' },
    );
  });

  it('of a session still running has no end', () => {
    assert.deepEqual(debugSessionQueryInput({ name: 'x', startMs: START }, 30, undefined), { timeStart: '2026-11-29T09:59:30.000Z' });
  });

  it('is made only from stored times that are times', () => {
    assert.ok(isDebugSessionTimes({ name: 'a', startMs: START, endMs: END }));
    assert.ok(isDebugSessionTimes({ name: '__proto__', startMs: START }));
    for (const bad of [
      undefined,
      null,
      'x',
      {},
      { name: 1, startMs: START },
      { name: 'a', startMs: '1' },
      { name: 'a', startMs: END, endMs: START },
      { name: 'a', startMs: NaN },
    ]) {
      assert.equal(isDebugSessionTimes(bad), false, JSON.stringify(bad));
    }
  });
});
