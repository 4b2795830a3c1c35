import type { Connection, TimedEvent } from '../core/grouping';
import type { QueryOutcome } from '../core/queryState';
import { applyView, DEFAULT_VIEW, toRows, type EventRow } from '../core/table';

/**
 * An outcome as the events panel and Compare look it up: its table rows in the order the table
 * opens in (so the first chunk sent is the first screen), each event with its connection by
 * event ID, and each connection by ID.
 */
export interface OutcomeIndex {
  readonly rows: readonly EventRow[];
  readonly byId: ReadonlyMap<string, { readonly connection: Connection; readonly timed: TimedEvent }>;
  readonly connections: ReadonlyMap<string, Connection>;
}

const indexes = new WeakMap<QueryOutcome, OutcomeIndex>();

/** The outcome's index, built once per outcome (an outcome never changes). */
export function indexOutcome(outcome: QueryOutcome): OutcomeIndex {
  let index = indexes.get(outcome);
  if (!index) {
    const byId = new Map<string, { connection: Connection; timed: TimedEvent }>();
    const connections = new Map<string, Connection>();
    for (const connection of outcome.connections) {
      connections.set(connection.connectionId, connection);
      for (const timed of connection.events) {
        byId.set(timed.event.eventId, { connection, timed });
      }
    }
    // The default view has no text filter, so the zone (used only to match typed text) plays no part.
    index = { rows: applyView(toRows(outcome.connections), DEFAULT_VIEW, 'utc'), byId, connections };
    indexes.set(outcome, index);
  }
  return index;
}
