import * as vscode from 'vscode';
import { ContextKeys, Views } from '../constants';
import type { Explanation } from '../core/emptyResult';
import { isGroupBy, type GroupBy } from '../core/connectionGroups';
import { countOutcomes, describeOutcomeCounts, outcomeLabel, type Outcome } from '../core/outcomes';
import { describeQuery } from '../core/querySummary';
import { canLoadOlder, isNewQueryRunning, type QuerySnapshot, type QueryState } from '../core/queryState';
import type { TimeZone } from '../core/time';
import type { ConnectionsNode } from './connectionsNode';
import { ConnectionsTreeProvider } from './connectionsTree';
import { connectionsText, eventsText } from '../core/counts';
import { GapDecorations } from './gapDecorations';

/** Where the grouping is remembered, per workspace, across reloads. */
const GROUP_BY_MEMENTO = 'connectionAnalytics.groupBy';

/**
 * The Connections view: the tree, its message line (query summary, counts,
 * limit reached, last failure) and the context keys its menus and welcome
 * content depend on.
 */
export class ConnectionsView implements vscode.Disposable {
  readonly provider: ConnectionsTreeProvider;
  readonly treeView: vscode.TreeView<ConnectionsNode>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The profile the view names, when there are several to tell apart. */
  private profile: string | undefined;

  constructor(
    private readonly state: QueryState,
    private readonly memento: vscode.Memento,
    gapThresholdMs: () => number,
    private readonly timeZone: () => TimeZone,
    private readonly explanations: { readonly current: Explanation | undefined; readonly onDidChange: vscode.Event<void> },
  ) {
    const remembered = memento.get<unknown>(GROUP_BY_MEMENTO);
    this.provider = new ConnectionsTreeProvider(
      state,
      { groupBy: isGroupBy(remembered) ? remembered : 'connection', narrowed: undefined },
      gapThresholdMs,
      timeZone,
    );
    this.treeView = vscode.window.createTreeView(Views.connections, {
      treeDataProvider: this.provider,
      showCollapseAll: true,
      // Two connections selected (Shift+Down) can be compared.
      canSelectMany: true,
    });
    const subscription = state.onDidChange((snapshot) => this.render(snapshot));
    this.disposables.push(
      this.provider,
      this.treeView,
      subscription,
      this.provider.onDidChangeViewState(() => this.render(this.state.snapshot)),
      vscode.window.registerFileDecorationProvider(new GapDecorations()),
      explanations.onDidChange(() => this.refresh()),
    );
    this.render(state.snapshot);
  }

  /** Groups the tree's connections (`connection`: no groups) and remembers it for this workspace. */
  async groupBy(by: GroupBy): Promise<void> {
    this.provider.setViewState({ groupBy: by });
    await this.memento.update(GROUP_BY_MEMENTO, by);
  }

  /** Shows only the connections with this outcome, or all again; the result stays, no request is made. */
  narrow(outcome: Outcome | undefined): void {
    this.provider.setViewState({ narrowed: outcome });
  }

  /** Selects an event in the tree, expanding its connection. */
  async revealEvent(eventId: string): Promise<void> {
    const node = this.provider.nodeOfEvent(eventId);
    if (node) {
      await this.treeView.reveal(node, { select: true, focus: false, expand: true });
    }
  }

  /**
   * Names `profile` beside the view's title and first on its message line, which stays readable while
   * the title bar's actions crowd the description out (none: one profile, nothing to tell apart).
   */
  showProfile(profile: string | undefined): void {
    if (profile === this.profile) {
      return;
    }
    this.profile = profile;
    this.treeView.description = profile;
    this.render(this.state.snapshot);
  }

  /** Re-renders the message line and the rows after a setting changed (the default limit, the time zone). */
  refresh(): void {
    this.render(this.state.snapshot);
    this.provider.refresh();
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  private render(snapshot: QuerySnapshot): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.hasQuery, snapshot.query !== undefined);
    void vscode.commands.executeCommand('setContext', ContextKeys.querying, snapshot.running);
    void vscode.commands.executeCommand('setContext', ContextKeys.canLoadOlder, canLoadOlder(snapshot));
    void vscode.commands.executeCommand('setContext', ContextKeys.viewState, viewState(snapshot));
    void vscode.commands.executeCommand('setContext', ContextKeys.narrowed, this.provider.state.narrowed !== undefined);
    this.treeView.message = this.message(snapshot);
  }

  private message(snapshot: QuerySnapshot): string | undefined {
    const { outcome, error, running, query, limit } = snapshot;
    if (!outcome) {
      // The welcome content speaks for an empty tree before any query; while running, the message says what runs
      // (with the limit it carries), and VS Code shows no welcome content under a message.
      return running && query && limit !== undefined
        ? vscode.l10n.t('Querying {0}…', describeQuery(query, limit, this.timeZone()))
        : undefined;
    }
    const parts = [
      ...(this.profile === undefined ? [] : [this.profile]),
      describeQuery(outcome.query, outcome.limit, this.timeZone()),
      `${connectionsText(outcome.connections.length)}, ${eventsText(outcome.eventCount)}`,
    ];
    if (outcome.connections.length > 0) {
      parts.push(describeOutcomeCounts(countOutcomes(outcome.connections)));
    }
    const { narrowed } = this.provider.state;
    if (narrowed) {
      parts.push(
        vscode.l10n.t(
          'showing {0}: {1} of {2}',
          outcomeLabel(narrowed),
          this.provider.visibleConnections.length,
          outcome.connections.length,
        ),
      );
    }
    if (outcome.pages > 1) {
      parts.push(vscode.l10n.t('{0} pages', outcome.pages));
    }
    if (outcome.limitReached) {
      parts.push(vscode.l10n.t('limit of {0} reached: older events are not loaded', outcome.limit));
    }
    if (outcome.invalidCount > 0) {
      parts.push(vscode.l10n.t('{0} malformed records skipped (see log)', outcome.invalidCount));
    }
    let text = parts.join(' · ');
    // Why it is empty. VS Code shows no welcome content under a message (the result's summary is one), so the
    // explanation is here and the correction is the title bar's lightbulb.
    const explanation = this.explanations.current;
    if (explanation) {
      text = `${text}. ${explanation.message}`;
      if (explanation.correction) {
        text = `${text} ${vscode.l10n.t('(Use Suggested Query: the lightbulb above.)')}`;
      }
    }
    if (isNewQueryRunning(snapshot) && query && limit !== undefined) {
      // What runs is another query: say which, and that what is shown is the earlier one's.
      text = `${vscode.l10n.t('Querying {0}…', describeQuery(query, limit, this.timeZone()))} ${vscode.l10n.t('Showing earlier results:')} ${text}`;
    } else if (running) {
      text = `${vscode.l10n.t('Refreshing…')} ${text}`;
    } else if (error) {
      text = `${vscode.l10n.t('Last query failed; showing earlier results.')} ${text}`;
    }
    return text;
  }
}

function viewState(snapshot: QuerySnapshot): 'noQuery' | 'notRun' | 'querying' | 'empty' | 'error' | 'results' {
  if (snapshot.outcome && snapshot.outcome.connections.length > 0) {
    return 'results';
  }
  if (snapshot.running) {
    return 'querying';
  }
  if (snapshot.error) {
    return 'error';
  }
  if (snapshot.outcome) {
    return 'empty';
  }
  return snapshot.query ? 'notRun' : 'noQuery';
}
