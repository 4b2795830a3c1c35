import * as vscode from 'vscode';
import { ClientFactory } from './services/clientFactory';
import { registerCommands } from './commands';
import { CurrentSettings, moveAutoRefreshSetting } from './config';
import { ContextKeys, Views } from './constants';
import { QueryState } from './core/queryState';
import { withoutUserinfo } from './core/userinfo';
import { EmptyExplainer } from './services/emptyExplainer';
import { ErrorPresenter } from './services/errorPresenter';
import { useHostLanguage } from './l10n';
import { Log } from './log';
import { QueryRunner } from './services/queryRunner';
import { ApiKeyStore } from './secrets';
import { ConnectionsView } from './views/connectionsView';
import { EventsPanel } from './views/eventsPanel';
import { ActiveConnections } from './services/activeConnections';
import { SummaryFeed } from './services/summaryFeed';
import { serviceAverages } from './core/summary';
import { ConnectedNowView } from './views/connectedNowTree';
import { QueryStatusBar } from './views/statusBar';
import { DebugSessions } from './services/debugSessions';
import { IdHoverProvider, IdTerminalLinkProvider } from './views/idLinks';
import { QueryHistory } from './services/queryHistory';
import { queryChoices } from './core/queryChoices';
import type { QueryInput } from './core/query';
import { LiveTail, type TailStatus } from './services/liveTail';
import { WatchedConnections } from './services/watchedConnections';
import { Profiles } from './services/profiles';

/**
 * What `activate` returns to other extensions and to the integration tests:
 * the Connections view's data, read-only. Everything else goes through commands.
 */
export interface ConnectionAnalyticsApi {
  readonly connectionsTree: vscode.TreeDataProvider<unknown>;
  /** Hands a message to the events panel as its webview would: validated, then acted on. For tests and automation. */
  readonly receivePanelMessage: (message: unknown) => Promise<void>;
  /** The recent queries, newest first, as kept in global storage (core/queryIdentity's canonical form). */
  readonly queryHistory: () => readonly QueryInput[];
  /** What the live tail is doing, as the status bar shows it. */
  readonly liveTailStatus: () => TailStatus;
}

