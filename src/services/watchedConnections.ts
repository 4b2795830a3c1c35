import { notificationText } from '../core/notificationText';
import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import { classifyClose, closeCauseLabel } from '../core/closeCause';
import type { QueryState } from '../core/queryState';
import type { Log } from '../log';

/** Where the watched connection IDs are kept: the workspace's state, as the tree's grouping is. */
const WATCHED_KEY = 'connectionAnalytics.watchedConnections';

/**
 * Connections the user watches (Watch Connection on a tree row): when the live tail brings a
 * watched connection's disconnect, a notification says so, with its cause (core/closeCause),
 * and offers to show the connection in the events panel.
 */
export class WatchedConnections implements vscode.Disposable {
  private readonly ids: Set<string>;
  private readonly subscription: { dispose(): void };

  /** The serial of the last outcome whose new events were looked at. */
  private handled: number | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    state: QueryState,
    private readonly log: Log,
    private readonly showConnection: (connectionId: string) => void,
  ) {
    const stored = memento.get<unknown>(WATCHED_KEY);
    this.ids = new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
    this.subscription = state.onDidChange((snapshot) => {
      const appended = snapshot.outcome?.appended;
      // The state changes again with the same outcome (a query starts, is cancelled): each round's disconnects are told once.
      if (appended && this.ids.size > 0 && snapshot.outcome?.serial !== this.handled) {
        this.handled = snapshot.outcome?.serial;
        for (const { event } of appended.events) {
          if (event.eventType === 'disconnect' && this.ids.has(event.connectionId)) {
            this.notify(
              event.connectionId,
              closeCauseLabel(classifyClose(event.eventType, event.eventDescription)),
              event.eventDescription,
            );
          }
        }
      }
    });
    void this.updateContext();
  }

  /** The watched IDs, oldest first. */
  get watched(): readonly string[] {
    return [...this.ids];
  }

  has(connectionId: string): boolean {
    return this.ids.has(connectionId);
  }

  async watch(connectionId: string): Promise<void> {
    this.ids.add(connectionId);
    await this.save();
  }

  /** False when it was not watched. */
  async unwatch(connectionId: string): Promise<boolean> {
    const was = this.ids.delete(connectionId);
    await this.save();
    return was;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private notify(connectionId: string, cause: string, description: string | null | undefined): void {
    this.log.info(`Watched connection ${connectionId} disconnected: ${cause}${description ? ` (${description})` : ''}.`);
    const show = vscode.l10n.t('Show in Events Panel');
    const message = description
      ? vscode.l10n.t('Watched connection {0} disconnected: {1} ("{2}").', connectionId, cause, description)
      : vscode.l10n.t('Watched connection {0} disconnected: {1}.', connectionId, cause);
    void vscode.window.showWarningMessage(notificationText(message), show).then((picked) => {
      if (picked === show) {
        this.showConnection(connectionId);
      }
    });
  }

  private async save(): Promise<void> {
    await this.memento.update(WATCHED_KEY, [...this.ids]);
    await this.updateContext();
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', ContextKeys.watching, this.ids.size > 0);
  }
}
