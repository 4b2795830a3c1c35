import * as vscode from 'vscode';
import type { ApiAccess } from './apiAccess';
import { Views } from './constants';
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
  constructor(
    private readonly state: QueryState,
    private readonly access: ApiAccess,
    private readonly errors: ErrorPresenter,
    private readonly log: Log,
  ) {}

  run(query: EventQuery): Promise<RunResult> {
    return Promise.resolve(
      vscode.window.withProgress({ location: { viewId: Views.connections } }, async () => {
        const result = await this.state.run(query, async (q, signal) => (await this.access.client()).queryEvents(q, signal));
        if (result.status === 'failed') {
          this.errors.show(vscode.l10n.t('Query failed'), result.error, { retry: () => this.run(query) });
        } else if (result.status === 'ok' && result.outcome.invalidCount > 0) {
          const samples = result.outcome.invalidSamples.map((s) => `#${s.index}${s.id ? ` (${s.id})` : ''}: ${s.reason}`).join('; ');
          this.log.warn(`${result.outcome.invalidCount} of ${result.outcome.received} records did not match the schema and are not shown. ${samples}`);
        }
        return result;
      }),
    );
  }

  /** Re-runs the current query; false when there is none. */
  async refresh(): Promise<RunResult | undefined> {
    const query = this.state.snapshot.query;
    return query ? this.run(query) : undefined;
  }

  cancel(): void {
    this.state.cancel();
  }
}
