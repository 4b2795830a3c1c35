import * as vscode from 'vscode';
import type { ApiAccess } from './apiAccess';
import { Views } from './constants';
import { isApiError } from './api/errors';
import { FailureCoalescer } from './core/coalescer';
import type { EventQuery } from './core/query';
import type { QueryState, RunResult } from './core/queryState';
import type { ErrorPresenter } from './errorPresenter';
import type { Log } from './log';

/**
 * Runs queries for every entry point (palette, tree, panel, command argument):
 * progress in the Connections view, errors shown once with their actions,
 * the outcome in the shared {@link QueryState}.
 */
export class QueryRunner {
  private readonly coalescer = new FailureCoalescer();

  constructor(
    private readonly state: QueryState,
    private readonly access: ApiAccess,
    private readonly errors: ErrorPresenter,
    private readonly log: Log,
  ) {}

  /**
   * Runs `query`. A `background` run (auto-refresh) that fails the same way as
   * the one before it is logged without another notification.
   */
  run(query: EventQuery, options: { background?: boolean } = {}): Promise<RunResult> {
    return this.report(() => this.state.run(query, this.execute), () => this.run(query), options);
  }

  /** Adds the page of events before the oldest one shown, when the last page was full. */
  loadOlder(): Promise<RunResult> {
    return this.report(() => this.state.loadOlder(this.execute), () => this.loadOlder(), {});
  }

  private readonly execute = async (query: EventQuery, signal: AbortSignal) => (await this.access.client()).queryEvents(query, signal);

  private report(work: () => Promise<RunResult>, retry: () => unknown, options: { background?: boolean }): Promise<RunResult> {
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
function failureKey(error: Error): string {
  const detail = isApiError(error) ? (error.status ?? (error as { code?: string }).code ?? '') : '';
  return `${error.name}:${String(detail)}`;
}
