import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ConnectionEvent } from '../../src/core/records';
import { groupByConnection } from '../../src/core/grouping';
import { applyView, countByType, DEFAULT_VIEW, displayTime, toRows, type EventRow } from '../../src/core/table';
import { formatTimeMillis } from '../../src/core/time';
import { buildTimeline } from '../../src/core/timeline';

function event(
  id: string,
  connectionId: string,
  eventType: string,
  eventTimestamp: string,
  extra: Partial<ConnectionEvent> = {},
): ConnectionEvent {
  return {
    eventId: id,
    connectionId,
    eventType,
    eventTimestamp,
    serviceName: 'coinapi-ws',
    eventDescription: `${eventType} ${id}`,
    ...extra,
  };
}

const END = { rangeEndMs: Date.parse('2026-04-20T20:00:00Z') };

describe('core/table', () => {
  const connections = groupByConnection(
    [
      event('1', 'a', 'connect', '2026-04-20T19:00:00.0000001Z'),
      event('2', 'a', 'heartbeat', '2026-04-20T19:00:00.0000002Z'),
      event('3', 'b', 'heartbeat', '2026-04-20T19:00:00.0000002Z', { serviceName: 'coinapi-fix', host: null }),
      event('4', 'b', 'disconnect', '2026-04-20T19:05:00Z', { eventDescription: 'closed by client' }),
    ],
    END,
  );
  const rows = toRows(connections);

  it('flattens connections into rows with text fields and the original timestamp', () => {
    assert.equal(rows.length, 4);
    const row = rows.find((r) => r.id === '3')!;
    assert.equal(row.host, '');
    assert.equal(row.service, 'coinapi-fix');
    assert.equal(row.time, '2026-04-20T19:00:00.0000002Z');
  });

  it('sorts by time to the tick, newest first by default, ties by ID', () => {
    assert.deepEqual(
      applyView(rows, DEFAULT_VIEW, 'local').map((r) => r.id),
      ['4', '3', '2', '1'],
    );
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, sort: { column: 'time', descending: false } }, 'local').map((r) => r.id),
      ['1', '2', '3', '4'],
    );
  });

  it('sorts by any column, then by time', () => {
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, sort: { column: 'type', descending: false } }, 'local').map((r) => r.type),
      ['connect', 'disconnect', 'heartbeat', 'heartbeat'],
    );
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, sort: { column: 'service', descending: true } }, 'local').map((r) => r.service),
      ['coinapi-ws', 'coinapi-ws', 'coinapi-ws', 'coinapi-fix'],
    );
  });

  it('filters by text in any column, case-insensitively, and by excluded types', () => {
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, text: 'CLOSED BY' }, 'local').map((r) => r.id),
      ['4'],
    );
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, excludedTypes: ['heartbeat'] }, 'local').map((r) => r.id),
      ['4', '1'],
    );
    assert.deepEqual(applyView(rows, { ...DEFAULT_VIEW, text: '  ' }, 'local').length, 4);
  });

  it('quick filter: matches the time as the Time column shows it (local), the UTC text with T or a space, the event ID and the API key ID', () => {
    const keyed = toRows(
      groupByConnection(
        [
          event('ev-1', 'a', 'connect', '2026-04-20T19:00:00.1234567Z', { apikeyId: 'f1e2d3c4-b5a6-9879-8765-4321dcba0987' }),
          event('ev-2', 'a', 'heartbeat', '2026-04-20T19:07:30Z', { apikeyId: 'aaaaaaaa-b5a6-9879-8765-4321dcba0987' }),
        ],
        END,
      ),
    );
    const first = keyed.find((r) => r.id === 'ev-1')!;
    const shown = formatTimeMillis(first, 'local');
    assert.equal(displayTime(first, 'local'), shown, 'the Time column and the filter read the same text');
    const ids = (text: string) => applyView(keyed, { ...DEFAULT_VIEW, text }, 'local').map((r) => r.id);
    assert.deepEqual(ids(shown), ['ev-1'], `the shown time ${shown}`);
    assert.deepEqual(ids(shown.slice(0, 16)), ['ev-1'], 'the shown time to the minute');
    assert.deepEqual(ids('2026-04-20 19:07:30'), ['ev-2'], 'the UTC text with a space');
    assert.deepEqual(ids('2026-04-20T19:00:00.1234567Z'), ['ev-1'], 'the UTC text as sent');
    assert.deepEqual(ids('EV-2'), ['ev-2'], 'the event ID');
    assert.deepEqual(ids('aaaaaaaa-b5a6'), ['ev-2'], 'the API key ID');
  });

  it('counts and excludes types named like Object.prototype members', () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names, 'heartbeat'), { minLength: 1, maxLength: 30 }),
        fc.subarray(names),
        (types, excluded) => {
          const hostileRows = toRows(
            groupByConnection(
              types.map((type, i) => event(`h${i}`, type, type, `2026-04-20T19:00:${String(i).padStart(2, '0')}Z`)),
              END,
            ),
          );
          const expected = new Map<string, number>();
          for (const type of types) {
            expected.set(type, (expected.get(type) ?? 0) + 1);
          }
          assert.deepEqual(new Map(countByType(hostileRows)), expected);
          const kept = applyView(hostileRows, { ...DEFAULT_VIEW, excludedTypes: excluded }, 'local');
          assert.equal(kept.length, types.filter((t) => !excluded.includes(t)).length);
          assert.equal(
            applyView(hostileRows, { ...DEFAULT_VIEW, text: 'constructor' }, 'local').length,
            types.filter((t) => t === 'constructor').length,
          );
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('counts types, most frequent first', () => {
    assert.deepEqual(countByType(rows), [
      ['heartbeat', 2],
      ['connect', 1],
      ['disconnect', 1],
    ]);
  });

  it('leaves the input untouched', () => {
    const copy: EventRow[] = [...rows];
    applyView(rows, { ...DEFAULT_VIEW, sort: { column: 'type', descending: true } }, 'local');
    assert.deepEqual(rows, copy);
  });
});

