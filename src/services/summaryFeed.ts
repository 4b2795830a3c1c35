import * as vscode from 'vscode';
import type { QueryOutcome, QuerySnapshot, QueryState } from '../core/queryState';
import { summarize, summaryQueryOf, type SummaryTotals } from '../core/summary';
import type { Log } from '../log';
import type { ClientFactory } from './clientFactory';

/** What the summary endpoint said about the results shown: nothing yet, asking, its totals, or why it failed. */
export type SummaryStatus =
  | { readonly state: 'none' }
  | { readonly state: 'loading'; readonly outcome: QueryOutcome }
  | { readonly state: 'ok'; readonly outcome: QueryOutcome; readonly totals: SummaryTotals }
  | { readonly state: 'failed'; readonly outcome: QueryOutcome; readonly message: string };

/**
 * After each successful events query, one request to the summary endpoint for
 * the same window and the filters it accepts, through the same client, key
 * and retries. Its failure is logged and shown as a note where the summary
 * would be: the events shown are never affected. Loading older events keeps
 * the window, so it keeps the summary too.
 */
export class SummaryFeed implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SummaryStatus>();
  readonly onDidChange = this.changed.event;
  private current: SummaryStatus = { state: 'none' };
  private inFlight: AbortController | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    state: QueryState,
    private readonly access: ClientFactory,
    private readonly log: Log,
  ) {
    this.subscription = state.onDidChange((snapshot) => this.follow(snapshot));
  }

  get status(): SummaryStatus {
    return this.current;
  }

  dispose(): void {
    this.inFlight?.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }

  private follow(snapshot: QuerySnapshot): void {
    const { outcome } = snapshot;
    if (!outcome) {
      if (this.current.state !== 'none') {
        this.inFlight?.abort();
        this.set({ state: 'none' });
      }
      return;
    }
    if (this.current.state !== 'none' && this.current.outcome === outcome) {
      return;
    }
    if ((outcome.pages > 1 || outcome.appended) && this.current.state !== 'none' && this.current.outcome.query === outcome.query) {
      // An older page of the same query, or the live tail's new events: same query, same summary (no request a round).
      this.set({ ...this.current, outcome });
      return;
    }
    void this.fetch(outcome);
  }

  private async fetch(outcome: QueryOutcome): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.set({ state: 'loading', outcome });
    try {
      const client = await this.access.client();
      const result = await client.querySummary(summaryQueryOf(outcome.query), controller.signal);
      if (this.inFlight === controller) {
        this.set({ state: 'ok', outcome, totals: summarize(result.records) });
      }
    } catch (error) {
      if (this.inFlight === controller && !controller.signal.aborted) {
        const message = error instanceof Error ? error.message : String(error);
        this.log.warn(`The summary for the results shown failed (the results are not affected): ${message}`);
        this.set({ state: 'failed', outcome, message });
      }
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
      }
    }
  }

  private set(status: SummaryStatus): void {
    this.current = status;
    this.changed.fire(status);
  }
}
