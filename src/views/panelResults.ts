import type { Connection, TimedEvent } from '../core/grouping';
import { describeQuery } from '../core/querySummary';
import type { QueryOutcome } from '../core/queryState';
import { CHUNK_ROWS, encodeRows, FIRST_CHUNK_ROWS } from '../core/rowColumns';
import { applyView, DEFAULT_VIEW, toRows, type EventRow } from '../core/table';
import type { TimeZone } from '../core/time';
import type { HostMessage } from '../shared/protocol';

/** What the panel looks up in an outcome: its rows in the table's default order, and each event by ID. */
export interface ResultIndex {
  readonly rows: readonly EventRow[];
  readonly byId: ReadonlyMap<string, { readonly connection: Connection; readonly timed: TimedEvent }>;
}

/**
 * Sends the panel its results: the facts and the first rows in one message, the rest in chunks
 * of compact columns (core/rowColumns), newest first, as the table shows them by default. A
 * newer result, or a panel that was hidden or closed, ends the sending of an older one.
 */
export class PanelResults {
  private readonly indexes = new WeakMap<QueryOutcome, ResultIndex>();
  private lastId = 0;

  /** The outcome's index, built once. */
  index(outcome: QueryOutcome): ResultIndex {
    let index = this.indexes.get(outcome);
    if (!index) {
      const byId = new Map<string, { connection: Connection; timed: TimedEvent }>();
      for (const connection of outcome.connections) {
        for (const timed of connection.events) {
          byId.set(timed.event.eventId, { connection, timed });
        }
      }
      // The order the table opens in: the first chunk is the first screen.
      // The default view has no text filter, so the zone (used only to match typed text) plays no part.
      index = { rows: applyView(toRows(outcome.connections), DEFAULT_VIEW, 'utc'), byId };
      this.indexes.set(outcome, index);
    }
    return index;
  }

  /** Stops any sending in progress: the next result, or nothing, replaces it. */
  supersede(): void {
    this.lastId++;
  }

  /**
   * Posts the outcome's rows. `post` resolves false when the message could not be delivered
   * (the panel is gone); the sending stops then, and when a newer call supersedes this one.
   */
  async send(outcome: QueryOutcome, zone: TimeZone, post: (message: HostMessage) => Promise<boolean>): Promise<void> {
    const resultId = ++this.lastId;
    const { rows } = this.index(outcome);
    const delivered = await post({
      type: 'results',
      resultId,
      total: rows.length,
      rows: encodeRows(rows, 0, FIRST_CHUNK_ROWS),
      summary: describeQuery(outcome.query, outcome.limit, zone),
      connections: outcome.connections.length,
      limit: outcome.limit,
      limitReached: outcome.limitReached,
      pages: outcome.pages,
      invalidCount: outcome.invalidCount,
      completedAt: outcome.completedAt.toISOString(),
    });
    for (let offset = FIRST_CHUNK_ROWS; delivered && offset < rows.length && resultId === this.lastId; offset += CHUNK_ROWS) {
      if (!(await post({ type: 'rows', resultId, offset, rows: encodeRows(rows, offset, offset + CHUNK_ROWS) }))) {
        return;
      }
    }
  }
}
