import * as vscode from 'vscode';
import { groupConnections, groupKeyOfEvent, type ConnectionGroup, type GroupBy } from '../core/connectionGroups';
import type { Connection } from '../core/grouping';
import { matchesOutcome, type Outcome } from '../core/outcomes';
import { isQueryOf, type QueryOutcome, type QueryState } from '../core/queryState';
import type { TimeZone } from '../core/time';
import type { ConnectionsNode } from './connectionsNode';
import { connectionItem, connectionTooltip, eventItem, eventTooltip, groupItem, moreItem, nodeId, olderItem, PAGE_SIZE } from './treeItems';

/** How the tree shows the result: a view state, never a new request. */
export interface TreeViewState {
  readonly groupBy: GroupBy;
  /** Only connections with this outcome are shown; all when undefined. */
  readonly narrowed: Outcome | undefined;
}

const ROOT = '';

interface Shown {
  readonly connections: readonly Connection[];
  /** Undefined when not grouped. */
  readonly groups: readonly ConnectionGroup[] | undefined;
}

/**
 * Connections of the current query outcome, narrowed to one outcome or not,
 * grouped or not, each expanding to its events. Reads the one
 * {@link QueryState}; a failed query keeps the previous outcome, so the tree
 * keeps showing it.
 */
export class ConnectionsTreeProvider implements vscode.TreeDataProvider<ConnectionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly viewStateChanged = new vscode.EventEmitter<TreeViewState>();
  /** Fires when the grouping or the narrowing changes. */
  readonly onDidChangeViewState = this.viewStateChanged.event;
  /** How many children each parent shows; keyed by the parent's item ID, ROOT for the top level. */
  private readonly shown = new Map<string, number>();
  private outcome: QueryOutcome | undefined;
  private viewState: TreeViewState;
  private cache: Shown | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    state: QueryState,
    initial: TreeViewState,
    private readonly gapThresholdMs: () => number,
    private readonly timeZone: () => TimeZone,
  ) {
    this.outcome = state.snapshot.outcome;
    this.viewState = initial;
    this.subscription = state.onDidChange((snapshot) => {
      if (snapshot.outcome !== this.outcome) {
        const previous = this.outcome;
        this.outcome = snapshot.outcome;
        if (snapshot.outcome?.appended && snapshot.outcome.appended.baseSerial === previous?.serial) {
          // The live tail's events added: the pages shown ("Show more") stay; items keep their IDs, so
          // VS Code keeps what is expanded and selected.
          this.cache = undefined;
          this.changed.fire(undefined);
        } else if (this.viewState.narrowed && snapshot.outcome && !isQueryOf(snapshot.outcome.query, previous)) {
          // A new query's result (not a refresh's, not Load Older's) is shown whole: narrowing the earlier
          // result to an outcome could hide the very connection it asked for.
          this.setViewState({ narrowed: undefined });
        } else {
          this.reset();
        }
      }
    });
  }

  get state(): TreeViewState {
    return this.viewState;
  }

  /** The connections the tree shows: the result's, narrowed. */
  get visibleConnections(): readonly Connection[] {
    return this.view().connections;
  }

  setViewState(next: Partial<TreeViewState>): void {
    this.viewState = { ...this.viewState, ...next };
    this.reset();
    this.viewStateChanged.fire(this.viewState);
  }

  /** Re-renders every row, e.g. after the heartbeat gap threshold changed. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: ConnectionsNode): ConnectionsNode[] {
    if (!element) {
      const { connections, groups } = this.view();
      const nodes = groups
        ? this.page(ROOT, groups, undefined, (group): ConnectionsNode => ({ kind: 'group', group }))
        : this.page(ROOT, connections, undefined, (connection): ConnectionsNode => ({ kind: 'connection', connection }));
      if (this.outcome?.limitReached) {
        nodes.push({ kind: 'older', limit: this.outcome.limit });
      }
      return nodes;
    }
    switch (element.kind) {
      case 'group': {
        const group = element.group.key;
        return this.page(nodeId('group', group), element.group.connections, element, (connection) => ({
          kind: 'connection',
          connection,
          group,
        }));
      }
      case 'connection': {
        const { connection, group } = element;
        return this.page(nodeId('connection', group, connection.connectionId), connection.events, element, (timed) => ({
          kind: 'event',
          connection,
          timed,
          group,
        }));
      }
      default:
        return [];
    }
  }

  getParent(element: ConnectionsNode): ConnectionsNode | undefined {
    switch (element.kind) {
      case 'event':
        return { kind: 'connection', connection: element.connection, group: element.group };
      case 'connection': {
        const group = element.group === undefined ? undefined : this.view().groups?.find((g) => g.key === element.group);
        return group ? { kind: 'group', group } : undefined;
      }
      case 'more':
        return element.parent;
      default:
        return undefined;
    }
  }

  getTreeItem(element: ConnectionsNode): vscode.TreeItem {
    switch (element.kind) {
      case 'group':
        return groupItem(element.group, this.viewState.groupBy);
      case 'connection':
        return connectionItem(element.connection, element.group, this.gapThresholdMs());
      case 'event':
        return eventItem(element.timed, element.group, this.timeZone());
      case 'more':
        return moreItem(element.key, element.remaining);
      case 'older':
        return olderItem(element.limit);
    }
  }

  /** Tooltips are made when hovered, not for every row shown: a root page is 500 connections. */
  resolveTreeItem(item: vscode.TreeItem, element: ConnectionsNode): vscode.TreeItem {
    if (element.kind === 'connection') {
      item.tooltip = connectionTooltip(element.connection, this.gapThresholdMs(), this.timeZone());
    } else if (element.kind === 'event') {
      item.tooltip = eventTooltip(element.timed, this.timeZone());
    }
    return item;
  }

  /**
   * The node of an event, paging its group, its connection and the top level far
   * enough to show it. When the tree is narrowed to another outcome, it shows
   * all again: what is revealed must be in the tree.
   */
  nodeOfEvent(eventId: string): ConnectionsNode | undefined {
    for (const connection of this.outcome?.connections ?? []) {
      const index = connection.events.findIndex((e) => e.event.eventId === eventId);
      if (index < 0) {
        continue;
      }
      const { narrowed, groupBy } = this.viewState;
      if (narrowed && !matchesOutcome(connection, narrowed)) {
        this.setViewState({ narrowed: undefined });
      }
      const timed = connection.events[index]!;
      const { connections, groups } = this.view();
      let group: string | undefined;
      if (groups) {
        const key = groupKeyOfEvent(connection, timed.event.eventType, groupBy);
        const g = groups.findIndex((candidate) => candidate.key === key);
        this.ensureShown(ROOT, g);
        this.ensureShown(nodeId('group', key), groups[g]?.connections.indexOf(connection) ?? 0);
        group = key;
      } else {
        this.ensureShown(ROOT, connections.indexOf(connection));
      }
      this.ensureShown(nodeId('connection', group, connection.connectionId), index);
      return { kind: 'event', connection, timed, group };
    }
    return undefined;
  }

  /** Shows the next page of the parent whose page key is `key` (the top level for the empty key). */
  showMore(key: string): void {
    this.shown.set(key, (this.shown.get(key) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.viewStateChanged.dispose();
  }

  private reset(): void {
    this.cache = undefined;
    this.shown.clear();
    this.changed.fire(undefined);
  }

  private view(): Shown {
    if (!this.cache) {
      const { narrowed, groupBy } = this.viewState;
      const all = this.outcome?.connections ?? [];
      const connections = narrowed ? all.filter((c) => matchesOutcome(c, narrowed)) : all;
      this.cache = { connections, groups: groupBy === 'connection' ? undefined : groupConnections(connections, groupBy) };
    }
    return this.cache;
  }

  private ensureShown(key: string, index: number): void {
    const shown = this.shown.get(key) ?? PAGE_SIZE;
    if (index >= shown) {
      this.shown.set(key, Math.ceil((index + 1) / PAGE_SIZE) * PAGE_SIZE);
      this.changed.fire(undefined);
    }
  }

  private page<T>(
    key: string,
    items: readonly T[],
    parent: ConnectionsNode | undefined,
    toNode: (item: T) => ConnectionsNode,
  ): ConnectionsNode[] {
    const limit = this.shown.get(key) ?? PAGE_SIZE;
    const nodes = items.slice(0, limit).map(toNode);
    if (items.length > limit) {
      nodes.push({ kind: 'more', key, parent, remaining: items.length - limit });
    }
    return nodes;
  }
}
