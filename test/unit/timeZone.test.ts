import * as assert from 'node:assert/strict';
import { groupByConnection } from '../../src/core/grouping';
import { toEditableInput, validateField, validateQuery } from '../../src/core/query';
import { describeQuery } from '../../src/core/querySummary';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { applyView, columnLabel, DEFAULT_VIEW, displayTime, toRows } from '../../src/core/table';
import { formatTime, formatTimeMillis, parseTimestamp, parseUserDateTime, zoneName, type Instant } from '../../src/core/time';

const at = (iso: string): Instant => parseTimestamp(iso)!;

/**
 * The `timeZone` setting: every time shown and typed follows it. The local
 * zone is pinned to Europe/Warsaw here (CET, CEST from the last Sunday of
 * March to the last Sunday of October), so that its daylight saving edges are known.
 */
describe('the timeZone setting: times in local time or UTC', () => {
  let savedTz: string | undefined;
  before(() => {
    savedTz = process.env.TZ;
    // Node reads TZ again when it is assigned.
    process.env.TZ = 'Europe/Warsaw';
    assert.equal(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset(), -60, 'the test runs in Europe/Warsaw');
  });
  after(() => {
    if (savedTz === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = savedTz;
    }
  });

  it('is local unless set', () => {
    assert.equal(DEFAULT_SETTINGS.timeZone, 'local');
  });

  it('formats in UTC, whatever the machine’s zone', () => {
    const instant = at('2026-04-20T19:30:38.5509677Z');
    assert.equal(formatTimeMillis(instant, 'utc'), '2026-04-20 19:30:38.550');
    assert.equal(formatTime(instant, 'utc'), '2026-04-20 19:30:38');
    assert.equal(formatTime(instant, 'utc', false), '2026-04-20 19:30');
    assert.equal(formatTimeMillis(instant, 'local'), '2026-04-20 21:30:38.550');
    // Across midnight and the year in UTC, not in Warsaw.
    assert.equal(formatTimeMillis(at('2026-12-31T23:30:00.007Z'), 'utc'), '2026-12-31 23:30:00.007');
    assert.equal(formatTimeMillis(at('2026-12-31T23:30:00.007Z'), 'local'), '2027-01-01 00:30:00.007');
  });

  it('names the zone, with the local offset of the moment (daylight saving time)', () => {
    assert.equal(zoneName('utc', Date.UTC(2026, 6, 1)), 'UTC');
    assert.equal(zoneName('local', Date.UTC(2026, 0, 15)), 'local, UTC+01:00');
    assert.equal(zoneName('local', Date.UTC(2026, 6, 1)), 'local, UTC+02:00');
  });

  it('spring forward: 02:00 to 03:00 local on 2026-03-29, one second apart', () => {
    const before = at('2026-03-29T00:59:59Z');
    const after = at('2026-03-29T01:00:00Z');
    assert.equal(formatTime(before, 'local'), '2026-03-29 01:59:59');
    assert.equal(formatTime(after, 'local'), '2026-03-29 03:00:00');
    assert.equal(zoneName('local', before.ms), 'local, UTC+01:00');
    assert.equal(zoneName('local', after.ms), 'local, UTC+02:00');
    assert.equal(formatTime(before, 'utc'), '2026-03-29 00:59:59');
    assert.equal(formatTime(after, 'utc'), '2026-03-29 01:00:00');
  });

  it('fall back: 02:30 local shows twice on 2026-10-25, told apart by the zone’s name', () => {
    const first = at('2026-10-25T00:30:00Z');
    const second = at('2026-10-25T01:30:00Z');
    assert.equal(formatTime(first, 'local'), '2026-10-25 02:30:00');
    assert.equal(formatTime(second, 'local'), '2026-10-25 02:30:00');
    assert.equal(zoneName('local', first.ms), 'local, UTC+02:00');
    assert.equal(zoneName('local', second.ms), 'local, UTC+01:00');
    // In UTC nothing repeats.
    assert.equal(formatTime(first, 'utc'), '2026-10-25 00:30:00');
    assert.equal(formatTime(second, 'utc'), '2026-10-25 01:30:00');
  });

  it('reads a time typed without a zone in the chosen zone; Z and offsets win', () => {
    assert.equal(parseUserDateTime('2026-10-25 01:30', 'utc')?.ms, Date.UTC(2026, 9, 25, 1, 30));
    assert.equal(parseUserDateTime('2026-10-25', 'utc')?.ms, Date.UTC(2026, 9, 25));
    assert.equal(parseUserDateTime('2026-07-01 12:00', 'local')?.ms, Date.UTC(2026, 6, 1, 10));
    assert.equal(parseUserDateTime('2026-01-15 12:00', 'local')?.ms, Date.UTC(2026, 0, 15, 11));
    assert.equal(parseUserDateTime('2026-07-01T12:00Z', 'local')?.ms, Date.UTC(2026, 6, 1, 12));
    assert.equal(parseUserDateTime('2026-07-01T12:00+05:00', 'utc')?.ms, Date.UTC(2026, 6, 1, 7));
  });

  it('round-trips every quarter hour across both daylight saving edges, in both zones', () => {
    for (const day of [Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 9, 24, 20)]) {
      for (let ms = day; ms < day + 12 * 3_600_000; ms += 900_000) {
        const instant = { ms, ticks: 0 };
        assert.equal(parseUserDateTime(formatTime(instant, 'utc'), 'utc')?.ms, ms, new Date(ms).toISOString());
        const local = formatTime(instant, 'local');
        const back = parseUserDateTime(local, 'local')!.ms;
        // The repeated hour of fall back reads as one of its two instants; it shows the same either way.
        assert.equal(formatTime({ ms: back, ticks: 0 }, 'local'), local, new Date(ms).toISOString());
      }
    }
  });

  it('the query form and the palette show and read times in the chosen zone', () => {
    const typed = validateQuery({ timeStart: '2026-04-20 19:30', timeEnd: '2026-04-20 20:30' }, 'utc');
    assert.ok(typed.ok);
    assert.equal(typed.query.timeStart?.ms, Date.UTC(2026, 3, 20, 19, 30));
    assert.deepEqual(toEditableInput(typed.query, 'utc'), { timeStart: '2026-04-20 19:30:00', timeEnd: '2026-04-20 20:30:00' });
    assert.deepEqual(toEditableInput(typed.query, 'local'), { timeStart: '2026-04-20 21:30:00', timeEnd: '2026-04-20 22:30:00' });
    assert.equal(describeQuery(typed.query, 10, 'utc'), '2026-04-20 19:30 → 20:30 · limit 10');
    assert.equal(describeQuery(typed.query, 10, 'local'), '2026-04-20 21:30 → 22:30 · limit 10');
    const wrong = validateField('timeStart', 'yesterday', 'utc');
    assert.ok(!wrong.ok);
    assert.match(wrong.error.message, /^timeStart: is not a date-time\. .*\(UTC unless it ends in Z or an offset\)/);
  });

  it('the table’s Time column and its quick filter use the chosen zone, and the header names it', () => {
    const rows = toRows(
      groupByConnection(
        [
          { eventId: 'e1', connectionId: 'c', eventType: 'connect', eventTimestamp: '2026-03-29T00:59:59.5Z' },
          { eventId: 'e2', connectionId: 'c', eventType: 'heartbeat', eventTimestamp: '2026-03-29T01:00:00.25Z' },
        ],
        { rangeEndMs: Date.UTC(2026, 2, 29, 2) },
      ),
    );
    const e2 = rows.find((r) => r.id === 'e2')!;
    assert.equal(displayTime(e2, 'utc'), '2026-03-29 01:00:00.250');
    assert.equal(displayTime(e2, 'local'), '2026-03-29 03:00:00.250');
    assert.equal(displayTime(e2, 'utc'), '2026-03-29 01:00:00.250', 'a row shown in one zone, then another, then the first');
    const ids = (text: string, zone: 'utc' | 'local') => applyView(rows, { ...DEFAULT_VIEW, text }, zone).map((r) => r.id);
    assert.deepEqual(ids('03:00:00', 'local'), ['e2']);
    assert.deepEqual(ids('03:00:00', 'utc'), []);
    assert.deepEqual(ids('01:59:59', 'local'), ['e1']);
    assert.equal(columnLabel('time', 'utc'), 'Time (UTC)');
    assert.match(columnLabel('time', 'local'), /^Time \(local, UTC\+0[12]:00\)$/);
  });
});
