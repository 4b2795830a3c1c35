import * as l10n from '@vscode/l10n';
import type { EventQuery } from './query';
import type { ConnectionSummary } from './records';
import { formatDuration } from './time';

/** One line of a breakdown: a service, protocol or data center and its connections in the window. */
export interface SummaryTotal {
  readonly name: string;
  readonly connections: number;
  /** Weighted by connections over the records that give an average; undefined when none does. */
  readonly averageDurationSeconds: number | undefined;
}

/** What the summary endpoint says about the query's window, added up for display. */
export interface SummaryTotals {
  readonly connections: number;
  readonly newConnections: number;
  readonly byService: readonly SummaryTotal[];
  readonly byProtocol: readonly SummaryTotal[];
  /** By region, in the events' form (`us-east-1`), whatever server the record names. */
  readonly byDataCenter: readonly SummaryTotal[];
}

/** Filters of the summary endpoint: the window and three of the events query's filters. */
export type SummaryQuery = Pick<EventQuery, 'serviceName' | 'protocolName' | 'dataCenter' | 'timeStart' | 'timeEnd' | 'minutes'>;

/** The filters and window of an events query that the summary endpoint accepts; the rest it does not know. */
export function summaryQueryOf(query: EventQuery): SummaryQuery {
  const { serviceName, protocolName, dataCenter, timeStart, timeEnd, minutes } = query;
  return {
    ...(serviceName !== undefined ? { serviceName } : {}),
    ...(protocolName !== undefined ? { protocolName } : {}),
    ...(dataCenter !== undefined ? { dataCenter } : {}),
    ...(timeStart !== undefined ? { timeStart } : {}),
    ...(timeEnd !== undefined ? { timeEnd } : {}),
    ...(minutes !== undefined ? { minutes } : {}),
  };
}

/**
 * The data center in the events' form: the status and summary endpoints name
 * a server too (`us-east-1/server-01`), the events only the region.
 */
export function dataCenterRegion(value: string): string {
  const slash = value.indexOf('/');
  return slash < 0 ? value : value.slice(0, slash);
}

/** Adds up the summary records: totals, and per service, protocol and data center, most connections first. */
export function summarize(records: readonly ConnectionSummary[]): SummaryTotals {
  let connections = 0;
  let newConnections = 0;
  const byService = new Accumulator();
  const byProtocol = new Accumulator();
  const byDataCenter = new Accumulator();
  for (const record of records) {
    const count = countOf(record.totalConnections);
    connections += count;
    newConnections += countOf(record.newConnectionsInPeriod);
    const average = validCount(record.averageConnectionDurationSeconds);
    byService.add(record.serviceName || UNNAMED, count, average);
    byProtocol.add(record.protocolName || UNNAMED, count, average);
    byDataCenter.add(record.dataCenter ? dataCenterRegion(record.dataCenter) : UNNAMED, count, average);
  }
  return {
    connections,
    newConnections,
    byService: byService.totals(),
    byProtocol: byProtocol.totals(),
    byDataCenter: byDataCenter.totals(),
  };
}

/** The name of a record's group when the record gives none. */
export const UNNAMED = '—';

/** Each service's average connection duration in seconds, weighted by connections, where the API gives one. */
export function serviceAverages(totals: SummaryTotals): ReadonlyMap<string, number> {
  const averages = new Map<string, number>();
  for (const total of totals.byService) {
    if (total.averageDurationSeconds !== undefined) {
      averages.set(total.name, total.averageDurationSeconds);
    }
  }
  return averages;
}

class Accumulator {
  private readonly groups = new Map<string, { connections: number; weighted: number; weight: number }>();

  add(name: string, connections: number, averageSeconds: number | undefined): void {
    const group = this.groups.get(name) ?? { connections: 0, weighted: 0, weight: 0 };
    group.connections += connections;
    if (averageSeconds !== undefined && connections > 0) {
      group.weighted += averageSeconds * connections;
      group.weight += connections;
    }
    this.groups.set(name, group);
  }

  totals(): SummaryTotal[] {
    return [...this.groups]
      .map(([name, g]) => ({
        name,
        connections: g.connections,
        averageDurationSeconds: g.weight > 0 ? Math.round(g.weighted / g.weight) : undefined,
      }))
      .sort((a, b) => b.connections - a.connections || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** A count from the server: a finite, non-negative number, else nothing. */
function validCount(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function countOf(value: number | null | undefined): number {
  return validCount(value) ?? 0;
}

/** The summary in words, the same in the panel's strip and the status bar's tooltip. */
export interface SummaryText {
  /** `284 connections in the window, 34 new` */
  readonly headline: string;
  /** One per breakdown that has entries: its label and its entries, most connections first. */
  readonly groups: readonly { readonly label: string; readonly entries: readonly string[] }[];
}

export function describeSummary(totals: SummaryTotals): SummaryText {
  const entry = (total: SummaryTotal, withAverage: boolean) =>
    withAverage && total.averageDurationSeconds !== undefined
      ? l10n.t('{0} {1} (avg {2})', total.name, total.connections, formatDuration(total.averageDurationSeconds * 1000))
      : `${total.name} ${total.connections}`;
  return {
    headline: l10n.t('{0} connections in the window, {1} new', totals.connections, totals.newConnections),
    // A breakdown with nothing in it (an empty window) is left out: the headline's 0 says it.
    groups: [
      { label: l10n.t('Services'), entries: totals.byService.map((t) => entry(t, true)) },
      { label: l10n.t('Protocols'), entries: totals.byProtocol.map((t) => entry(t, false)) },
      { label: l10n.t('Data centers'), entries: totals.byDataCenter.map((t) => entry(t, false)) },
    ].filter((group) => group.entries.length > 0),
  };
}
