import * as vscode from 'vscode';
import { Commands, TreeItemContext } from '../constants';
import { closeCauseLabel, type CloseCause } from '../core/closeCause';
import type { ConnectionGroup, GroupBy } from '../core/connectionGroups';
import { isKnownEventType, type KnownEventType } from '../core/eventTypes';
import type { Connection, ConnectionState, TimedEvent } from '../core/grouping';
import { heartbeatGapMs, outcomeSummary } from '../core/outcomes';
import { formatDuration, formatTime, formatTimeMillis, zoneName, type TimeZone } from '../core/time';
import { connectionsText, eventsText } from '../core/counts';
import { gapUri } from './gapDecorations';

/** Children shown per parent before a "Show more" node; keeps large results fast. */
export const PAGE_SIZE = 500;

const STATE_ICONS: Readonly<Record<ConnectionState, vscode.ThemeIcon>> = {
  open: new vscode.ThemeIcon('plug', new vscode.ThemeColor('charts.green')),
  closed: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('descriptionForeground')),
  unknown: new vscode.ThemeIcon('question', new vscode.ThemeColor('charts.yellow')),
};

/** One icon per close cause (the causes are our own ids, not the server's words). */
export const CLOSE_CAUSE_ICONS: Readonly<Record<CloseCause, vscode.ThemeIcon>> = {
  client: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('descriptionForeground')),
  server: new vscode.ThemeIcon('server', new vscode.ThemeColor('charts.blue')),
  heartbeatTimeout: new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.orange')),
  authentication: new vscode.ThemeIcon('key', new vscode.ThemeColor('charts.red')),
  rateLimit: new vscode.ThemeIcon('dashboard', new vscode.ThemeColor('charts.purple')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  other: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('descriptionForeground')),
};

// Looked up only after isKnownEventType: event types come from the server, and `constructor` or
// `__proto__` must not find Object.prototype's members.
const EVENT_ICONS: Readonly<Record<KnownEventType, vscode.ThemeIcon>> = {
  connect: new vscode.ThemeIcon('plug'),
  heartbeat: new vscode.ThemeIcon('pulse'),
  disconnect: new vscode.ThemeIcon('debug-disconnect'),
};
const OTHER_EVENT_ICON = new vscode.ThemeIcon('symbol-event');

const GROUP_ICONS: Readonly<Record<GroupBy, vscode.ThemeIcon>> = {
  connection: new vscode.ThemeIcon('plug'),
  service: new vscode.ThemeIcon('server-process'),
  apiKey: new vscode.ThemeIcon('key'),
  dataCenter: new vscode.ThemeIcon('globe'),
  eventType: new vscode.ThemeIcon('symbol-event'),
  closeCause: new vscode.ThemeIcon('debug-disconnect'),
};

/** A tree item ID unique in the tree: a connection is under several groups when grouped by event type. */
export function nodeId(kind: string, group: string | undefined, ...parts: string[]): string {
  return group === undefined ? `${kind}:${parts.join(':')}` : `${kind}:${JSON.stringify([group, ...parts])}`;
}

export function groupItem(group: ConnectionGroup, by: GroupBy): vscode.TreeItem {
  const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId('group', group.key);
  const count = group.connections.length;
  item.description = connectionsText(count);
  item.iconPath = GROUP_ICONS[by];
  item.contextValue = TreeItemContext.group;
  item.accessibilityInformation = { label: `${group.label}, ${item.description}` };
  return item;
}

