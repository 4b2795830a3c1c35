import * as vscode from 'vscode';
import { addToHistory, isNewest, parseHistory } from '../core/queryHistory';
import { validateQuery, type QueryInput, type ValidQuery } from '../core/query';
import type { QuerySnapshot, QueryState } from '../core/queryState';
import type { Log } from '../log';

/** Where the history is kept: globalState, across windows and reloads. Queries hold no key, so not in secrets. */
const HISTORY_MEMENTO = 'connectionAnalytics.queryHistory';

/**
 * The last distinct queries run, newest first, from every entry point (palette, panel, tree,
 * saved queries, command arguments): each new current query of the shared state is recorded
 * when it starts to run. Refresh and Load Older keep the query, so they record nothing new.
 */
export class QueryHistory implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private recorded: ValidQuery | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly memento: vscode.Memento,
    state: QueryState,
    private readonly log: Log,
  ) {
    this.subscription = state.onDidChange((snapshot) => this.record(snapshot));
  }

  /** The history, newest first, each entry in its canonical form (core/queryIdentity). */
  get entries(): QueryInput[] {
    return parseHistory(this.memento.get<unknown>(HISTORY_MEMENTO));
  }

  /**
   * The newest query, to make current again after a reload (not run: running costs a request).
   * Undefined when there is none, or it no longer validates.
   */
  last(): ValidQuery | undefined {
    const newest = this.entries[0];
    const result = newest === undefined ? undefined : validateQuery(newest, 'utc');
    return result?.ok ? result.query : undefined;
  }

  async clear(): Promise<number> {
    const count = this.entries.length;
    await this.write([]);
    return count;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private record(snapshot: QuerySnapshot): void {
    const { query, running } = snapshot;
    if (!running || query === undefined || query === this.recorded) {
      return;
    }
    this.recorded = query;
    const history = this.entries;
    if (!isNewest(history, query)) {
      void this.write(addToHistory(history, query));
    }
  }

  private async write(history: readonly QueryInput[]): Promise<void> {
    try {
      await this.memento.update(HISTORY_MEMENTO, history.length > 0 ? history : undefined);
      this.changed.fire();
    } catch (error) {
      this.log.error('Saving the query history failed', error);
    }
  }
}
