import * as l10n from '@vscode/l10n';
import { closeCauseLabel } from './closeCause';
import { eventsText } from './counts';
import type { Connection, TimedEvent } from './grouping';
import { markdownCode, markdownTable, markdownText } from './markdown';
import { stateLabel } from './outcomes';
import { shownDuration } from './shownDuration';
import { sortCounts } from './table';
import { formatDuration, formatTimeMillis, zoneName, type TimeZone } from './time';
import type { Timeline } from './timeline';

/** Events a report lists at most: the first few (how it began) and the last (how it ended); the export has them all. */
export const REPORT_FIRST_EVENTS = 10;
export const REPORT_LAST_EVENTS = 40;

/**
 * Copy for Support: a connection in a short Markdown report to paste into a
 * ticket: its IDs, where it ran, its timeline in numbers, why it closed, and
 * its events as a table. Every value is the server's text: escaped (core/markdown).
 */
export function supportReport(connection: Connection, timeline: Timeline, zone: TimeZone): string {
  const time = (timed: TimedEvent) => formatTimeMillis(timed.at, zone);
  const organizationId = latestOrganization(connection);
  const facts: [string, string][] = [
    [l10n.t('Connection ID'), markdownCode(connection.connectionId)],
    [l10n.t('API key ID'), optionalCode(connection.apiKeyId)],
    [l10n.t('Organization ID'), optionalCode(organizationId)],
    [l10n.t('Service'), optionalText(connection.serviceName)],
    [l10n.t('Protocol'), optionalText(connection.protocolName)],
    [l10n.t('Data center'), optionalText(connection.dataCenter)],
    [l10n.t('Host'), optionalText(connection.host)],
    [l10n.t('IP'), optionalText(connection.ipAddress)],
    [l10n.t('State'), markdownText(stateLabel(connection.state))],
    [l10n.t('First event'), `${markdownText(time(connection.first))} (${markdownText(connection.first.event.eventType)})`],
    [l10n.t('Last event'), `${markdownText(time(connection.last))} (${markdownText(connection.last.event.eventType)})`],
    [l10n.t('Duration'), markdownText(shownDuration(connection.durationMs, connection.first.event.eventType))],
    [l10n.t('Events'), markdownText(typeCounts(connection))],
    [l10n.t('Longest silence'), markdownText(formatDuration(connection.longestSilenceMs))],
    [l10n.t('Silences over {0}', formatDuration(timeline.gapThresholdMs)), String(timeline.gaps.length)],
  ];
  if (connection.state === 'closed') {
    const cause = closeCauseLabel(connection.closeCause ?? 'other');
    const reason = connection.disconnectReason;
    facts.push([l10n.t('Close cause'), markdownText(reason ? `${cause}: ${reason}` : cause)]);
  }
  const events = connection.events;
  const listed =
    events.length > REPORT_FIRST_EVENTS + REPORT_LAST_EVENTS
      ? [...events.slice(0, REPORT_FIRST_EVENTS), undefined, ...events.slice(-REPORT_LAST_EVENTS)]
      : events;
  const omitted = events.length - REPORT_FIRST_EVENTS - REPORT_LAST_EVENTS;
  const rows = listed.map((timed) =>
    timed
      ? [markdownText(time(timed)), markdownText(timed.event.eventType), markdownText(timed.event.eventDescription ?? '')]
      : ['…', markdownText(l10n.t('{0} not listed', eventsText(omitted))), ''],
  );
  return [
    `## ${l10n.t('Connection {0}', markdownCode(connection.connectionId))}`,
    '',
    markdownTable([l10n.t('Field'), l10n.t('Value')], facts),
    '',
    `### ${markdownText(eventsText(events.length))}`,
    '',
    markdownTable(
      [markdownText(l10n.t('Time ({0})', zoneName(zone, connection.first.at.ms))), l10n.t('Type'), l10n.t('Description')],
      rows,
    ),
    '',
  ].join('\n');
}

function optionalText(value: string | undefined): string {
  return value ? markdownText(value) : '';
}

function optionalCode(value: string | undefined): string {
  return value ? markdownCode(value) : '';
}

/** `connect 1, heartbeat 40, disconnect 1`: most frequent first. */
function typeCounts(connection: Connection): string {
  return sortCounts(connection.countsByType)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
}

/** The newest organization ID the connection's events name. */
function latestOrganization(connection: Connection): string | undefined {
  for (let i = connection.events.length - 1; i >= 0; i--) {
    const id = connection.events[i]!.event.organizationId;
    if (id) {
      return id;
    }
  }
  return undefined;
}
