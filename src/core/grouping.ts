import { classifyClose, type CloseCause } from './closeCause';
import { timedEvent, type ConnectionEvent, type TimedEvent } from './records';
import { compareInstants, diffMs } from './time';

/**
 * - `closed`: a disconnect event is in the result.
 * - `open`: no disconnect, and an event within the active window before the
 *   end of the queried range (the status endpoint's "heartbeat within the last
 *   2 minutes").
 * - `unknown`: neither: it may have ended outside the result, or gone silent.
 */
export type ConnectionState = 'open' | 'closed' | 'unknown';

/** The Console API calls a connection active with a heartbeat within the last 2 minutes. */
export const ACTIVE_WINDOW_MS = 120_000;

export interface GroupingOptions {
  /** The end of the queried range: now, or the query's timeEnd when earlier. */
  readonly rangeEndMs: number;
  readonly activeWindowMs?: number;
}

export type { TimedEvent } from './records';

export interface Connection {
  readonly connectionId: string;
  readonly serviceName: string | undefined;
  readonly protocolName: string | undefined;
  readonly dataCenter: string | undefined;
  readonly host: string | undefined;
  readonly ipAddress: string | undefined;
  readonly apiKeyId: string | undefined;
  readonly state: ConnectionState;
  /** Oldest first, ordered to the 100 ns tick, then by event ID. */
  readonly events: readonly TimedEvent[];
  readonly first: TimedEvent;
  readonly last: TimedEvent;
  /** From the first to the last event in the result, in milliseconds. */
  readonly durationMs: number;
  /** The longest time between two consecutive events, in milliseconds; 0 with one event. */
  readonly longestSilenceMs: number;
  /** The disconnect's description, when the connection is closed. */
  readonly disconnectReason: string | undefined;
  /** Why it ended, from the disconnect's type and description, when the connection is closed. */
  readonly closeCause: CloseCause | undefined;
  readonly countsByType: ReadonlyMap<string, number>;
}

export function compareTimedEvents(a: TimedEvent, b: TimedEvent): number {
  return compareInstants(a.at, b.at) || compare(a.event.eventId, b.event.eventId);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups events by connection. Events are de-duplicated by `eventId` and
 * ordered by time; connections come most recently active first.
 */
export function groupByConnection(events: readonly ConnectionEvent[], options: GroupingOptions): Connection[] {
  // One pass, one hash lookup per key: this runs on every result, 100,000 events and more.
  const seen = new Set<string>();
  const byConnection = new Map<string, TimedEvent[]>();
  for (let i = 0; i < events.length; i++) {
    const timed = timedEvent(events[i]!);
    // The schema already refused records whose timestamp does not parse.
    if (!timed) {
      continue;
    }
    const before = seen.size;
    seen.add(timed.event.eventId);
    if (seen.size === before) {
      continue;
    }
    addTo(byConnection, timed);
  }
  const connections: Connection[] = [];
  for (const [connectionId, list] of byConnection) {
    // The server answers newest first: a descending run, which the sort turns round in one pass.
    list.sort(compareTimedEvents);
    connections.push(summarize(connectionId, list, options));
  }
  connections.sort((a, b) => compareTimedEvents(b.last, a.last));
  // Kept for the grouping that extends this one (the next page, a live tail round): at a million events,
  // collecting the IDs again costs more than the page it adds.
  idSets.set(connections, seen);
  return connections;
}

/** Adds an event to its connection's list, making the list on the connection's first event. */
function addTo(byConnection: Map<string, TimedEvent[]>, timed: TimedEvent): void {
  const list = byConnection.get(timed.event.connectionId);
  if (list) {
    list.push(timed);
  } else {
    byConnection.set(timed.event.connectionId, [timed]);
  }
}

function summarize(connectionId: string, events: TimedEvent[], options: GroupingOptions): Connection {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  const countsByType = new Map<string, number>();
  let disconnect: TimedEvent | undefined;
  let longestSilenceMs = 0;
  for (let i = 0; i < events.length; i++) {
    const timed = events[i]!;
    const type = timed.event.eventType;
    countsByType.set(type, (countsByType.get(type) ?? 0) + 1);
    if (type === 'disconnect') {
      disconnect = timed;
    }
    if (i > 0) {
      longestSilenceMs = Math.max(longestSilenceMs, diffMs(events[i - 1]!.at, timed.at));
    }
  }
  return {
    connectionId,
    serviceName: latest(events, 'serviceName'),
    protocolName: latest(events, 'protocolName'),
    dataCenter: latest(events, 'dataCenter'),
    host: latest(events, 'host'),
    ipAddress: latest(events, 'ipAddress'),
    apiKeyId: latest(events, 'apikeyId'),
    state: disconnect ? 'closed' : openOrUnknown(last, options),
    events,
    first,
    last,
    durationMs: diffMs(first.at, last.at),
    longestSilenceMs,
    disconnectReason: disconnect?.event.eventDescription ?? undefined,
    closeCause: disconnect ? classifyClose(disconnect.event.eventType, disconnect.event.eventDescription) : undefined,
    countsByType,
  };
}

type DescriptiveField = 'serviceName' | 'protocolName' | 'dataCenter' | 'host' | 'ipAddress' | 'apikeyId';

/** The newest non-empty value of a field: what the connection was last seen as. */
function latest(events: readonly TimedEvent[], field: DescriptiveField): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const value = events[i]!.event[field];
    if (value) {
      return value;
    }
  }
  return undefined;
}

