import type { Connection, TimedEvent } from '../core/grouping';
import type { QueryOutcome } from '../core/queryState';
import { toRows, type EventRow } from '../core/table';

/** An outcome as the events panel reads it: its table rows, and each event (with its connection) by ID. */
export interface OutcomeIndex {
  readonly rows: EventRow[];
  readonly byId: Map<string, { connection: Connection; timed: TimedEvent }>;
}

const indexes = new WeakMap<QueryOutcome, OutcomeIndex>();

/** The index of `outcome`, built once and kept while the outcome is. */
export function indexOutcome(outcome: QueryOutcome): OutcomeIndex {
  let index = indexes.get(outcome);
  if (!index) {
    const byId = new Map<string, { connection: Connection; timed: TimedEvent }>();
    for (const connection of outcome.connections) {
      for (const timed of connection.events) {
        byId.set(timed.event.eventId, { connection, timed });
      }
    }
    index = { rows: toRows(outcome.connections), byId };
    indexes.set(outcome, index);
  }
  return index;
}
