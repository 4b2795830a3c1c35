import * as vscode from 'vscode';
import { copyToClipboard } from './clipboard';
import { Commands, Views } from '../constants';
import type { Explanation } from '../core/emptyResult';
import { describeIssues } from '../core/issues';
import { ACTIONS, type ActionContext, type ActionRunner } from '../services/recoveryActions';
import type { Connection } from '../core/grouping';
import { validateQuery } from '../core/query';
import type { QueryChoice } from '../core/queryChoices';
import type { QueryOutcome, QuerySnapshot, QueryState } from '../core/queryState';
import type { TimeZone } from '../core/time';
import type { Log } from '../log';
import type { QueryRunner } from '../services/queryRunner';
import type { ApiKeyStore } from '../secrets';
import { webviewMessageSchema, type CompareMessage, type HostAction, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { buildCompareMessage } from './compareMessage';
import { PanelResults } from './panelResults';
import { PanelView } from './panelView';
import type { SummaryFeed } from '../services/summaryFeed';
import { summaryMessage } from './summaryMessage';
import { panelStatus } from './panelStatus';
import { panelWebviewHtml, panelWebviewOptions } from './panelWebview';

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
  readonly shown = new PanelView();
  private readonly visibility = new vscode.EventEmitter<void>();
  /** Fires when the panel is shown, hidden, opened or closed. */
  readonly onDidChangeVisibility = this.visibility.event;
  private ready = false;
  private pendingFocus: HostMessage | undefined;
  private sentOutcome: QueryOutcome | undefined;
  /** The compare view the webview shows, and of which result: a webview made again (hidden, then shown) shows it again. */
  private compare: { readonly message: CompareMessage; readonly outcome: QueryOutcome | undefined } | undefined;
  /** The profile the panel's title names, when there are several to tell apart. */
  private profile: string | undefined;

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
    private readonly choices?: { readonly list: () => readonly QueryChoice[]; readonly onDidChange: vscode.Event<void> },
  ) {
    this.subscriptions.push(
      state.onDidChange((snapshot) => void this.sync(snapshot)),
      ...(explanations ? [explanations.onDidChange(() => void this.sync(this.state.snapshot))] : []),
      keys.onDidChange(() => void this.sync(this.state.snapshot)),
      summary.onDidChange(() => void this.sendSummary()),
      ...(choices ? [choices.onDidChange(() => void this.sendChoices())] : []),
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
        panelTitle(this.profile),
        vscode.ViewColumn.Active,
        panelWebviewOptions(this.extensionUri),
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
    panel.webview.options = panelWebviewOptions(this.extensionUri);
    this.attach(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    this.visibility.dispose();
    for (const d of this.subscriptions) {
      d.dispose();
    }
  }

  /** Opens the panel comparing two connections of the current result: their timelines on one axis, the fields that differ. */
  showCompare(pair: readonly [Connection, Connection]): CompareMessage {
    const rangeEndMs = this.state.snapshot.outcome?.rangeEndMs ?? Date.now();
    const message = buildCompareMessage(pair, { gapThresholdMs: this.settings().heartbeatGapSeconds * 1000, rangeEndMs });
    this.compare = { message, outcome: this.state.snapshot.outcome };
    this.show();
    this.focus(message);
    return message;
  }

  /** Names `profile` in the panel's title (none: the title alone, when there is one profile only). */
  showProfile(profile: string | undefined): void {
    this.profile = profile;
    if (this.panel) {
      this.panel.title = panelTitle(profile);
    }
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
    panel.title = panelTitle(this.profile);
    const { webview } = panel;
    webview.html = panelWebviewHtml(webview, this.extensionUri);
    this.visibility.fire();
    this.panelDisposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed and says `ready` again when shown.
        if (!panel.visible) {
          this.ready = false;
          this.results.supersede();
        }
        this.visibility.fire();
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown.reset();
        this.results.supersede();
        this.visibility.fire();
        for (const d of this.panelDisposables.splice(0)) {
          d.dispose();
        }
      }),
    );
  }

  private focus(message: HostMessage): void {
    if (message.type !== 'compare') {
      // The webview leaves the compare view for the table.
      this.compare = undefined;
    }
    if (this.ready) {
      void this.post(message);
    } else {
      this.pendingFocus = message;
    }
  }

  /** Handles one message from the webview; anything that is not in the protocol is logged and ignored. */
  async receive(raw: unknown): Promise<void> {
    const parsed = webviewMessageSchema().safeParse(raw);
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
      case 'ready': {
        this.ready = true;
        this.sentOutcome = undefined;
        // A new page has no rows: the next result is sent whole, never as rows added to one it does not have.
        this.results.supersede();
        // A compare view (asked for, or shown before the panel was hidden) goes before the rows, to be in place
        // when they arrive; a focus on an event after them, as it selects one of them.
        const pending = this.pendingFocus;
        this.pendingFocus = undefined;
        const compare = pending?.type === 'compare' ? pending : this.shownCompare();
        await this.sync(this.state.snapshot, compare);
        await this.sendSummary();
        await this.sendChoices();
        if (pending && pending.type !== 'compare') {
          await this.post(pending);
        }
        return;
      }
      case 'compareClosed':
        this.compare = undefined;
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
        this.shown.selectedEventId = message.eventId;
        await this.sendDetails(message.eventId);
        return;
      case 'view':
        this.shown.filter = { text: message.text, excludedTypes: message.excludedTypes };
        return;
      case 'revealInTree':
        await this.revealInTree(message.eventId);
        return;
      case 'copy':
        await copyToClipboard(message.text);
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

  /** The compare view to show again: while the result it compares is the one shown. */
  private shownCompare(): CompareMessage | undefined {
    if (this.compare && this.compare.outcome !== this.state.snapshot.outcome) {
      this.compare = undefined;
    }
    return this.compare?.message;
  }

  /** Sends the status and any new result; `before` goes between them, so that it is in place when the rows arrive. */
  private async sync(snapshot: QuerySnapshot, before?: HostMessage): Promise<void> {
    if (!this.panel || !this.ready) {
      return;
    }
    const settings = this.settings();
    await this.post(
      panelStatus(snapshot, {
        settings,
        explanation: this.explanations?.current,
        actionContext: (error) => this.actionContext(error),
        hasApiKey: (await this.keys.get().catch(() => undefined)) !== undefined,
      }),
    );
    if (before) {
      await this.post(before);
    }
    const { outcome } = snapshot;
    if (!outcome && this.sentOutcome) {
      // The status just sent says there is none: the webview forgets its rows, and the next result comes whole.
      this.sentOutcome = undefined;
      this.results.supersede();
    }
    if (outcome && outcome !== this.sentOutcome) {
      this.sentOutcome = outcome;
      await this.results.send(outcome, settings.timeZone, (message) => this.post(message));
    }
  }

  private async copyEvent(eventId: string, field: string | undefined): Promise<void> {
    const outcome = this.state.snapshot.outcome;
    const text = outcome ? this.results.copyText(outcome, eventId, field) : undefined;
    if (text !== undefined) {
      await copyToClipboard(text);
    }
  }

  private async sendDetails(eventId: string): Promise<void> {
    const outcome = this.state.snapshot.outcome;
    const details = outcome ? this.results.details(outcome, eventId, this.settings()) : undefined;
    if (details) {
      await this.post(details);
    }
  }

  private async sendSummary(): Promise<void> {
    if (this.panel && this.ready) {
      await this.post(summaryMessage(this.summary.status));
    }
  }

  private async sendChoices(): Promise<void> {
    await (this.ready && this.choices ? this.post({ type: 'queries', choices: this.choices.list() }) : undefined);
  }

  /** Resolves whether the message reached the webview. */
  private async post(message: HostMessage): Promise<boolean> {
    return (await this.panel?.webview.postMessage(message)) ?? false;
  }
}

/** `Connection Events`, or `Connection Events · staging` when the profile is named. */
function panelTitle(profile: string | undefined): string {
  return profile === undefined ? vscode.l10n.t('Connection Events') : vscode.l10n.t('Connection Events · {0}', profile);
}
