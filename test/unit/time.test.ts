import * as assert from 'node:assert/strict';
import { compareInstants, diffMs, formatDuration, formatInstantUtc, formatLocalMillis, parseTimestamp, parseUserDateTime } from '../../src/core/time';

describe('core/time', () => {
  describe('parseTimestamp', () => {
    it('keeps all seven fractional digits as milliseconds plus 100 ns ticks', () => {
      assert.deepEqual(parseTimestamp('2026-04-20T19:30:38.5509677Z'), { ms: Date.UTC(2026, 3, 20, 19, 30, 38, 550), ticks: 9677 });
    });

    it('reads 0 to 7 fractional digits', () => {
      const base = Date.UTC(2026, 3, 20, 19, 30, 38);
      assert.deepEqual(parseTimestamp('2026-04-20T19:30:38Z'), { ms: base, ticks: 0 });
      assert.deepEqual(parseTimestamp('2026-04-20T19:30:38.5Z'), { ms: base + 500, ticks: 0 });
      assert.deepEqual(parseTimestamp('2026-04-20T19:30:38.123Z'), { ms: base + 123, ticks: 0 });
      assert.deepEqual(parseTimestamp('2026-04-20T19:30:38.1234Z'), { ms: base + 123, ticks: 4000 });
      assert.deepEqual(parseTimestamp('2026-04-20T19:30:38.123456789Z'), { ms: base + 123, ticks: 4567 });
    });

    it('applies offsets and takes a value without a zone as UTC', () => {
      const utc = parseTimestamp('2026-04-20T19:30:00Z');
      assert.deepEqual(parseTimestamp('2026-04-20T21:30:00+02:00'), utc);
      assert.deepEqual(parseTimestamp('2026-04-20T14:30:00-0500'), utc);
      assert.deepEqual(parseTimestamp('2026-04-20T19:30:00'), utc);
    });

    for (const bad of ['', 'yesterday', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-04-20T24:00:00Z', '2026-04-20T19:61Z', '20260420T193000Z', '2026-04-20T19:30:00Zjunk']) {
      it(`refuses ${JSON.stringify(bad)}`, () => {
        assert.equal(parseTimestamp(bad), undefined);
      });
    }
  });

  describe('parseUserDateTime', () => {
    it('reads a date alone, a local time, and UTC or offset forms', () => {
      assert.equal(parseUserDateTime('2026-04-20')?.ms, new Date(2026, 3, 20).getTime());
      assert.equal(parseUserDateTime(' 2026-04-20 19:30 ')?.ms, new Date(2026, 3, 20, 19, 30).getTime());
      assert.equal(parseUserDateTime('2026-04-20T19:30:00Z')?.ms, Date.UTC(2026, 3, 20, 19, 30));
      assert.equal(parseUserDateTime('2026-04-20T21:30+02:00')?.ms, Date.UTC(2026, 3, 20, 19, 30));
    });
  });

  it('orders by the sub-millisecond part when milliseconds are equal', () => {
    const a = parseTimestamp('2026-04-20T19:30:38.5509677Z')!;
    const b = parseTimestamp('2026-04-20T19:30:38.5509695Z')!;
    const c = parseTimestamp('2026-04-20T19:30:38.551Z')!;
    assert.ok(compareInstants(a, b) < 0);
    assert.ok(compareInstants(b, c) < 0);
    assert.equal(compareInstants(a, a), 0);
    assert.equal(diffMs(a, b), 0.0018);
  });

  it('formats for the API without losing ticks', () => {
    assert.equal(formatInstantUtc({ ms: Date.UTC(2026, 3, 20, 19, 30, 38, 550), ticks: 0 }), '2026-04-20T19:30:38.550Z');
    assert.equal(formatInstantUtc(parseTimestamp('2026-04-20T19:30:38.5509677Z')!), '2026-04-20T19:30:38.5509677Z');
    assert.equal(formatInstantUtc(parseTimestamp('2026-04-20T19:30:38.0000001Z')!), '2026-04-20T19:30:38.0000001Z');
  });

  it('formats local time to the millisecond', () => {
    assert.equal(formatLocalMillis({ ms: new Date(2026, 3, 20, 21, 30, 38, 7).getTime(), ticks: 9999 }), '2026-04-20 21:30:38.007');
  });

  it('formats durations for people', () => {
    assert.equal(formatDuration(820), '820 ms');
    assert.equal(formatDuration(45_000), '45 s');
    assert.equal(formatDuration(180_000), '3 min');
    assert.equal(formatDuration(185_000), '3 min 5 s');
    assert.equal(formatDuration(3 * 3_600_000 + 12 * 60_000), '3 h 12 min');
    assert.equal(formatDuration(2 * 86_400_000 + 3_600_000), '2 d 1 h');
  });
});
