import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ClientFactory } from './services/clientFactory';
import { AutoRefresh } from './services/autoRefresh';
import { registerCommands } from './commands';
import { onDidChangeSettings, readSettings } from './config';
import { ContextKeys, Views } from './constants';
import { QueryState } from './core/queryState';
import { withoutUserinfo } from './core/userinfo';
import { EmptyExplainer } from './services/emptyExplainer';
import { ErrorPresenter } from './services/errorPresenter';
import { Log } from './log';
import { QueryRunner } from './services/queryRunner';
import { ApiKeyStore } from './secrets';
import { ConnectionsView } from './views/connectionsView';
import { EventsPanel } from './views/eventsPanel';

/**
 * What `activate` returns to other extensions and to the integration tests:
 * the Connections view's data, read-only. Everything else goes through commands.
 */
export interface ConnectionAnalyticsApi {
  readonly connectionsTree: vscode.TreeDataProvider<unknown>;
  /** Hands a message to the events panel as its webview would: validated, then acted on. For tests and automation. */
  readonly receivePanelMessage: (message: unknown) => Promise<void>;
}

/** The composition root: builds the objects, registers them, nothing else. */
export function activate(context: vscode.ExtensionContext): ConnectionAnalyticsApi {
  try {
    // core's messages, labels and durations (through @vscode/l10n) in the user's language, as the host's own.
    if (vscode.l10n.bundle) {
      l10n.config({ contents: vscode.l10n.bundle });
    }
    const keys = new ApiKeyStore(context.secrets);
    const log = new Log(() => keys.current);
    const errors = new ErrorPresenter(log);
    const { version: declared } = context.extension.packageJSON as { version?: unknown };
    const version = typeof declared === 'string' ? declared : '0';
    const access = new ClientFactory(keys, log, `apibricks-connection-analytics/${version} vscode/${vscode.version}`);
    const defaultLimit = () => readSettings().defaultLimit;
    const state = new QueryState(defaultLimit);
    const explainer = new EmptyExplainer(state, access, log);
    const view = new ConnectionsView(state, explainer);
    const runner = new QueryRunner(state, access, errors, log, explainer);
    const panel = new EventsPanel(
      context.extensionUri,
      state,
      runner,
      errors,
      keys,
      log,
      readSettings,
      (eventId) => view.revealEvent(eventId),
      explainer,
    );

    const autoRefresh = new AutoRefresh(
      runner,
      state,
      () => readSettings().autoRefreshSeconds,
      () => view.treeView.visible || panel.visible,
    );

    const updateKeyContext = () =>
      keys.get().then(
        (key) => vscode.commands.executeCommand('setContext', ContextKeys.hasApiKey, key !== undefined),
        (error: unknown) => log.error('Reading the API key failed', error),
      );
    context.subscriptions.push(
      keys,
      log,
      access,
      { dispose: () => state.dispose() },
      explainer,
      view,
      panel,
      vscode.window.registerWebviewPanelSerializer(Views.eventsPanel, {
        deserializeWebviewPanel: (restored) => Promise.resolve(panel.restore(restored)),
      }),
      keys.onDidChange(() => void updateKeyContext()),
      autoRefresh,
      onDidChangeSettings(() => {
        view.refresh();
        autoRefresh.restart();
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
        connectionLookbackDays: () => readSettings().connectionLookbackDays,
        explainer,
      }),
    );
    void updateKeyContext();
    log.info(`Activated ${version}; base URL ${withoutUserinfo(readSettings().baseUrl)}`);
    return { connectionsTree: view.provider, receivePanelMessage: (message) => panel.receive(message) };
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
