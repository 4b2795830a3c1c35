import * as l10n from '@vscode/l10n';
import type { Connection, TimedEvent } from './grouping';
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
    for (const timed of c.events) {
      rows.push(eventRow(timed));
    }
  }
  return rows;
}

/** One event as a row of the table. */
export function eventRow({ event, at }: TimedEvent): EventRow {
  return {
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
  };
}

/** The rows the table shows: filtered by text (the time as shown in `zone`) and type, then sorted (stably, ties by time). */
export function applyView(rows: readonly EventRow[], view: TableView, zone: TimeZone): EventRow[] {
  const filter = rowFilter(view);
  const kept = rows.filter((row) => isShown(row, filter, zone));
  return kept.sort(rowComparator(view.sort));
}

/** The panel's filters ready to match: the quick filter's text normalized, the type chips turned off. */
export interface RowFilter {
  readonly text: string;
  readonly excluded: ReadonlySet<string>;
}

export function rowFilter(view: Pick<TableView, 'text' | 'excludedTypes'>): RowFilter {
  return { text: normalizeFilter(view.text), excluded: new Set(view.excludedTypes) };
}

/** Whether a filter hides any row at all. */
export function isFiltering(filter: RowFilter): boolean {
  return filter.text !== '' || filter.excluded.size > 0;
}

/**
 * Whether the panel shows a row: the one rule, for the page's table and for what the host exports
 * as "shown". Its type is not turned off, and the quick filter's text is in its search text
 * (`joined`, the row's {@link searchText} when the caller keeps it, worked out otherwise).
 */
export function isShown(row: EventRow, filter: RowFilter, zone: TimeZone, joined?: string): boolean {
  if (filter.excluded.has(row.type)) {
    return false;
  }
  if (filter.text === '') {
    return true;
  }
  return joined === undefined ? matchesText(row, filter.text, zone) : matchesSearchText(joined, row, filter.text, zone);
}

/** The quick filter's text as it is matched: trimmed, lower case. */
export function normalizeFilter(text: string): string {
  return text.trim().toLowerCase();
}

/** The table's order for a sort: by the column, then by time, then by event ID. */
export function rowComparator(sort: TableView['sort']): (a: EventRow, b: EventRow) => number {
  const { column, descending } = sort;
  const direction = descending ? -1 : 1;
  const compare =
    column === 'time'
      ? (a: EventRow, b: EventRow) => compareTime(a, b)
      : (a: EventRow, b: EventRow) => compareText(a[column], b[column]) || compareTime(a, b);
  return (a, b) => direction * (compare(a, b) || compareText(a.id, b.id));
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

/** Between the texts of a row's search text: no text typed in the filter holds it (and one that does is matched field by field). */
const SEPARATOR = '\u0000';
const searchTexts = new WeakMap<EventRow, { readonly zone: TimeZone; readonly text: string }>();

/**
 * Whether a row matches the quick filter's normalized text: in any column (the time as shown in
 * `zone`, as sent and with a space for the T), the event ID or the API key ID. Each row's texts are
 * lower-cased and joined once per zone, so a keystroke over 100,000 rows is one search per row.
 */
export function matchesText(row: EventRow, text: string, zone: TimeZone): boolean {
  let joined = searchTexts.get(row);
  if (joined?.zone !== zone) {
    joined = { zone, text: searchText(row, zone) };
    searchTexts.set(row, joined);
  }
  return matchesSearchText(joined.text, row, text, zone);
}

/** Every text of a row the quick filter looks in, lower case, as one string: worked out once per row and zone. */
export function searchText(row: EventRow, zone: TimeZone): string {
  return searchFields(row, zone).join(SEPARATOR);
}

/** {@link matchesText} with the row's {@link searchText} at hand. */
export function matchesSearchText(joined: string, row: EventRow, text: string, zone: TimeZone): boolean {
  return text.includes(SEPARATOR) ? searchFields(row, zone).some((field) => field.includes(text)) : joined.includes(text);
}

function searchFields(row: EventRow, zone: TimeZone): string[] {
  const time = row.time.toLowerCase();
  return [
    // As displayTime gives it, without keeping it: only the rows on screen keep theirs.
    formatTimeMillis(row, zone),
    time,
    // The UTC text as a person types it, with a space for the T.
    time.replace('t', ' '),
    row.id.toLowerCase(),
    row.apiKeyId.toLowerCase(),
    row.type.toLowerCase(),
    row.connectionId.toLowerCase(),
    row.service.toLowerCase(),
    row.protocol.toLowerCase(),
    row.dataCenter.toLowerCase(),
    row.host.toLowerCase(),
    row.ip.toLowerCase(),
    row.description.toLowerCase(),
  ];
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
  return sortCounts(counts);
}

/** Counts, most frequent first, then by name. */
export function sortCounts(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
}

/** The index of the newest row by time (the first of equals), or -1 with none. */
export function newestRowIndex(rows: readonly EventRow[]): number {
  let best = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const newest = rows[best];
    if (!newest || row.ms > newest.ms || (row.ms === newest.ms && row.ticks > newest.ticks)) {
      best = i;
    }
  }
  return best;
}
