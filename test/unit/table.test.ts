import * as assert from 'node:assert/strict';
import type { ConnectionEvent } from '../../src/api/schemas';
import { groupByConnection } from '../../src/core/grouping';
import { applyView, countByType, DEFAULT_VIEW, toRows, type EventRow } from '../../src/core/table';
import { buildTimeline } from '../../src/core/timeline';

function event(id: string, connectionId: string, eventType: string, eventTimestamp: string, extra: Partial<ConnectionEvent> = {}): ConnectionEvent {
  return { eventId: id, connectionId, eventType, eventTimestamp, serviceName: 'coinapi-ws', eventDescription: `${eventType} ${id}`, ...extra };
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
      applyView(rows, DEFAULT_VIEW).map((r) => r.id),
      ['4', '3', '2', '1'],
    );
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, sort: { column: 'time', descending: false } }).map((r) => r.id),
      ['1', '2', '3', '4'],
    );
  });

  it('sorts by any column, then by time', () => {
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, sort: { column: 'type', descending: false } }).map((r) => r.type),
      ['connect', 'disconnect', 'heartbeat', 'heartbeat'],
    );
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, sort: { column: 'service', descending: true } }).map((r) => r.service),
      ['coinapi-ws', 'coinapi-ws', 'coinapi-ws', 'coinapi-fix'],
    );
  });

  it('filters by text in any column, case-insensitively, and by excluded types', () => {
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, text: 'CLOSED BY' }).map((r) => r.id),
      ['4'],
    );
    assert.deepEqual(
      applyView(rows, { ...DEFAULT_VIEW, excludedTypes: ['heartbeat'] }).map((r) => r.id),
      ['4', '1'],
    );
    assert.deepEqual(applyView(rows, { ...DEFAULT_VIEW, text: '  ' }).length, 4);
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
    applyView(rows, { ...DEFAULT_VIEW, sort: { column: 'type', descending: true } });
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
    const [connection] = groupByConnection([event('c', 'y', 'connect', '2026-04-20T19:50:00Z'), event('h', 'y', 'heartbeat', '2026-04-20T19:51:00Z')], END);
    const timeline = buildTimeline(connection!, { gapThresholdMs: 120_000, rangeEndMs: END.rangeEndMs });
    assert.equal(timeline.state, 'unknown');
    assert.deepEqual(timeline.gaps, [{ fromMs: 60_000, toMs: 600_000, durationMs: 540_000, trailing: true }]);
    assert.equal(timeline.endMs, END.rangeEndMs);
  });
});
