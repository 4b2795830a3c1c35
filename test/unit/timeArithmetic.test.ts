import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { daysInMonth, parseTimestamp, utcMs } from '../../src/core/time';

/** What utcMs and daysInMonth computed with Date objects before they were made arithmetic: the oracle. */
function dateUtcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}
const dateDaysInMonth = (year: number, month: number) => new Date(dateUtcMs(year, month + 1, 0, 0, 0, 0, 0)).getUTCDate();

describe('core/time: calendar arithmetic without Date objects', () => {
  it('utcMs equals the Date computation, rolled-over parts and years before 100 included (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -300_000, max: 300_000 }),
        fc.integer({ min: -2, max: 14 }),
        fc.integer({ min: -1, max: 32 }),
        fc.integer({ min: -1, max: 25 }),
        fc.integer({ min: -1, max: 61 }),
        fc.integer({ min: -1, max: 61 }),
        fc.integer({ min: -1, max: 1000 }),
        (year, month, day, hour, minute, second, millis) => {
          assert.ok(
            Object.is(utcMs(year, month, day, hour, minute, second, millis), dateUtcMs(year, month, day, hour, minute, second, millis)),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('daysInMonth equals the Date computation for every month of 0 to 2500 and far years', () => {
    for (const year of [...Array(2501).keys(), -1, -400, 100_000, 275_000]) {
      for (let month = 1; month <= 12; month++) {
        assert.equal(daysInMonth(year, month), dateDaysInMonth(year, month), `${year}-${month}`);
      }
    }
  });

  it('parses the instants it parsed before, the year 0001 and leap days included', () => {
    assert.deepEqual(parseTimestamp('0001-01-01T00:00:00Z'), { ms: dateUtcMs(1, 1, 1, 0, 0, 0, 0), ticks: 0 });
    assert.deepEqual(parseTimestamp('2024-02-29T23:59:59.9999999Z'), { ms: Date.UTC(2024, 1, 29, 23, 59, 59, 999), ticks: 9999 });
    assert.equal(parseTimestamp('2023-02-29T00:00:00Z'), undefined);
    assert.equal(parseTimestamp('1900-02-29T00:00:00Z'), undefined);
    assert.ok(parseTimestamp('2000-02-29T00:00:00Z'));
  });
});
