import * as vscode from 'vscode';
import { Commands, TreeItemContext } from '../constants';
import { isKnownEventType, type KnownEventType } from '../core/eventTypes';
import type { Connection, ConnectionState, TimedEvent } from '../core/grouping';
import type { QueryOutcome, QueryState } from '../core/queryState';
import { formatDuration, formatTime, formatTimeMillis, zoneName, type TimeZone } from '../core/time';

/** Children shown per parent before a "Show more" node; keeps large results fast. */
export const PAGE_SIZE = 500;

export type ConnectionsNode =
  | { readonly kind: 'connection'; readonly connection: Connection }
  | { readonly kind: 'event'; readonly connection: Connection; readonly timed: TimedEvent }
  | { readonly kind: 'more'; readonly parent: Connection | undefined; readonly remaining: number }
  | { readonly kind: 'older'; readonly limit: number };

const ROOT = '';

/**
 * Connections of the current query outcome, each expanding to its events.
 * Reads the one {@link QueryState}; a failed query keeps the previous outcome,
 * so the tree keeps showing it.
 */
export class ConnectionsTreeProvider implements vscode.TreeDataProvider<ConnectionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** How many children each parent shows; keyed by connection ID, ROOT for the top level. */
  private readonly shown = new Map<string, number>();
  private outcome: QueryOutcome | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    state: QueryState,
    private readonly timeZone: () => TimeZone,
  ) {
    this.outcome = state.snapshot.outcome;
    this.subscription = state.onDidChange((snapshot) => {
      if (snapshot.outcome !== this.outcome) {
        this.outcome = snapshot.outcome;
        this.shown.clear();
        this.changed.fire(undefined);
      }
    });
  }

  getChildren(element?: ConnectionsNode): ConnectionsNode[] {
    if (!element) {
      const connections = this.outcome?.connections ?? [];
      const nodes = this.page(ROOT, connections, undefined, (connection): ConnectionsNode => ({ kind: 'connection', connection }));
      if (this.outcome?.limitReached) {
        nodes.push({ kind: 'older', limit: this.outcome.limit });
      }
      return nodes;
    }
    if (element.kind === 'connection') {
      const { connection } = element;
      return this.page(connection.connectionId, connection.events, connection, (timed) => ({ kind: 'event', connection, timed }));
    }
    return [];
  }

  getParent(element: ConnectionsNode): ConnectionsNode | undefined {
    if (element.kind === 'event') {
      return { kind: 'connection', connection: element.connection };
    }
    if (element.kind === 'more' && element.parent) {
      return { kind: 'connection', connection: element.parent };
    }
    return undefined;
  }

  getTreeItem(element: ConnectionsNode): vscode.TreeItem {
    switch (element.kind) {
      case 'connection':
        return connectionItem(element.connection, this.timeZone());
      case 'event':
        return eventItem(element.timed, this.timeZone());
      case 'more':
        return moreItem(element);
      case 'older':
        return olderItem(element.limit);
    }
  }

  /** The node of an event, paging its connection (and the top level) far enough to show it. */
  nodeOfEvent(eventId: string): ConnectionsNode | undefined {
    const connections = this.outcome?.connections ?? [];
    for (let c = 0; c < connections.length; c++) {
      const connection = connections[c]!;
      const index = connection.events.findIndex((e) => e.event.eventId === eventId);
      if (index >= 0) {
        this.ensureShown(ROOT, c);
        this.ensureShown(connection.connectionId, index);
        return { kind: 'event', connection, timed: connection.events[index]! };
      }
    }
    return undefined;
  }

  private ensureShown(key: string, index: number): void {
    const shown = this.shown.get(key) ?? PAGE_SIZE;
    if (index >= shown) {
      this.shown.set(key, Math.ceil((index + 1) / PAGE_SIZE) * PAGE_SIZE);
      this.changed.fire(undefined);
    }
  }

  /** Shows the next page of `parent`'s children (the top level when undefined). */
  showMore(parent: Connection | undefined): void {
    const key = parent?.connectionId ?? ROOT;
    this.shown.set(key, (this.shown.get(key) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(parent ? { kind: 'connection', connection: parent } : undefined);
  }

  /** Renders every row again, e.g. in another time zone. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private page<T>(
    key: string,
    items: readonly T[],
    parent: Connection | undefined,
    toNode: (item: T) => ConnectionsNode,
  ): ConnectionsNode[] {
    const limit = this.shown.get(key) ?? PAGE_SIZE;
    const nodes = items.slice(0, limit).map(toNode);
    if (items.length > limit) {
      nodes.push({ kind: 'more', parent, remaining: items.length - limit });
    }
    return nodes;
  }
}

const STATE_ICONS: Readonly<Record<ConnectionState, vscode.ThemeIcon>> = {
  open: new vscode.ThemeIcon('plug', new vscode.ThemeColor('charts.green')),
  closed: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('descriptionForeground')),
  unknown: new vscode.ThemeIcon('question', new vscode.ThemeColor('charts.yellow')),
};

// Looked up only after isKnownEventType: event types come from the server, and `constructor` or
// `__proto__` must not find Object.prototype's members.
const EVENT_ICONS: Readonly<Record<KnownEventType, vscode.ThemeIcon>> = {
  connect: new vscode.ThemeIcon('plug'),
  heartbeat: new vscode.ThemeIcon('pulse'),
  disconnect: new vscode.ThemeIcon('debug-disconnect'),
};
const OTHER_EVENT_ICON = new vscode.ThemeIcon('symbol-event');

function connectionItem(connection: Connection, zone: TimeZone): vscode.TreeItem {
  const item = new vscode.TreeItem(connection.connectionId, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `connection:${connection.connectionId}`;
  const count = connection.events.length;
  item.description = [
    connection.serviceName,
    connection.protocolName,
    connection.dataCenter,
    count === 1 ? vscode.l10n.t('1 event') : vscode.l10n.t('{0} events', count),
  ]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = STATE_ICONS[connection.state];
  item.contextValue = TreeItemContext.connection;
  item.tooltip = connectionTooltip(connection, zone);
  item.accessibilityInformation = { label: `${connection.connectionId}, ${stateLabel(connection.state)}, ${item.description}` };
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

/** Plain text, never HTML or trusted markdown: every value comes from the server. */
function connectionTooltip(c: Connection, zone: TimeZone): string {
  const counts = [...c.countsByType].map(([type, n]) => `${type} ${n}`).join(', ');
  const lines: [string, string | undefined][] = [
    [vscode.l10n.t('Connection'), c.connectionId],
    [vscode.l10n.t('State'), stateLabel(c.state)],
    [vscode.l10n.t('Service'), c.serviceName],
    [vscode.l10n.t('Protocol'), c.protocolName],
    [vscode.l10n.t('Data center'), c.dataCenter],
    [vscode.l10n.t('Host'), c.host],
    [vscode.l10n.t('IP address'), c.ipAddress],
    [vscode.l10n.t('API key ID'), c.apiKeyId],
    [vscode.l10n.t('First event ({0})', zoneName(zone, c.first.at.ms)), `${formatTime(c.first.at, zone)} (${c.first.event.eventType})`],
    [vscode.l10n.t('Last event ({0})', zoneName(zone, c.last.at.ms)), `${formatTime(c.last.at, zone)} (${c.last.event.eventType})`],
    [vscode.l10n.t('Duration'), formatDuration(c.durationMs)],
    [vscode.l10n.t('Longest silence'), c.events.length > 1 ? formatDuration(c.longestSilenceMs) : undefined],
    [vscode.l10n.t('Disconnect'), c.disconnectReason],
    [vscode.l10n.t('Events'), counts],
  ];
  return formatLines(lines);
}

function eventItem(timed: TimedEvent, zone: TimeZone): vscode.TreeItem {
  const { event } = timed;
  const item = new vscode.TreeItem(event.eventType, vscode.TreeItemCollapsibleState.None);
  item.id = `event:${event.connectionId}:${event.eventId}`;
  item.description = formatTimeMillis(timed.at, zone);
  item.iconPath = isKnownEventType(event.eventType) ? EVENT_ICONS[event.eventType] : OTHER_EVENT_ICON;
  item.contextValue = TreeItemContext.event;
  item.command = { command: Commands.openEvent, title: vscode.l10n.t('Show in Events Panel'), arguments: [event.eventId] };
  const lines: [string, string | undefined][] = [
    [vscode.l10n.t('Event'), event.eventType],
    [vscode.l10n.t('Description'), event.eventDescription ?? undefined],
    [vscode.l10n.t('Time (UTC)'), event.eventTimestamp],
    // In UTC, the line above says it to the 100 ns tick.
    [vscode.l10n.t('Time ({0})', zoneName(zone, timed.at.ms)), zone === 'utc' ? undefined : item.description],
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
  item.tooltip = formatLines(lines);
  item.accessibilityInformation = { label: `${event.eventType}, ${item.description}, ${event.eventDescription ?? ''}` };
  return item;
}

function moreItem(node: { readonly parent: Connection | undefined; readonly remaining: number }): vscode.TreeItem {
  const next = Math.min(PAGE_SIZE, node.remaining);
  const item = new vscode.TreeItem(
    vscode.l10n.t('Show {0} more ({1} not shown)', next, node.remaining),
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = `more:${node.parent?.connectionId ?? ''}`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = TreeItemContext.more;
  item.command = { command: Commands.showMore, title: vscode.l10n.t('Show More'), arguments: [node.parent?.connectionId] };
  return item;
}

function olderItem(limit: number): vscode.TreeItem {
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