/** The event IDs of a grouping, made once and handed on to the grouping that extends it. */
const idSets = new WeakMap<readonly Connection[], Set<string>>();

function eventIdsOf(connections: readonly Connection[]): Set<string> {
  let ids = idSets.get(connections);
  if (!ids) {
    ids = new Set();
    for (const c of connections) {
      for (const timed of c.events) {
        ids.add(timed.event.eventId);
      }
    }
  }
  // Handed on: the grouping being extended is replaced, and a Set per round would cost as much as the grouping.
  idSets.delete(connections);
  return ids;
}

/**
 * `connections` with `events` added (those whose `eventId` is new; a repeated one is dropped),
 * as {@link groupByConnection} of all of them would give, without grouping the others again: only
 * the connections that got events are summarised anew, the rest keep their objects unless the
 * new range end changes their state. Costs the new events and their connections' events, plus
 * one pass over the connections; the event IDs are collected once and handed on.
 */
export function extendConnections(
  connections: readonly Connection[],
  events: readonly ConnectionEvent[],
  options: GroupingOptions,
): { readonly connections: Connection[]; readonly added: TimedEvent[] } {
  const ids = eventIdsOf(connections);
  const byConnection = new Map<string, TimedEvent[]>();
  const added: TimedEvent[] = [];
  for (const event of events) {
    const timed = timedEvent(event);
    if (!timed || ids.has(event.eventId)) {
      continue;
    }
    ids.add(event.eventId);
    added.push(timed);
    addTo(byConnection, timed);
  }
  const changed: Connection[] = [];
  const kept: Connection[] = [];
  for (const c of connections) {
    const more = byConnection.get(c.connectionId);
    if (more) {
      byConnection.delete(c.connectionId);
      changed.push(summarize(c.connectionId, [...c.events, ...more].sort(compareTimedEvents), options));
    } else {
      const state = c.state === 'closed' ? 'closed' : openOrUnknown(c.last, options);
      kept.push(state === c.state ? c : { ...c, state });
    }
  }
  for (const [connectionId, list] of byConnection) {
    changed.push(summarize(connectionId, list.sort(compareTimedEvents), options));
  }
  const newestFirst = (a: Connection, b: Connection) => compareTimedEvents(b.last, a.last);
  const merged = mergeSorted(kept.sort(newestFirst), changed.sort(newestFirst), newestFirst);
  idSets.set(merged, ids);
  return { connections: merged, added };
}

function openOrUnknown(last: TimedEvent, options: GroupingOptions): ConnectionState {
  return options.rangeEndMs - last.at.ms <= (options.activeWindowMs ?? ACTIVE_WINDOW_MS) ? 'open' : 'unknown';
}

/** Two sorted lists as one, in one pass. */
function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    out.push(compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  }
  while (i < a.length) {
    out.push(a[i++]!);
  }
  while (j < b.length) {
    out.push(b[j++]!);
  }
  return out;
}
