import * as l10n from '@vscode/l10n';
import { closeCauseLabel } from './closeCause';
import type { Connection } from './grouping';
import { shownDuration } from './shownDuration';
import { formatDuration } from './time';

/** What Compare lists when it differs between two connections, in the order shown. */
export const COMPARE_FIELDS = [
  'dataCenter',
  'host',
  'ipAddress',
  'protocolName',
  'apiKeyId',
  'heartbeatCadence',
  'longestGap',
  'closeCause',
  'duration',
] as const;

export type CompareField = (typeof COMPARE_FIELDS)[number];

/** One field that differs: each connection's value as shown, empty when it has none. */
export interface FieldDifference {
  readonly field: CompareField;
  readonly a: string;
  readonly b: string;
}

/** A field's label in the user's language (read when shown, after the host or the page has set the language up). */
export function compareFieldLabel(field: CompareField): string {
  const labels: Readonly<Record<CompareField, string>> = {
    dataCenter: l10n.t('Data center'),
    host: l10n.t('Host'),
    ipAddress: l10n.t('IP address'),
    protocolName: l10n.t('Protocol'),
    apiKeyId: l10n.t('API key ID'),
    heartbeatCadence: l10n.t('Heartbeat cadence'),
    longestGap: l10n.t('Longest gap'),
    closeCause: l10n.t('Close cause'),
    duration: l10n.t('Duration'),
  };
  return labels[field];
}

/**
 * Why the connection closed, as the tree says it (the classifier of close
 * causes is its one home); undefined while it is not closed. Two connections
 * closed for the same cause in other words do not differ here: the words are
 * in the timeline.
 */
export function closeCause(connection: Connection): string | undefined {
  return connection.state === 'closed' ? closeCauseLabel(connection.closeCause ?? 'other') : undefined;
}

/** The median time between consecutive heartbeat events; undefined with fewer than two heartbeats. */
export function heartbeatCadenceMs(connection: Connection): number | undefined {
  const intervals: number[] = [];
  let previous: number | undefined;
  for (const { event, at } of connection.events) {
    if (event.eventType !== 'heartbeat') {
      continue;
    }
    // Events are ordered to the tick; milliseconds with the ticks as a fraction keep that order.
    const ms = at.ms + at.ticks / 10_000;
    if (previous !== undefined) {
      intervals.push(ms - previous);
    }
    previous = ms;
  }
  if (intervals.length === 0) {
    return undefined;
  }
  intervals.sort((x, y) => x - y);
  const middle = Math.floor(intervals.length / 2);
  return intervals.length % 2 === 1 ? intervals[middle]! : (intervals[middle - 1]! + intervals[middle]!) / 2;
}

/** Each compared field's value as shown: text as it came, times as durations, empty when the connection has none. */
export function connectionFacts(connection: Connection): ReadonlyMap<CompareField, string> {
  const duration = (ms: number | undefined) => (ms === undefined ? '' : formatDuration(ms));
  return new Map<CompareField, string>([
    ['dataCenter', connection.dataCenter ?? ''],
    ['host', connection.host ?? ''],
    ['ipAddress', connection.ipAddress ?? ''],
    ['protocolName', connection.protocolName ?? ''],
    ['apiKeyId', connection.apiKeyId ?? ''],
    ['heartbeatCadence', duration(heartbeatCadenceMs(connection))],
    // With one event there is no gap to speak of.
    ['longestGap', duration(connection.events.length > 1 ? connection.longestSilenceMs : undefined)],
    ['closeCause', closeCause(connection) ?? ''],
    // A lower bound when the connect event is not in the result, as the tree shows it.
    ['duration', shownDuration(connection.durationMs, connection.first.event.eventType)],
  ]);
}

/**
 * The fields whose values differ between two connections, as a person reads
 * them: two durations that show the same (`1 min`) are not a difference.
 */
export function compareConnections(a: Connection, b: Connection): FieldDifference[] {
  const factsA = connectionFacts(a);
  const factsB = connectionFacts(b);
  const differences: FieldDifference[] = [];
  for (const field of COMPARE_FIELDS) {
    const valueA = factsA.get(field) ?? '';
    const valueB = factsB.get(field) ?? '';
    if (valueA !== valueB) {
      differences.push({ field, a: valueA, b: valueB });
    }
  }
  return differences;
}
