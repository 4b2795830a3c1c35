import { extendConnections } from './grouping';
import { MAX_INVALID_SAMPLES, type QueryOutcome } from './outcome';
import type { EventQuery } from './query';
import { eventInstant, type ConnectionEvent, type InvalidRecord, type RecordsResult } from './records';
import { compareInstants, type Instant } from './time';

/**
 * The live tail's requests and how their answers join the outcome shown. A round asks only for
 * what is new: the outcome's filters, from its newest event (inclusive, to the 100 ns tick, so
 * that an event in the same millisecond is not lost; repeats are dropped by `eventId`). The
 * outcome's pages (Load Older's), limit and oldest event stay as they were.
 */

/**
 * The longest a failed round pauses the tail, whatever the server's `Retry-After` says: a server that
 * asks for a day (or a number past what a timer can hold) is asked again after this.
 */
export const MAX_TAIL_PAUSE_MS = 15 * 60_000;

/** How long the tail pauses after a failed round: the interval, or the server's `Retry-After` when longer, at most {@link MAX_TAIL_PAUSE_MS}. */
export function tailPauseMs(intervalSeconds: number, retryAfterSeconds: number | undefined): number {
  const retry = retryAfterSeconds === undefined || Number.isNaN(retryAfterSeconds) ? 0 : retryAfterSeconds;
  const seconds = Math.max(intervalSeconds, retry);
  return Math.min(MAX_TAIL_PAUSE_MS, seconds * 1000);
}

/** The most requests one round makes while pages keep coming back full. */
export const MAX_TAIL_REQUESTS = 10;

/** Where the tail starts: the newest event, or the end of the range when nothing was found. */
export function tailStart(outcome: QueryOutcome): Instant {
  return outcome.newest ?? { ms: outcome.rangeEndMs, ticks: 0 };
}

/**
 * The request for events at or after `from` (and at or before `until`, when a full page left a
 * stretch to fill): the outcome's own filters and limit; `minutes` is replaced by the start.
 */
export function tailPageQuery(outcome: QueryOutcome, from: Instant, until?: Instant): EventQuery {
  const { minutes, timeStart, timeEnd, ...filters } = outcome.query;
  const end = until ?? timeEnd;
  return { ...filters, timeStart: from, ...(end ? { timeEnd: end } : {}), limit: outcome.limit };
}

/** What one round brought: every page's records, and whether it stopped before reaching `from` again. */
export interface TailRound extends RecordsResult<ConnectionEvent> {
  readonly requests: number;
  /**
   * False when the last page was still full after {@link MAX_TAIL_REQUESTS} requests, or full of
   * events at one instant: events between the start and that page may be missing.
   */
  readonly complete: boolean;
}

export type TailExecutor = (query: EventQuery, signal: AbortSignal) => Promise<RecordsResult<ConnectionEvent>>;

/**
 * One round: asks from the newest event; while a page comes back full (the server sends the
 * newest `limit` events of more), asks again for what lies between the start and that page's
 * oldest event, at most {@link MAX_TAIL_REQUESTS} times. Rejects as the executor does.
 */
export async function fetchTail(outcome: QueryOutcome, execute: TailExecutor, signal: AbortSignal): Promise<TailRound> {
  const from = tailStart(outcome);
  const records: ConnectionEvent[] = [];
  let received = 0;
  let invalidCount = 0;
  const invalidSamples: InvalidRecord[] = [];
  let until: Instant | undefined;
  for (let requests = 1; ; requests++) {
    const page = await execute(tailPageQuery(outcome, from, until), signal);
    records.push(...page.records);
    received += page.received;
    invalidCount += page.invalidCount;
    invalidSamples.push(...page.invalidSamples.slice(0, MAX_INVALID_SAMPLES - invalidSamples.length));
    const round = { records, received, invalidCount, invalidSamples, requests };
    if (page.received < outcome.limit) {
      return { ...round, complete: true };
    }
    const oldest = oldestOf(page.records);
    // A page of events all at one instant (or no valid one) cannot be gone past by time.
    if (requests >= MAX_TAIL_REQUESTS || !oldest || (until !== undefined && compareInstants(oldest, until) >= 0)) {
      return { ...round, complete: false };
    }
    until = oldest;
  }
}

function oldestOf(records: readonly ConnectionEvent[]): Instant | undefined {
  let oldest: Instant | undefined;
  for (const record of records) {
    const at = eventInstant(record);
    if (at && (!oldest || compareInstants(at, oldest) < 0)) {
      oldest = at;
    }
  }
  return oldest;
}

/**
 * `base` with the round's new events added: regrouped only where they fall (core/grouping's
 * extendConnections), the range's end moved to `now` (not past the query's own `timeEnd`); the
 * pages, limit and oldest event are base's. `appended` names base and the events added.
 */
export function mergeTail(base: QueryOutcome, round: RecordsResult<ConnectionEvent>, now: number, serial: number): QueryOutcome {
  const rangeEndMs = base.query.timeEnd ? Math.min(base.query.timeEnd.ms, now) : now;
  const { connections, added } = extendConnections(base.connections, round.records, { rangeEndMs });
  let newest = base.newest;
  for (const timed of added) {
    if (!newest || compareInstants(timed.at, newest) > 0) {
      newest = timed.at;
    }
  }
  return {
    ...base,
    connections,
    records: added.length === 0 ? base.records : [...base.records, ...added.map((t) => t.event)],
    eventCount: base.eventCount + added.length,
    received: base.received + round.received,
    invalidCount: base.invalidCount + round.invalidCount,
    invalidSamples: [...base.invalidSamples, ...round.invalidSamples].slice(0, MAX_INVALID_SAMPLES),
    newest,
    rangeEndMs,
    completedAt: new Date(now),
    serial,
    appended: { baseSerial: base.serial, events: added },
  };
}