/** A connection row: its outcome, cause and duration first, then where it ran; a heartbeat gap above the threshold decorates it. */
export function connectionItem(connection: Connection, group: string | undefined, gapThresholdMs: number): vscode.TreeItem {
  const item = new vscode.TreeItem(connection.connectionId, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId('connection', group, connection.connectionId);
  const count = connection.events.length;
  item.description = [outcomeSummary(connection), connection.serviceName, connection.protocolName, connection.dataCenter, eventsText(count)]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = connection.closeCause ? CLOSE_CAUSE_ICONS[connection.closeCause] : STATE_ICONS[connection.state];
  item.contextValue = TreeItemContext.connection;
  const gapMs = heartbeatGapMs(connection, gapThresholdMs);
  if (gapMs !== undefined) {
    item.resourceUri = gapUri(connection.connectionId, gapMs);
  }
  item.accessibilityInformation = { label: `${connection.connectionId}, ${item.description}` };
  return item;
}

function stateLabel(state: ConnectionState): string {
  switch (state) {
    case 'open':
      return vscode.l10n.t('open');
    case 'closed':
      return vscode.l10n.t('closed');
    case 'unknown':
      return vscode.l10n.t('unknown (no disconnect and no recent event in the result)');
  }
}

/** Plain text, never HTML or trusted markdown: every value comes from the server. Made when the row is hovered. */
export function connectionTooltip(c: Connection, gapThresholdMs: number, zone: TimeZone): string {
  const gapMs = heartbeatGapMs(c, gapThresholdMs);
  const counts = [...c.countsByType].map(([type, n]) => `${type} ${n}`).join(', ');
  const lines: [string, string | undefined][] = [
    [vscode.l10n.t('Connection'), c.connectionId],
    [vscode.l10n.t('State'), stateLabel(c.state)],
    [vscode.l10n.t('Close cause'), c.closeCause ? closeCauseLabel(c.closeCause) : undefined],
    [vscode.l10n.t('Disconnect'), c.disconnectReason],
    [
      vscode.l10n.t('Heartbeat gap'),
      gapMs === undefined ? undefined : vscode.l10n.t('{0}, above {1}', formatDuration(gapMs), formatDuration(gapThresholdMs)),
    ],
    [vscode.l10n.t('Service'), c.serviceName],
    [vscode.l10n.t('Protocol'), c.protocolName],
    [vscode.l10n.t('Data center'), c.dataCenter],
    [vscode.l10n.t('Host'), c.host],
    [vscode.l10n.t('IP address'), c.ipAddress],
    [vscode.l10n.t('API key ID'), c.apiKeyId],
    [vscode.l10n.t('First event ({0})', zoneName(zone, c.first.at.ms)), `${formatTime(c.first.at, zone)} (${c.first.event.eventType})`],
    [vscode.l10n.t('Last event ({0})', zoneName(zone, c.last.at.ms)), `${formatTime(c.last.at, zone)} (${c.last.event.eventType})`],
    [vscode.l10n.t('Duration'), formatDuration(c.durationMs)],
    // The gap line says the same silence when it is above the threshold: one of the two, not both.
    [vscode.l10n.t('Longest silence'), gapMs === undefined && c.events.length > 1 ? formatDuration(c.longestSilenceMs) : undefined],
    [vscode.l10n.t('Events'), counts],
  ];
  return formatLines(lines);
}

export function eventItem(timed: TimedEvent, group: string | undefined, zone: TimeZone): vscode.TreeItem {
  const { event } = timed;
  const item = new vscode.TreeItem(event.eventType, vscode.TreeItemCollapsibleState.None);
  item.id = nodeId('event', group, event.connectionId, event.eventId);
  item.description = formatTimeMillis(timed.at, zone);
  item.iconPath = isKnownEventType(event.eventType) ? EVENT_ICONS[event.eventType] : OTHER_EVENT_ICON;
  item.contextValue = TreeItemContext.event;
  item.command = { command: Commands.openEvent, title: vscode.l10n.t('Show in Events Panel'), arguments: [event.eventId] };
  item.accessibilityInformation = { label: `${event.eventType}, ${item.description}, ${event.eventDescription ?? ''}` };
  return item;
}

/** Plain text, never HTML or trusted markdown: every value comes from the server. Made when the row is hovered. */
export function eventTooltip(timed: TimedEvent, zone: TimeZone): string {
  const { event } = timed;
  const lines: [string, string | undefined][] = [
    [vscode.l10n.t('Event'), event.eventType],
    [vscode.l10n.t('Description'), event.eventDescription ?? undefined],
    [vscode.l10n.t('Time (UTC)'), event.eventTimestamp],
    // In UTC, the line above says it to the 100 ns tick.
    [vscode.l10n.t('Time ({0})', zoneName(zone, timed.at.ms)), zone === 'utc' ? undefined : formatTimeMillis(timed.at, zone)],
    [vscode.l10n.t('Event ID'), event.eventId],
    [vscode.l10n.t('Connection'), event.connectionId],
    [vscode.l10n.t('Service'), event.serviceName ?? undefined],
    [vscode.l10n.t('Protocol'), event.protocolName ?? undefined],
    [vscode.l10n.t('Data center'), event.dataCenter ?? undefined],
    [vscode.l10n.t('Host'), event.host ?? undefined],
    [vscode.l10n.t('IP address'), event.ipAddress ?? undefined],
    [vscode.l10n.t('API key ID'), event.apikeyId ?? undefined],
    [vscode.l10n.t('Organization'), event.organizationId ?? undefined],
  ];
  return formatLines(lines);
}

/** "Show more" under the parent whose page key is `key` (the top level's is empty). */
export function moreItem(key: string, remaining: number): vscode.TreeItem {
  const next = Math.min(PAGE_SIZE, remaining);
  const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more ({1} not shown)', next, remaining), vscode.TreeItemCollapsibleState.None);
  item.id = `more:${key}`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = TreeItemContext.more;
  item.command = { command: Commands.showMore, title: vscode.l10n.t('Show More'), arguments: [key] };
  return item;
}

export function olderItem(limit: number): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Load older events'), vscode.TreeItemCollapsibleState.None);
  item.id = 'older';
  item.description = vscode.l10n.t('the limit of {0} was reached', limit);
  item.iconPath = new vscode.ThemeIcon('history');
  item.contextValue = TreeItemContext.older;
  item.command = { command: Commands.loadOlder, title: vscode.l10n.t('Load Older Events') };
  return item;
}

function formatLines(lines: readonly [string, string | undefined][]): string {
  return lines
    .filter((line): line is [string, string] => line[1] !== undefined && line[1] !== '')
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
}
