import type { Connection, TimedEvent } from '../core/grouping';
import type { QueryOutcome } from '../core/queryState';
import { toRows, type EventRow } from '../core/table';

/** An outcome as the events panel looks it up: its table rows, and each event with its connection by event ID. */
export interface OutcomeIndex {
  readonly rows: EventRow[];
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
    index = { rows: toRows(outcome.connections), byId, connections };
    indexes.set(outcome, index);
  }
  return index;
}
