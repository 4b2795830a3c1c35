import { ACTIVE_WINDOW_MS, type Connection } from './grouping';
import type { ConnectionStatus } from './records';
import { parseTimestamp, type Instant } from './time';

/**
 * Where the state derived from the events shown disagrees with the status endpoint:
 * - `closedInEvents`: the status endpoint lists the connection as active, but the
 *   events shown hold its disconnect;
 * - `notActive`: the events shown say it is open now (no disconnect, an event
 *   within the active window), but the status endpoint's active set leaves it out.
 */
export type Disagreement = 'closedInEvents' | 'notActive';

/** One row of the "Connected now" view. */
export interface ConnectedNowRow {
  readonly connectionId: string;
  readonly serviceName: string | undefined;
  readonly protocolName: string | undefined;
  /** As the source says it: `us-east-1/server-01` from the status endpoint, `us-east-1` from events. */
  readonly dataCenter: string | undefined;
  readonly host: string | undefined;
  /** The status endpoint's last heartbeat; for a `notActive` row, the last event shown. */
  readonly lastSeen: Instant | undefined;
  readonly durationSeconds: number | undefined;
  /** In the status endpoint's active set. */
  readonly active: boolean;
  readonly disagreement: Disagreement | undefined;
}

export interface ActiveSet {
  /** The status endpoint's answer to `activeOnly=true`. */
  readonly records: readonly ConnectionStatus[];
  /** The answer held every active connection (it was not cut off by its limit): a connection missing from it is not active. */
  readonly complete: boolean;
  /** When the answer arrived, in epoch ms: "open now" in the events is judged at this instant. */
  readonly fetchedAtMs: number;
}

/**
 * The rows of "Connected now": every connection of the active set, most
 * recent heartbeat first, each flagged where the events shown say otherwise;
 * then the connections the events shown say are open now but the active set
 * leaves out (only when the active set is complete). Pure: no clock, no I/O.
 */
export function connectedNowRows(active: ActiveSet, shown: readonly Connection[] | undefined): ConnectedNowRow[] {
  // Data from the server keys Maps only: a connection ID may be `__proto__`.
  const byId = new Map<string, Connection>();
  for (const connection of shown ?? []) {
    byId.set(connection.connectionId, connection);
  }
  const listed = new Set<string>();
  const rows: ConnectedNowRow[] = [];
  for (const record of active.records) {
    // A record the server marks inactive is not active, whatever it was asked for; a duplicate is shown once.
    if (record.isActive === false || listed.has(record.connectionId)) {
      continue;
    }
    listed.add(record.connectionId);
    const inEvents = byId.get(record.connectionId);
    rows.push({
      connectionId: record.connectionId,
      serviceName: record.serviceName ?? inEvents?.serviceName,
      protocolName: record.protocolName ?? inEvents?.protocolName,
      dataCenter: record.dataCenter ?? inEvents?.dataCenter,
      host: record.host ?? inEvents?.host,
      lastSeen: parseOptional(record.lastHeartbeat) ?? parseOptional(record.updatedAt),
      durationSeconds: record.connectionDurationSeconds ?? undefined,
      active: true,
      disagreement: inEvents?.state === 'closed' ? 'closedInEvents' : undefined,
    });
  }
  rows.sort((a, b) => (b.lastSeen?.ms ?? -Infinity) - (a.lastSeen?.ms ?? -Infinity));
  if (!active.complete) {
    return rows;
  }
  for (const connection of shown ?? []) {
    if (!listed.has(connection.connectionId) && openAt(connection, active.fetchedAtMs)) {
      rows.push({
        connectionId: connection.connectionId,
        serviceName: connection.serviceName,
        protocolName: connection.protocolName,
        dataCenter: connection.dataCenter,
        host: connection.host,
        lastSeen: connection.last.at,
        durationSeconds: undefined,
        active: false,
        disagreement: 'notActive',
      });
    }
  }
  return rows;
}

/** The events say the connection is open at `nowMs`: no disconnect, and an event within the active window before it. */
function openAt(connection: Connection, nowMs: number): boolean {
  return connection.state !== 'closed' && nowMs - connection.last.at.ms <= ACTIVE_WINDOW_MS;
}

function parseOptional(text: string | null | undefined): Instant | undefined {
  return text ? parseTimestamp(text) : undefined;
}
