import { checkRowColumns, decodeRows } from '../core/rowColumns';
import { TableModel } from '../core/tableModel';
import type { AppendMessage, ResultsMessage, RowsMessage } from '../shared/protocol';

/**
 * The result the panel shows, as it arrives: the results message with its first rows, then the
 * chunks of the rest. Every message is checked before it is used (a malformed one is dropped,
 * naming the field, and what was shown stays); a chunk of another result, or out of order, is dropped.
 */
export class ResultRows {
  readonly model = new TableModel();
  private current: ResultsMessage | undefined;

  get results(): ResultsMessage | undefined {
    return this.current;
  }

  /** All of the current result's rows have arrived (true before any result). */
  get complete(): boolean {
    return this.model.rows.length >= (this.current?.total ?? 0);
  }

  /** Forgets the result: the host has none any more (another key, another profile). */
  clear(): void {
    this.current = undefined;
    this.model.reset([]);
  }

  /** Takes a message; false when it was dropped. */
  accept(message: ResultsMessage | RowsMessage | AppendMessage): boolean {
    const problem = this.check(message);
    if (problem) {
      console.warn(`Dropped a ${message.type} message: ${problem}`);
      return false;
    }
    if (message.type === 'results') {
      this.current = message;
      this.model.reset(decodeRows(message.rows));
    } else {
      if (message.type === 'append' && this.current) {
        const { total, connections, invalidCount, completedAt } = message;
        this.current = { ...this.current, total, connections, invalidCount, completedAt };
      }
      this.model.append(decodeRows(message.rows));
    }
    return true;
  }

  private check(message: ResultsMessage | RowsMessage | AppendMessage): string | undefined {
    if (message.type === 'append') {
      if (message.resultId !== this.current?.resultId || !this.complete) {
        return `resultId: ${String(message.resultId)} is not a result shown whole`;
      }
      const problem = checkRowColumns(message.rows);
      return (
        problem ??
        (this.model.rows.length + message.rows.id.length !== message.total
          ? `total: ${String(message.total)} is not the rows held and added`
          : undefined)
      );
    }
    if (message.type === 'results') {
      if (!Number.isSafeInteger(message.resultId)) {
        return 'resultId: must be an integer';
      }
      if (!Number.isSafeInteger(message.total) || message.total < 0) {
        return 'total: must be a count';
      }
    } else {
      if (message.resultId !== this.current?.resultId) {
        return `resultId: ${String(message.resultId)} is not the result shown`;
      }
      if (message.offset !== this.model.rows.length) {
        return `offset: ${String(message.offset)} is not the ${this.model.rows.length} rows received`;
      }
    }
    const problem = checkRowColumns(message.rows);
    if (problem) {
      return problem;
    }
    const total = message.type === 'results' ? message.total : (this.current?.total ?? 0);
    const before = message.type === 'results' ? 0 : this.model.rows.length;
    return before + message.rows.id.length > total ? `rows: more than the ${total} rows of the result` : undefined;
  }
}
