import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import { FailureCoalescer } from '../core/coalescer';
import type { ActiveSet } from '../core/connectedNow';
import type { Log } from '../log';
import type { ApiKeyStore } from '../secrets';
import type { ClientFactory } from './clientFactory';
import type { ErrorPresenter } from './errorPresenter';
import { failureKey } from './queryRunner';

export interface ActiveSnapshot {
  /** The last active set that arrived; kept when a later load fails. */
  readonly active: ActiveSet | undefined;
  readonly running: boolean;
  /** Why the last load failed; cleared by the next success. */
  readonly error: Error | undefined;
}

/**
 * The status endpoint's active connections (`activeOnly=true`), for the
 * "Connected now" view: through the same client, key rules, retries and error
 * presenter as the events query. A newer load cancels the one in flight; a
 * failed one keeps the previous set; a background load that fails the same
 * way again is logged without another notification.
 */
export class ActiveConnections implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ActiveSnapshot>();
  readonly onDidChange = this.changed.event;
  private current: ActiveSnapshot = { active: undefined, running: false, error: undefined };
  private inFlight: AbortController | undefined;
  private readonly coalescer = new FailureCoalescer();

  constructor(
    private readonly access: ClientFactory,
    private readonly keys: ApiKeyStore,
    private readonly errors: ErrorPresenter,
    private readonly log: Log,
    private readonly limit: () => number,
  ) {}

  get snapshot(): ActiveSnapshot {
    return this.current;
  }

  /** Loads the active set. Without a key there is nothing to load and nothing to report: the view says so. */
  async load(options: { background?: boolean } = {}): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    if ((await this.keys.get().catch(() => undefined)) === undefined) {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
        this.update({ active: undefined, running: false, error: undefined });
      }
      return;
    }
    this.update({ running: true });
    await vscode.window.withProgress({ location: { viewId: Views.connectedNow } }, () =>
      this.fetch(controller, options.background === true),
    );
  }

  private async fetch(controller: AbortController, background: boolean): Promise<void> {
    const limit = this.limit();
    try {
      const client = await this.access.client();
      const result = await client.queryConnections({ activeOnly: true, limit }, controller.signal);
      if (this.inFlight !== controller) {
        return;
      }
      this.coalescer.reset();
      if (result.invalidCount > 0) {
        this.log.warn(
          `Connected now: ${result.invalidCount} of ${result.received} status records did not match the schema and are not shown.`,
        );
      }
      // A full answer may have left active connections out: then none can be called inactive.
      this.update({
        active: { records: result.records, complete: result.received < limit, fetchedAtMs: Date.now() },
        running: false,
        error: undefined,
      });
    } catch (caught) {
      if (this.inFlight !== controller) {
        return;
      }
      if (controller.signal.aborted) {
        this.update({ running: false });
        return;
      }
      const error = caught instanceof Error ? caught : new Error(String(caught));
      this.update({ running: false, error });
      if (this.coalescer.shouldNotify(failureKey(error), background)) {
        this.errors.show(vscode.l10n.t('Loading the active connections failed'), error, {
          retry: { command: Commands.refreshConnectedNow },
        });
      } else {
        this.log.warn(`Connected now failed again the same way (not notified): ${error.message}`);
      }
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
      }
    }
  }

  /** Forgets the active set, e.g. when the key changes. */
  clear(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.update({ active: undefined, running: false, error: undefined });
  }

  dispose(): void {
    this.inFlight?.abort();
    this.changed.dispose();
  }

  private update(change: Partial<ActiveSnapshot>): void {
    this.current = { ...this.current, ...change };
    this.changed.fire(this.current);
  }
}
