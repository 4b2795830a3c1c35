import * as l10n from '@vscode/l10n';
import type { Connection } from './grouping';
import { formatTimeMillis, zoneName, type TimeZone } from './time';

/**
 * One event as the panel's table shows it: flat, text only, with the
 * timestamp kept as epoch milliseconds plus 100 ns ticks for sorting.
 */
export interface EventRow {
  readonly id: string;
  readonly ms: number;
  readonly ticks: number;
  /** The timestamp exactly as the server sent it. */
  readonly time: string;
  readonly type: string;
  readonly connectionId: string;
  readonly service: string;
  readonly protocol: string;
  readonly dataCenter: string;
  readonly host: string;
  readonly ip: string;
  readonly description: string;
  /** Not a column; the quick filter matches it, as it does the event ID. */
  readonly apiKeyId: string;
}

export type ColumnId = 'time' | 'type' | 'connectionId' | 'service' | 'protocol' | 'dataCenter' | 'host' | 'ip' | 'description';

/** The columns in order. */
export const COLUMNS: readonly ColumnId[] = [
  'time',
  'type',
  'connectionId',
  'service',
  'protocol',
  'dataCenter',
  'host',
  'ip',
  'description',
];

/** Whether text (from saved state, say) names a column. */
export function isColumn(text: string): text is ColumnId {
  return (COLUMNS as readonly string[]).includes(text);
}

/**
 * A column's label in the user's language (read when shown, after the page has set the language up);
 * the time's names the zone it is shown in, `Time (UTC)`.
 */
export function columnLabel(column: ColumnId, zone: TimeZone): string {
  const labels: Readonly<Record<ColumnId, string>> = {
    time: l10n.t('Time ({0})', zoneName(zone, Date.now())),
    type: l10n.t('Type'),
    connectionId: l10n.t('Connection'),
    service: l10n.t('Service'),
    protocol: l10n.t('Protocol'),
    dataCenter: l10n.t('Data center'),
    host: l10n.t('Host'),
    ip: l10n.t('IP'),
    description: l10n.t('Description'),
  };
  return labels[column];
}

export interface TableView {
  /** Case-insensitive text matched against every column (the time as shown and as UTC), the event ID and the API key ID. */
  readonly text: string;
  readonly excludedTypes: readonly string[];
  readonly sort: { readonly column: ColumnId; readonly descending: boolean };
}

export const DEFAULT_VIEW: TableView = { text: '', excludedTypes: [], sort: { column: 'time', descending: true } };

/** Every event of every connection, in the connections' order. */
export function toRows(connections: readonly Connection[]): EventRow[] {
  const rows: EventRow[] = [];
  for (const c of connections) {
    for (const { event, at } of c.events) {
      rows.push({
        id: event.eventId,
        ms: at.ms,
        ticks: at.ticks,
        time: event.eventTimestamp,
        type: event.eventType,
        connectionId: event.connectionId,
        service: event.serviceName ?? '',
        protocol: event.protocolName ?? '',
        dataCenter: event.dataCenter ?? '',
        host: event.host ?? '',
        ip: event.ipAddress ?? '',
        description: event.eventDescription ?? '',
        apiKeyId: event.apikeyId ?? '',
      });
    }
  }
  return rows;
}

/** The rows the table shows: filtered by text (the time as shown in `zone`) and type, then sorted (stably, ties by time). */
export function applyView(rows: readonly EventRow[], view: TableView, zone: TimeZone): EventRow[] {
  const text = view.text.trim().toLowerCase();
  const excluded = new Set(view.excludedTypes);
  const kept = rows.filter((row) => !excluded.has(row.type) && (text === '' || matchesText(row, text, zone)));
  const { column, descending } = view.sort;
  const direction = descending ? -1 : 1;
  const compare =
    column === 'time'
      ? (a: EventRow, b: EventRow) => compareTime(a, b)
      : (a: EventRow, b: EventRow) => compareText(a[column], b[column]) || compareTime(a, b);
  return kept.sort((a, b) => direction * (compare(a, b) || compareText(a.id, b.id)));
}

const shownTimes = new WeakMap<EventRow, { readonly zone: TimeZone; readonly text: string }>();

/**
 * The Time column's text: the time in `zone` to the millisecond. Worked out once per row and zone,
 * for the table and the quick filter alike.
 */
export function displayTime(row: EventRow, zone: TimeZone): string {
  const shown = shownTimes.get(row);
  if (shown?.zone === zone) {
    return shown.text;
  }
  const text = formatTimeMillis(row, zone);
  shownTimes.set(row, { zone, text });
  return text;
}

function matchesText(row: EventRow, text: string, zone: TimeZone): boolean {
  return (
    displayTime(row, zone).includes(text) ||
    row.time.toLowerCase().includes(text) ||
    // The UTC text as a person types it, with a space for the T.
    row.time.toLowerCase().replace('t', ' ').includes(text) ||
    row.id.toLowerCase().includes(text) ||
    row.apiKeyId.toLowerCase().includes(text) ||
    row.type.toLowerCase().includes(text) ||
    row.connectionId.toLowerCase().includes(text) ||
    row.service.toLowerCase().includes(text) ||
    row.protocol.toLowerCase().includes(text) ||
    row.dataCenter.toLowerCase().includes(text) ||
    row.host.toLowerCase().includes(text) ||
    row.ip.toLowerCase().includes(text) ||
    row.description.toLowerCase().includes(text)
  );
}

function compareTime(a: EventRow, b: EventRow): number {
  return a.ms - b.ms || a.ticks - b.ticks;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Event types with their counts, most frequent first. */
export function countByType(rows: readonly EventRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(row.type, (counts.get(row.type) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
}