describe('core/timeline', () => {
  it('marks silences longer than the threshold, with offsets from the first event', () => {
    const [connection] = groupByConnection(
      [
        event('c', 'x', 'connect', '2026-04-20T19:00:00Z'),
        event('h1', 'x', 'heartbeat', '2026-04-20T19:01:00Z'),
        event('h2', 'x', 'heartbeat', '2026-04-20T19:07:00Z'),
        event('h3', 'x', 'heartbeat', '2026-04-20T19:08:00Z'),
        event('d', 'x', 'disconnect', '2026-04-20T19:12:00Z', { eventDescription: 'timeout' }),
      ],
      END,
    );
    const timeline = buildTimeline(connection!, { gapThresholdMs: 120_000, rangeEndMs: END.rangeEndMs });
    assert.equal(timeline.state, 'closed');
    assert.equal(timeline.durationMs, 12 * 60_000);
    assert.equal(timeline.endMs - timeline.startMs, 12 * 60_000);
    assert.deepEqual(
      timeline.points.map((p) => [p.type, p.offsetMs]),
      [
        ['connect', 0],
        ['heartbeat', 60_000],
        ['heartbeat', 420_000],
        ['heartbeat', 480_000],
        ['disconnect', 720_000],
      ],
    );
    assert.deepEqual(timeline.gaps, [
      { fromMs: 60_000, toMs: 420_000, durationMs: 360_000, trailing: false },
      { fromMs: 480_000, toMs: 720_000, durationMs: 240_000, trailing: false },
    ]);
    assert.equal(timeline.disconnectReason, 'timeout');
  });

  it('marks the silence after the last event when no disconnect was seen', () => {
    const [connection] = groupByConnection(
      [event('c', 'y', 'connect', '2026-04-20T19:50:00Z'), event('h', 'y', 'heartbeat', '2026-04-20T19:51:00Z')],
      END,
    );
    const timeline = buildTimeline(connection!, { gapThresholdMs: 120_000, rangeEndMs: END.rangeEndMs });
    assert.equal(timeline.state, 'unknown');
    assert.deepEqual(timeline.gaps, [{ fromMs: 60_000, toMs: 600_000, durationMs: 540_000, trailing: true }]);
    assert.equal(timeline.endMs, END.rangeEndMs);
  });

  it('marks no gap on a connection that sends no heartbeats (REST), as the tree does', () => {
    const [connection] = groupByConnection(
      [
        event('c', 'r', 'connect', '2026-04-20T19:00:00Z'),
        event('l', 'r', 'rate_limited', '2026-04-20T19:09:00Z'),
        event('s', 'r', 'connect', '2026-04-20T19:30:00Z'),
      ],
      END,
    );
    const timeline = buildTimeline(connection!, { gapThresholdMs: 120_000, rangeEndMs: END.rangeEndMs });
    assert.deepEqual(timeline.gaps, []);
    assert.equal(timeline.endMs - timeline.startMs, 30 * 60_000, 'the axis ends at its last event');
  });
});
