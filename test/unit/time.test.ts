import * as assert from 'node:assert/strict';
import {
  compareInstants,
  diffMs,
  formatDuration,
  formatInstantUtc,
  formatTimeMillis,
  parseTimestamp,
  parseUserDateTime,
} from '../../src/core/time';

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

    it('reads years 0000 to 0099 as those years, not 1900 to 1999 (.NET DateTime.MinValue)', () => {
      const minValue = new Date(0);
      minValue.setUTCFullYear(1, 0, 1);
      assert.deepEqual(parseTimestamp('0001-01-01T00:00:00'), { ms: minValue.getTime(), ticks: 0 });
      assert.equal(formatInstantUtc(parseTimestamp('0001-01-01T00:00:00')!), '0001-01-01T00:00:00.000Z');
      assert.equal(formatInstantUtc(parseTimestamp('0099-12-31T23:59:59.9999999Z')!), '0099-12-31T23:59:59.9999999Z');
      assert.equal(formatInstantUtc(parseTimestamp('0000-02-29T12:00:00Z')!), '0000-02-29T12:00:00.000Z', 'year 0 is a leap year');
      assert.equal(parseTimestamp('0100-02-29T00:00:00Z'), undefined, '100 is not');
    });

    it('reads the extreme offsets a place can have, and refuses the rest', () => {
      assert.equal(parseTimestamp('2026-04-20T23:59:00+23:59')?.ms, Date.UTC(2026, 3, 20, 0, 0));
      assert.equal(parseTimestamp('2026-04-20T00:00:00-23:59')?.ms, Date.UTC(2026, 3, 20, 23, 59));
      assert.equal(parseTimestamp('2026-04-20T00:00:00+14:00')?.ms, Date.UTC(2026, 3, 19, 10, 0));
      for (const offset of ['+24:00', '-24:00', '+99:99', '+12:60', '+0060', '-2400']) {
        assert.equal(parseTimestamp(`2026-04-20T00:00:00${offset}`), undefined, offset);
      }
    });

    for (const bad of [
      '',
      'yesterday',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-04-20T24:00:00Z',
      '2026-04-20T19:61Z',
      '20260420T193000Z',
      '2026-04-20T19:30:00Zjunk',
    ]) {
      it(`refuses ${JSON.stringify(bad)}`, () => {
        assert.equal(parseTimestamp(bad), undefined);
      });
    }
  });

  describe('parseUserDateTime', () => {
    it('reads a date alone, a local time, and UTC or offset forms', () => {
      assert.equal(parseUserDateTime('2026-04-20', 'local')?.ms, new Date(2026, 3, 20).getTime());
      assert.equal(parseUserDateTime(' 2026-04-20 19:30 ', 'local')?.ms, new Date(2026, 3, 20, 19, 30).getTime());
      assert.equal(parseUserDateTime('2026-04-20T19:30:00Z', 'local')?.ms, Date.UTC(2026, 3, 20, 19, 30));
      assert.equal(parseUserDateTime('2026-04-20T21:30+02:00', 'local')?.ms, Date.UTC(2026, 3, 20, 19, 30));
    });

    it('reads early years as typed, in local time and in UTC', () => {
      assert.equal(new Date(parseUserDateTime('0050-06-15 12:00', 'local')!.ms).getFullYear(), 50);
      assert.equal(new Date(parseUserDateTime('0001-01-01', 'local')!.ms).getFullYear(), 1);
      assert.equal(formatInstantUtc(parseUserDateTime('0050-06-15T12:00Z', 'local')!), '0050-06-15T12:00:00.000Z');
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
    assert.equal(formatTimeMillis({ ms: new Date(2026, 3, 20, 21, 30, 38, 7).getTime(), ticks: 9999 }, 'local'), '2026-04-20 21:30:38.007');
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
