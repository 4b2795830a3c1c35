import { describeQuery } from '../core/querySummary';
import type { QueryOutcome } from '../core/queryState';
import { CHUNK_ROWS, encodeRows, FIRST_CHUNK_ROWS } from '../core/rowColumns';
import type { TimeZone } from '../core/time';
import type { HostMessage } from '../shared/protocol';
import { indexOutcome, type OutcomeIndex } from './outcomeIndex';

/**
 * Sends the panel its results: the facts and the first rows in one message, the rest in chunks
 * of compact columns (core/rowColumns), newest first, as the table shows them by default. A
 * newer result, or a panel that was hidden or closed, ends the sending of an older one.
 */
export class PanelResults {
  private lastId = 0;

  /** The outcome's index, built once (views/outcomeIndex). */
  index(outcome: QueryOutcome): OutcomeIndex {
    return indexOutcome(outcome);
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
