import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { Explanation } from '../core/emptyResult';
import { describeIssues } from '../core/issues';
import { ACTIONS, actionButtons, offeredActions, type ActionContext, type ActionRunner } from '../services/recoveryActions';
import type { Connection } from '../core/grouping';
import { boundDepth, stringifyJson } from '../core/jsonText';
import { toEditableInput, validateQuery } from '../core/query';
import { canLoadOlder, type QueryOutcome, type QuerySnapshot, type QueryState } from '../core/queryState';
import { formatTimeMillis, zoneName, type TimeZone } from '../core/time';
import { buildTimeline } from '../core/timeline';
import type { Log } from '../log';
import type { QueryRunner } from '../services/queryRunner';
import type { ApiKeyStore } from '../secrets';
import { webviewMessageSchema, type CompareMessage, type HostAction, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { buildCompareMessage } from './compareMessage';
import { PanelResults } from './panelResults';
import type { SummaryFeed } from '../services/summaryFeed';
import { summaryMessage } from './summaryMessage';
import { buildWebviewHtml } from './webviewHtml';

/**
 * The events panel: one webview panel that observes the shared query state,
 * shows the results table, details and timeline, and runs queries from its
 * form. Every message from the webview is validated before it is acted on.
 */
export class EventsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly panelDisposables: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly results = new PanelResults();
  private ready = false;
  private pendingFocus: HostMessage | undefined;
  private sentOutcome: QueryOutcome | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly state: QueryState,
    private readonly runner: QueryRunner,
    private readonly actions: ActionRunner,
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    private readonly settings: () => { defaultLimit: number; heartbeatGapSeconds: number; timeZone: TimeZone },
    private readonly revealInTree: (eventId: string) => Promise<void>,
    private readonly summary: SummaryFeed,
    private readonly explanations?: { readonly current: Explanation | undefined; readonly onDidChange: vscode.Event<void> },
  ) {
    this.subscriptions.push(
      state.onDidChange((snapshot) => void this.sync(snapshot)),
      ...(explanations ? [explanations.onDidChange(() => void this.sync(this.state.snapshot))] : []),
      keys.onDidChange(() => void this.sync(this.state.snapshot)),
      summary.onDidChange(() => void this.sendSummary()),
    );
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Opens the panel, or brings it forward; optionally on an event or narrowed to a connection. */
  show(focus?: { eventId?: string; connectionId?: string }): void {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        Views.eventsPanel,
        vscode.l10n.t('Connection Events'),
        vscode.ViewColumn.Active,
        this.options(),
      );
      this.attach(panel);
    } else {
      this.panel.reveal(undefined, false);
    }
    if (focus) {
      this.focus({ type: 'focus', ...focus });
    }
  }

  /** Takes over a panel VS Code restored after a window reload. */
  restore(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    panel.webview.options = this.options();
    this.attach(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.subscriptions) {
      d.dispose();
    }
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  /** Opens the panel comparing two connections of the current result: their timelines on one axis, the fields that differ. */
  showCompare(pair: readonly [Connection, Connection]): CompareMessage {
    const rangeEndMs = this.state.snapshot.outcome?.rangeEndMs ?? Date.now();
    const message = buildCompareMessage(pair, { gapThresholdMs: this.settings().heartbeatGapSeconds * 1000, rangeEndMs });
    this.show();
    this.focus(message);
    return message;
  }

  /** Sends everything again after a setting changed: the time zone changes every time shown. */
  refresh(): void {
    this.sentOutcome = undefined;
    void this.sync(this.state.snapshot);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.sentOutcome = undefined;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity-bar.svg');
    const { webview } = panel;
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUris: [
        webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicons', 'codicon.css')).toString(),
        webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString(),
      ],
      title: vscode.l10n.t('Connection Events'),
      l10nBundle: vscode.l10n.bundle,
      language: vscode.env.language,
    });
    this.panelDisposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed and says `ready` again when shown.
        if (!panel.visible) {
          this.ready = false;
          this.results.supersede();
        }
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        for (const d of this.panelDisposables.splice(0)) {
          d.dispose();
        }
      }),
    );
  }

  private focus(message: HostMessage): void {
    if (this.ready) {
      void this.post(message);
    } else {
      this.pendingFocus = message;
    }
  }

  /** Handles one message from the webview; anything that is not in the protocol is logged and ignored. */
  async receive(raw: unknown): Promise<void> {
    const parsed = webviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(
        `Ignored a malformed message from the events panel: ${describeIssues(raw, parsed.error.issues, { subject: 'message' })}`,
      );
      return;
    }
    try {
      await this.handle(parsed.data);
    } catch (error) {
      this.log.error('The events panel failed to handle a message', error);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sentOutcome = undefined;
        await this.sync(this.state.snapshot);
        await this.sendSummary();
        if (this.pendingFocus) {
          await this.post(this.pendingFocus);
          this.pendingFocus = undefined;
        }
        return;
      case 'runQuery': {
        const result = validateQuery(message.query, this.settings().timeZone);
        if (!result.ok) {
          await this.post({ type: 'validation', errors: result.errors });
          return;
        }
        await this.post({ type: 'validation', errors: [] });
        await this.runner.run(result.query);
        return;
      }
      case 'selectEvent':
        await this.sendDetails(message.eventId);
        return;
      case 'revealInTree':
        await this.revealInTree(message.eventId);
        return;
      case 'copy':
        await this.copy(message.text);
        return;
      case 'copyEvent':
        await this.copyEvent(message.eventId, message.field);
        return;
      case 'action':
        await this.runAction(message.action);
        return;
    }
  }

  /** Runs a button's action: the same command the notification's button runs. */
  private async runAction(action: HostAction): Promise<void> {
    const invocation = ACTIONS[action].invocation(this.actionContext());
    if (invocation) {
      await this.actions.run(invocation);
    }
  }

  /**
   * The failure on show and how to retry it: as the notification offered, or, for a failure
   * that was not notified (a background refresh failing again the same way), a refresh.
   */
  private actionContext(error: Error | undefined = this.state.snapshot.error): ActionContext {
    return { error, retry: this.actions.retryOf(error) ?? { command: Commands.refresh } };
  }

  private async sync(snapshot: QuerySnapshot): Promise<void> {
    if (!this.panel || !this.ready) {
      return;
    }
    const settings = this.settings();
    const explanation = this.explanations?.current;
    await this.post({
      type: 'status',
      query: snapshot.query ? toEditableInput(snapshot.query, settings.timeZone) : undefined,
      timeZone: settings.timeZone,
      running: snapshot.running,
      error: snapshot.error
        ? { message: snapshot.error.message, actions: offeredActions(this.actionContext(snapshot.error)).map((a) => a.action) }
        : undefined,
      hasResults: snapshot.outcome !== undefined,
      explanation: explanation ? { message: explanation.message, correctable: explanation.correction !== undefined } : undefined,
      canLoadOlder: canLoadOlder(snapshot),
      defaultLimit: settings.defaultLimit,
      hasApiKey: (await this.keys.get().catch(() => undefined)) !== undefined,
      actions: actionButtons(),
    });
    const { outcome } = snapshot;
    if (outcome && outcome !== this.sentOutcome) {
      this.sentOutcome = outcome;
      await this.results.send(outcome, settings.timeZone, (message) => this.post(message));
    }
  }

  private async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied'), 1500);
  }

  /** Copies an event, or one of its fields, exactly: text as it is, anything else as JSON (iteratively, at any depth). */
  private async copyEvent(eventId: string, field: string | undefined): Promise<void> {
    const outcome = this.state.snapshot.outcome;
    const event = outcome ? this.results.index(outcome).byId.get(eventId)?.timed.event : undefined;
    if (!event || (field !== undefined && !Object.hasOwn(event, field))) {
      return;
    }
    const value: unknown = field === undefined ? event : (event as Record<string, unknown>)[field];
    await this.copy(typeof value === 'string' ? value : (stringifyJson(value) ?? ''));
  }

  private async sendDetails(eventId: string): Promise<void> {
    const outcome = this.state.snapshot.outcome;
    const found = outcome ? this.results.index(outcome).byId.get(eventId) : undefined;
    if (!outcome || !found) {
      return;
    }
    // Bounded: the message is cloned recursively on its way, and a record may nest deeper than the stack.
    const settings = this.settings();
    const { value, truncated } = boundDepth(found.timed.event);
    await this.post({
      type: 'details',
      eventId,
      event: value as Record<string, unknown>,
      truncated,
      shownTime: formatTimeMillis(found.timed.at, settings.timeZone),
      shownZone: zoneName(settings.timeZone, found.timed.at.ms),
      timeline: buildTimeline(found.connection, {
        gapThresholdMs: settings.heartbeatGapSeconds * 1000,
        rangeEndMs: outcome.rangeEndMs,
      }),
    });
  }

  private async sendSummary(): Promise<void> {
    if (this.panel && this.ready) {
      await this.post(summaryMessage(this.summary.status));
    }
  }

  /** Resolves whether the message reached the webview. */
  private async post(message: HostMessage): Promise<boolean> {
    return (await this.panel?.webview.postMessage(message)) ?? false;
  }
}
