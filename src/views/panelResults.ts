import { boundDepth, stringifyJson } from '../core/jsonText';
import { describeQuery } from '../core/querySummary';
import type { QueryOutcome } from '../core/queryState';
import { CHUNK_ROWS, encodeRows, FIRST_CHUNK_ROWS } from '../core/rowColumns';
import { formatTimeMillis, zoneName, type TimeZone } from '../core/time';
import { eventRow } from '../core/table';
import { buildTimeline } from '../core/timeline';
import type { DetailsMessage, HostMessage } from '../shared/protocol';
import { indexOutcome, type OutcomeIndex } from './outcomeIndex';

/**
 * Sends the panel its results: the facts and the first rows in one message, the rest in chunks
 * of compact columns (core/rowColumns), newest first, as the table shows them by default. A
 * newer result, or a panel that was hidden or closed, ends the sending of an older one.
 */
export class PanelResults {
  private lastId = 0;
  /** The result whose rows have all been posted (as `lastId`), and how many: the live tail's rows are added to it. */
  private delivered: { readonly resultId: number; readonly serial: number; readonly total: number } | undefined;

  /** The outcome's index, built once (views/outcomeIndex). */
  index(outcome: QueryOutcome): OutcomeIndex {
    return indexOutcome(outcome);
  }

  /** Stops any sending in progress: the next result, or nothing, replaces it. */
  supersede(): void {
    this.lastId++;
    this.delivered = undefined;
  }

  /**
   * Posts the outcome's rows. `post` resolves false when the message could not be delivered
   * (the panel is gone); the sending stops then, and when a newer call supersedes this one.
   */
  async send(outcome: QueryOutcome, zone: TimeZone, post: (message: HostMessage) => Promise<boolean>): Promise<void> {
    const shown = this.delivered;
    if (outcome.appended && shown && shown.resultId === this.lastId && outcome.appended.baseSerial === shown.serial) {
      // Only the new rows: neither the rows shown are sent again nor the whole result sorted again.
      const rows = outcome.appended.events.map(eventRow);
      const total = shown.total + rows.length;
      this.delivered = { resultId: shown.resultId, serial: outcome.serial, total };
      const appended = await post({
        type: 'append',
        resultId: shown.resultId,
        total,
        rows: encodeRows(rows),
        connections: outcome.connections.length,
        invalidCount: outcome.invalidCount,
        completedAt: outcome.completedAt.toISOString(),
      });
      if (!appended) {
        this.delivered = undefined;
      }
      return;
    }
    this.delivered = undefined;
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
    if (delivered && resultId === this.lastId) {
      this.delivered = { resultId, serial: outcome.serial, total: rows.length };
    }
  }

  /** An event's details with its connection's timeline; undefined when the outcome has no such event. */
  details(
    outcome: QueryOutcome,
    eventId: string,
    settings: { readonly heartbeatGapSeconds: number; readonly timeZone: TimeZone },
  ): DetailsMessage | undefined {
    const found = this.index(outcome).byId.get(eventId);
    if (!found) {
      return undefined;
    }
    // Bounded: the message is cloned recursively on its way, and a record may nest deeper than the stack.
    const { value, truncated } = boundDepth(found.timed.event);
    return {
      type: 'details',
      eventId,
      event: value as Record<string, unknown>,
      truncated,
      shownTime: formatTimeMillis(found.timed.at, settings.timeZone),
      shownZone: zoneName(settings.timeZone, found.timed.at.ms),
      timeline: buildTimeline(found.connection, {
        gapThresholdMs: settings.heartbeatGapSeconds * 1000,
        rangeEndMs: outcome.rangeEndMs,
      }),
    };
  }

  /**
   * The text a copy of an event, or of one of its own fields, puts on the clipboard: text as it is, anything
   * else as JSON (iteratively, at any depth); undefined when the outcome has no such event or field.
   */
  copyText(outcome: QueryOutcome, eventId: string, field: string | undefined): string | undefined {
    const event = this.index(outcome).byId.get(eventId)?.timed.event;
    if (!event || (field !== undefined && !Object.hasOwn(event, field))) {
      return undefined;
    }
    const value: unknown = field === undefined ? event : (event as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : (stringifyJson(value) ?? '');
  }
}
