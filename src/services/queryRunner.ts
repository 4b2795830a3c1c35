import * as vscode from 'vscode';
import type { ClientFactory } from './clientFactory';
import { Commands, Views } from '../constants';
import { isApiError } from '../api/errors';
import { FailureCoalescer } from '../core/coalescer';
import { connectionQueryInput, loadConnection } from '../core/connectionQuery';
import { toQueryInput, validateQuery, type EventQuery, type FieldError, type ValidQuery } from '../core/query';
import type { QueryState, RunResult, TailResult } from '../core/queryState';
import type { EmptyExplainer } from './emptyExplainer';
import type { ErrorPresenter } from './errorPresenter';
import type { ActionInvocation } from './recoveryActions';
import type { Log } from '../log';

/** The commands that load a connection's whole life, and the names the log gives their runs. */
type ConnectionCommand = typeof Commands.queryConnection | typeof Commands.showConnection;
const CONNECTION_COMMAND_NAMES: Readonly<Record<ConnectionCommand, string>> = {
  [Commands.queryConnection]: 'Query This Connection',
  [Commands.showConnection]: 'Show Connection',
};

/**
 * Runs queries for every entry point (palette, tree, panel, command argument):
 * progress in the Connections view, errors shown once with their actions,
 * the outcome in the shared {@link QueryState}.
 */
export class QueryRunner {
  private readonly coalescer = new FailureCoalescer();

  constructor(
    private readonly state: QueryState,
    private readonly access: ClientFactory,
    private readonly errors: ErrorPresenter,
    private readonly log: Log,
    private readonly explainer: EmptyExplainer,
  ) {}

  /**
   * Runs `query`. A `background` run (auto-refresh) that fails the same way as
   * the one before it is logged without another notification.
   */
  async run(query: ValidQuery, options: { background?: boolean } = {}): Promise<RunResult> {
    const result = await this.report(
      () => this.state.run(query, this.execute),
      { command: Commands.queryEvents, args: [toQueryInput(query)] },
      options,
    );
    // A background run (auto-refresh) spends no extra request: an explanation of the same query stays.
    if (result.status === 'ok' && result.outcome.eventCount === 0 && options.background !== true) {
      const explanation = await this.explainer.explain(result.outcome);
      return explanation ? { ...result, explanation } : result;
    }
    return result;
  }

  /**
   * Adds the page of events before the oldest one shown, when the last page
   * was full. Refused (`busy`) while a query runs, whoever asks: it would
   * cancel that query and bring the older one back.
   */
  async loadOlder(): Promise<RunResult> {
    const result = await this.report(() => this.state.loadOlder(this.execute), { command: Commands.loadOlder }, {});
    if (result.status === 'busy') {
      this.log.info('Load Older refused: a query is running.');
      void vscode.window.setStatusBarMessage(vscode.l10n.t('A query is running: load older events when it has finished.'), 4000);
    }
    if (result.status === 'stale') {
      this.log.info('Load Older refused: the results shown are of an earlier query than the current one.');
      void vscode.window.setStatusBarMessage(
        vscode.l10n.t('The results shown are of an earlier query: Refresh runs the current one first.'),
        4000,
      );
    }
    return result;
  }

  /**
   * A connection's whole life: its ID alone over the last `lookbackDays`,
   * validated like every other query, paged back until its connect event or
   * the window's start (at most MAX_CONNECTION_PAGES pages, core/connectionQuery).
   */
  async queryConnection(
    connectionId: string,
    lookbackDays: number,
    via: ConnectionCommand = Commands.queryConnection,
  ): Promise<RunResult | { status: 'invalid'; errors: readonly FieldError[] }> {
    // The input's times are ISO 8601 UTC with a Z, made here: no zone setting applies to them.
    const validated = validateQuery(connectionQueryInput(connectionId, lookbackDays, Date.now()), 'utc');
    if (!validated.ok) {
      this.errors.invalidQuery(validated.errors);
      return { status: 'invalid', errors: validated.errors };
    }
    let pages = 0;
    const result = await this.report(
      async () => {
        const load = await loadConnection(this.state, validated.query, connectionId, this.execute);
        pages = load.pages;
        if (load.capped) {
          this.log.warn(
            `${CONNECTION_COMMAND_NAMES[via]} stopped after ${load.pages} pages (the most it follows) before reaching ${connectionId}'s connect event; Load Older continues.`,
          );
        }
        return load.result;
      },
      // Retry runs what the user ran, over the same window.
      via === Commands.showConnection ? { command: via, args: [{ connectionId, lookbackDays }] } : { command: via, args: [connectionId] },
      {},
    );
    this.log.info(`${CONNECTION_COMMAND_NAMES[via]}: ${connectionId} over ${lookbackDays} days, ${pages} page(s).`);
    return result;
  }

  /** One live tail round (QueryState.tail): quiet, no progress; the caller reports a failure. */
  tail(): Promise<TailResult> {
    return this.state.tail(this.execute);
  }

  private readonly execute = async (query: EventQuery, signal: AbortSignal) => (await this.access.client()).queryEvents(query, signal);

  private report(work: () => Promise<RunResult>, retry: ActionInvocation, options: { background?: boolean }): Promise<RunResult> {
    return Promise.resolve(
      vscode.window.withProgress({ location: { viewId: Views.connections } }, async () => {
        const result = await work();
        if (result.status === 'failed') {
          if (this.coalescer.shouldNotify(failureKey(result.error), options.background === true)) {
            this.errors.show(vscode.l10n.t('Query failed'), result.error, { retry });
          } else {
            this.log.warn(`Auto-refresh failed again the same way (not notified): ${result.error.message}`);
          }
        }
        if (result.status === 'ok') {
          this.coalescer.reset();
          const { invalidCount, invalidSamples, received } = result.outcome;
          if (invalidCount > 0) {
            const samples = invalidSamples.map((s) => `#${s.index}${s.id ? ` (${s.id})` : ''}: ${s.reason}`).join('; ');
            this.log.warn(`${invalidCount} of ${received} records did not match the schema and are not shown. ${samples}`);
          }
        }
        return result;
      }),
    );
  }

  /** Re-runs the current query; undefined when there is none. */
  async refresh(options: { background?: boolean } = {}): Promise<RunResult | undefined> {
    const query = this.state.snapshot.query;
    return query ? this.run(query, options) : undefined;
  }

  cancel(): void {
    this.state.cancel();
  }
}

/** What makes two failures "the same" for coalescing: their type and status or code. */
export function failureKey(error: Error): string {
  const detail = isApiError(error) ? (error.status ?? (error as { code?: string }).code ?? '') : '';
  return `${error.name}:${String(detail)}`;
}
