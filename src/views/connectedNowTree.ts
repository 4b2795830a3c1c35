import * as vscode from 'vscode';
import { Commands, ContextKeys, Views } from '../constants';
import { formatAgo } from '../core/ago';
import { connectedNowRows, type ConnectedNowRow } from '../core/connectedNow';
import type { QueryState } from '../core/queryState';
import { formatDuration, formatTime, zoneName, type TimeZone } from '../core/time';
import type { ActiveConnections } from '../services/activeConnections';

/**
 * How often the rows' "x s ago" is brought up to date while the view is visible: a re-render
 * closes an open tooltip, so not every second.
 */
const TICK_MS = 10_000;

/**
 * The "Connected now" view: the status endpoint's active connections with
 * their last heartbeat, each running Query This Connection when chosen, and
 * flagged where the events shown disagree. Loaded when it becomes visible,
 * after each query while visible, and by its Refresh action; a failed load
 * keeps the rows it had.
 */
export class ConnectedNowView implements vscode.TreeDataProvider<ConnectedNowRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<ConnectedNowRow>;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: QueryState,
    private readonly active: ActiveConnections,
    /** Each service's average connection duration in seconds, from the summary of the results shown. */
    private readonly serviceAverages: () => ReadonlyMap<string, number>,
    private readonly timeZone: () => TimeZone,
  ) {
    this.treeView = vscode.window.createTreeView(Views.connectedNow, { treeDataProvider: this });
    let outcome = state.snapshot.outcome;
    this.disposables.push(
      this.treeView,
      this.changed,
      active.onDidChange(() => this.render()),
      state.onDidChange((snapshot) => {
        if (snapshot.outcome !== outcome) {
          outcome = snapshot.outcome;
          this.render();
          // Not for the live tail's rounds: a request a round; the view's own Refresh asks again.
          if (outcome && !outcome.appended && this.treeView.visible) {
            void active.load({ background: true });
          }
        }
      }),
      this.treeView.onDidChangeVisibility(({ visible }) => {
        this.tick(visible);
        if (visible) {
          void active.load({ background: true });
        }
      }),
    );
    this.tick(this.treeView.visible);
    if (this.treeView.visible) {
      void active.load({ background: true });
    }
    this.render();
  }

  /** Re-renders the rows, e.g. when the summary's averages arrive. */
  render(): void {
    const { active, running, error } = this.active.snapshot;
    void vscode.commands.executeCommand('setContext', ContextKeys.connectedNowLoaded, active !== undefined);
    const rows = this.rows();
    const flagged = rows.filter((r) => r.disagreement !== undefined).length;
    const parts: string[] = [];
    if (running && !active) {
      parts.push(vscode.l10n.t('Loading the active connections…'));
    } else if (error) {
      parts.push(vscode.l10n.t('The last refresh failed; showing the rows it had.'));
    }
    if (active) {
      parts.push(vscode.l10n.t('{0} active, as of {1}', rows.filter((r) => r.active).length, formatAgo(active.fetchedAtMs, Date.now())));
    }
    if (flagged > 0) {
      parts.push(vscode.l10n.t('{0} flagged: the events shown disagree', flagged));
    }
    this.treeView.message = parts.join(' · ') || undefined;
    this.changed.fire();
  }

  getChildren(element?: ConnectedNowRow): ConnectedNowRow[] {
    return element ? [] : this.rows();
  }

  getTreeItem(row: ConnectedNowRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.connectionId, vscode.TreeItemCollapsibleState.None);
    item.id = row.connectionId;
    const seen = row.lastSeen ? formatAgo(row.lastSeen.ms, Date.now()) : vscode.l10n.t('no heartbeat yet');
    const flag = row.disagreement ? flagText(row) : undefined;
    item.description = [row.serviceName, seen, flag].filter(Boolean).join(' · ');
    item.tooltip = this.tooltip(row, seen);
    item.iconPath = row.disagreement
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon('pulse', new vscode.ThemeColor('charts.green'));
    item.contextValue = 'activeConnection';
    item.command = { command: Commands.queryConnection, title: vscode.l10n.t('Query This Connection'), arguments: [row.connectionId] };
    return item;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  private rows(): ConnectedNowRow[] {
    const { active } = this.active.snapshot;
    return active ? connectedNowRows(active, this.state.snapshot.outcome?.connections) : [];
  }

  /** Plain text: a server's values are never read as Markdown. */
  private tooltip(row: ConnectedNowRow, seen: string): string {
    const lines = [row.connectionId, [row.serviceName, row.protocolName].filter(Boolean).join(' · ')];
    if (row.dataCenter) {
      lines.push(vscode.l10n.t('Data center: {0}', row.dataCenter));
    }
    if (row.host) {
      lines.push(vscode.l10n.t('Host: {0}', row.host));
    }
    const when = row.lastSeen ? ` (${formatTime(row.lastSeen, this.timeZone())}, ${zoneName(this.timeZone(), row.lastSeen.ms)})` : '';
    lines.push(
      row.active ? vscode.l10n.t('Last heartbeat: {0}', `${seen}${when}`) : vscode.l10n.t('Last event shown: {0}', `${seen}${when}`),
    );
    if (row.durationSeconds !== undefined) {
      const average = row.serviceName !== undefined ? this.serviceAverages().get(row.serviceName) : undefined;
      const duration = formatDuration(row.durationSeconds * 1000);
      lines.push(
        average === undefined
          ? vscode.l10n.t('Connected for {0}', duration)
          : vscode.l10n.t('Connected for {0}; the service’s average in the window is {1}', duration, formatDuration(average * 1000)),
      );
    }
    if (row.disagreement === 'closedInEvents') {
      lines.push(vscode.l10n.t('The status endpoint says it is active, but the events shown hold its disconnect.'));
    } else if (row.disagreement === 'notActive') {
      lines.push(vscode.l10n.t('The events shown say it is open now, but the status endpoint does not list it as active.'));
    }
    lines.push(vscode.l10n.t('Choose to query this connection’s events.'));
    return lines.filter(Boolean).join('\n');
  }

  /** Keeps "x s ago" current, only while someone can see it. */
  private tick(visible: boolean): void {
    clearInterval(this.timer);
    this.timer = visible ? setInterval(() => this.render(), TICK_MS) : undefined;
  }
}

function flagText(row: ConnectedNowRow): string {
  return row.disagreement === 'closedInEvents'
    ? vscode.l10n.t('closed in the events shown')
    : vscode.l10n.t('not active per the status endpoint');
}
