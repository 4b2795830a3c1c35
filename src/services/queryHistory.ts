import { isAnApiKey } from '../core/apiKeyForm';
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
  /**
   * The history as last written, the one read. The memento's own value can lag: a change written
   * from this window comes back from the storage later, and would bring an older list back between
   * two quick writes. Read from storage once, when the window starts.
   */
  private current: readonly QueryInput[];
  /** The writes to storage, one after another, so the last one stored is the last one made. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly memento: vscode.Memento,
    state: QueryState,
    private readonly log: Log,
    /** Every profile's key this window knows: a query that filters on a key itself (typed as a key ID by mistake) is not kept. */
    private readonly apiKeys: () => readonly string[],
  ) {
    this.current = parseHistory(memento.get<unknown>(HISTORY_MEMENTO));
    this.subscription = state.onDidChange((snapshot) => this.record(snapshot));
  }

  /** The history, newest first, each entry in its canonical form (core/queryIdentity). */
  get entries(): readonly QueryInput[] {
    return this.current;
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
    if (query.apiKeyId !== undefined && isAnApiKey(query.apiKeyId, this.apiKeys())) {
      this.log.warn('A query filtered on the API key itself as a key ID: it is not kept in the query history.');
      return;
    }
    const history = this.entries;
    if (!isNewest(history, query)) {
      void this.write(addToHistory(history, query));
    }
  }

  private write(history: readonly QueryInput[]): Promise<void> {
    this.current = history;
    this.changed.fire();
    this.writing = this.writing.then(() =>
      Promise.resolve(this.memento.update(HISTORY_MEMENTO, history.length > 0 ? history : undefined)).catch((error: unknown) =>
        this.log.error('Saving the query history failed', error),
      ),
    );
    return this.writing;
  }
}
