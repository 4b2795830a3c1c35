import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import { explainEmpty, MAX_EXTRA_REQUESTS, type Explanation } from '../core/emptyResult';
import type { QueryOutcome, QueryState, QuerySnapshot } from '../core/queryState';
import type { ValidQuery } from '../core/query';
import type { TimeZone } from '../core/time';
import type { Log } from '../log';
import type { ClientFactory } from './clientFactory';

/**
 * Says why a query returned nothing (core/emptyResult), once per query: a
 * refresh of the same query keeps the explanation, a new query drops it and
 * cancels the extra requests still in flight, and so does clearing the results
 * (QueryState.clear: another key or profile), even for the same query. The explanation is what the
 * Connections view's message line and the events panel show, and its
 * correction is what Use Suggested Query runs.
 */
export class EmptyExplainer implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private explained: { readonly query: ValidQuery; readonly explanation: Explanation } | undefined;
  private inFlight: { readonly query: ValidQuery; readonly controller: AbortController } | undefined;
  private readonly subscription: { dispose(): void };
  private published: Explanation | undefined;

  constructor(
    private readonly state: QueryState,
    private readonly access: ClientFactory,
    private readonly log: Log,
    private readonly timeZone: () => TimeZone,
  ) {
    this.subscription = state.onDidChange((snapshot) => {
      if (!snapshot.outcome) {
        // The results were cleared (another key, another profile): what explained them was learnt from
        // another organization's events, even if the same query runs again.
        this.inFlight?.controller.abort();
        this.explained = undefined;
      } else if (this.inFlight && snapshot.query !== this.inFlight.query) {
        this.inFlight.controller.abort();
      }
      this.publish();
    });
  }

  /** The explanation of the results shown: the current query's, while they are empty. */
  get current(): Explanation | undefined {
    return this.explained && applies(this.state.snapshot, this.explained.query) ? this.explained.explanation : undefined;
  }

  /**
   * Explains `outcome`, an empty result, with at most MAX_EXTRA_REQUESTS requests,
   * each logged like any other; undefined when they fail or a newer query takes over.
   */
  async explain(outcome: QueryOutcome): Promise<Explanation | undefined> {
    const { query } = outcome;
    if (this.explained?.query === query) {
      return this.explained.explanation;
    }
    this.inFlight?.controller.abort();
    const controller = new AbortController();
    this.inFlight = { query, controller };
    try {
      const client = await this.access.client();
      let requests = 0;
      const explanation = await explainEmpty(
        query,
        async (request) => {
          requests++;
          return client.queryEvents(request, controller.signal);
        },
        this.timeZone(),
      );
      if (controller.signal.aborted) {
        return undefined;
      }
      this.log.info(`Empty result explained with ${requests} of at most ${MAX_EXTRA_REQUESTS} extra requests: ${explanation.message}`);
      this.explained = { query, explanation };
      this.publish();
      return explanation;
    } catch (error) {
      if (!controller.signal.aborted) {
        this.log.warn(`Could not say why the query returned nothing: ${error instanceof Error ? error.message : String(error)}`);
      }
      return undefined;
    } finally {
      if (this.inFlight?.controller === controller) {
        this.inFlight = undefined;
      }
    }
  }

  dispose(): void {
    this.inFlight?.controller.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Tells the views when the explanation shown changes, and only then. */
  private publish(): void {
    const current = this.current;
    if (current === this.published) {
      return;
    }
    this.published = current;
    void vscode.commands.executeCommand('setContext', ContextKeys.hasSuggestion, current?.correction !== undefined);
    this.changed.fire();
  }
}

/** An explanation of `query` applies while it is the query shown, finished, and still empty. */
function applies(snapshot: QuerySnapshot, query: ValidQuery): boolean {
  const { outcome } = snapshot;
  return snapshot.query === query && outcome?.query === query && outcome.eventCount === 0;
}