/** The composition root: builds the objects, registers them, nothing else. */
export function activate(context: vscode.ExtensionContext): ConnectionAnalyticsApi {
  try {
    useHostLanguage();
    const settings = new CurrentSettings();
    // Every key this window has read, each profile's, is redacted from the log (keys is made just below).
    const log: Log = new Log((): readonly string[] => keys.known);
    const profiles = new Profiles(() => settings.profiles, settings.onDidChange, context.workspaceState, context.globalState, log);
    const keys = new ApiKeyStore(context.secrets, profiles);
    const errors = new ErrorPresenter(log);
    const { version: declared } = context.extension.packageJSON as { version?: unknown };
    const version = typeof declared === 'string' ? declared : '0';
    const access = new ClientFactory(keys, profiles, log, `apibricks-connection-analytics/${version} vscode/${vscode.version}`);
    const defaultLimit = () => settings.current.defaultLimit;
    const state = new QueryState(defaultLimit);
    const timeZone = () => settings.current.timeZone;
    const explainer = new EmptyExplainer(state, access, log, timeZone);
    const view = new ConnectionsView(state, context.workspaceState, () => settings.current.heartbeatGapSeconds * 1000, timeZone, explainer);
    const runner = new QueryRunner(state, access, errors, log, explainer);
    const history = new QueryHistory(context.globalState, state, log, () => keys.known);
    // The last query is current again after a reload, not run: running it costs a request; the view offers to.
    const last = history.last();
    if (last) {
      state.restore(last);
    }
    const summary = new SummaryFeed(state, access, log);
    const panel = new EventsPanel(
      context.extensionUri,
      state,
      runner,
      errors,
      keys,
      log,
      () => settings.current,
      (eventId) => view.revealEvent(eventId),
      summary,
      explainer,
      {
        list: () => queryChoices(settings.current.savedQueries, history.entries, { zone: timeZone(), defaultLimit: defaultLimit() }),
        // A saved query is a setting; a setting's change also changes how times and limits are described.
        onDidChange: (listener: () => void) => vscode.Disposable.from(history.onDidChange(listener), settings.onDidChange(listener)),
      },
    );
    const active = new ActiveConnections(access, keys, errors, log, defaultLimit);
    const connectedNow = new ConnectedNowView(
      state,
      active,
      () => (summary.status.state === 'ok' ? serviceAverages(summary.status.totals) : new Map<string, number>()),
      timeZone,
    );
    const tail = new LiveTail(
      context.globalState,
      state,
      () => runner.tail(),
      errors,
      log,
      () => settings.current['liveTail.intervalSeconds'],
      () => view.treeView.visible || panel.visible,
    );
    const watched = new WatchedConnections(context.workspaceState, state, log, (connectionId) => panel.show({ connectionId }));
    const statusBar = new QueryStatusBar(
      state,
      summary,
      profiles,
      timeZone,
      () => view.treeView.visible,
      view.treeView.onDidChangeVisibility,
      tail,
    );

    const debugSessions = new DebugSessions(context.workspaceState);
    // The views name the profile they show when there are several to tell apart.
    const showProfile = () => {
      const name = profiles.several ? profiles.active.name : undefined;
      view.showProfile(name);
      connectedNow.treeView.description = name;
      panel.showProfile(name);
    };
    showProfile();

    const updateKeyContext = () =>
      keys.get().then(
        (key) => vscode.commands.executeCommand('setContext', ContextKeys.hasApiKey, key !== undefined),
        (error: unknown) => log.error('Reading the API key failed', error),
      );
    context.subscriptions.push(
      profiles,
      keys,
      log,
      access,
      { dispose: () => state.dispose() },
      history,
      explainer,
      view,
      panel,
      summary,
      active,
      connectedNow,
      statusBar,
      summary.onDidChange(() => connectedNow.render()),
      keys.onDidChange(() => {
        // Another key, another organization: its rows only.
        active.clear();
        if (connectedNow.treeView.visible) {
          void active.load({ background: true });
        }
      }),
      vscode.window.registerWebviewPanelSerializer(Views.eventsPanel, {
        deserializeWebviewPanel: (restored) => Promise.resolve(panel.restore(restored)),
      }),
      keys.onDidChange(() => void updateKeyContext()),
      // Another key is another organization: the results shown are not its own, nor may a live tail round add its events to them.
      keys.onDidReplace(() => state.clear()),
      // Another profile: besides its key (above), the tail followed the other one's query.
      profiles.onDidChange(() => void tail.setEnabled(false)),
      profiles.onDidChange(showProfile),
      profiles.onDidChangeList(showProfile),
      debugSessions,
      vscode.languages.registerHoverProvider(
        { scheme: '*' },
        new IdHoverProvider(
          () => settings.current['hover.enabled'],
          () => keys.known,
        ),
      ),
      vscode.window.registerTerminalLinkProvider(new IdTerminalLinkProvider()),
      tail,
      watched,
      view.treeView.onDidChangeVisibility(() => tail.visibilityChanged()),
      panel.onDidChangeVisibility(() => tail.visibilityChanged()),
      settings,
      settings.onDidChange(() => {
        view.refresh();
        panel.refresh();
        tail.restart();
        statusBar.update();
      }),
      ...registerCommands({
        state,
        runner,
        keys,
        access,
        errors,
        log,
        view,
        panel,
        defaultLimit,
        connectionLookbackDays: () => settings.current.connectionLookbackDays,
        timeZone,
        active,
        explainer,
        debugSessions,
        debugMarginSeconds: () => settings.current['debugSession.marginSeconds'],
        heartbeatGapSeconds: () => settings.current.heartbeatGapSeconds,
        savedQueries: () => settings.current.savedQueries,
        history,
        tail,
        watched,
        profiles,
      }),
    );
    void updateKeyContext();
    profiles.reportProblems();
    void moveAutoRefreshSetting(context.globalState).then(
      async (moved) => {
        if (moved.enableTail) {
          log.info(
            `autoRefreshSeconds (${String(moved.seconds)}) is replaced by the live tail: turned on, at that interval unless liveTail.intervalSeconds was set.`,
          );
          await tail.setEnabled(true);
        }
      },
      (error: unknown) => log.error('Moving autoRefreshSeconds to the live tail failed', error),
    );
    log.info(`Activated ${version}; profile ${profiles.active.name}, base URL ${withoutUserinfo(profiles.active.baseUrl)}`);
    return {
      connectionsTree: view.provider,
      receivePanelMessage: (message) => panel.receive(message),
      queryHistory: () => history.entries,
      liveTailStatus: () => tail.status,
    };
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Connection Analytics failed to start: {0}', error instanceof Error ? error.message : String(error)),
    );
    throw error;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
