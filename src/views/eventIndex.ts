import type { Connection, TimedEvent } from '../core/grouping';
import type { QueryOutcome } from '../core/queryState';
import { toRows, type EventRow } from '../core/table';

/** An outcome's table rows and its events by ID, built once per outcome. */
export interface EventIndex {
  readonly rows: EventRow[];
  readonly byId: Map<string, { connection: Connection; timed: TimedEvent }>;
}

const indexes = new WeakMap<QueryOutcome, EventIndex>();

/** The index of `outcome`, built on first use and kept as long as the outcome is. */
export function eventIndex(outcome: QueryOutcome): EventIndex {
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
