import type { Explanation } from './emptyResult';
import { Emitter } from './emitter';
import { extendConnections, groupByConnection } from './grouping';
import { fetchTail, mergeTail, type TailRound } from './liveTail';
import { MAX_INVALID_SAMPLES, type QueryOutcome } from './outcome';
import type { EventQuery, ValidQuery } from './query';
import type { ConnectionEvent, RecordsResult } from './records';
import { compareInstants, type Instant } from './time';

export type { QueryOutcome } from './outcome';

/** Numbers every outcome made: core/outcome's `serial`. */
let lastSerial = 0;

/**
 * The query for the page before `outcome`'s oldest event: the same filters and
 * range start, ending at that event (inclusive; duplicates are dropped by ID).
 * Undefined when the last page was not full.
 */
export function olderPageQuery(outcome: QueryOutcome): EventQuery | undefined {
  if (!outcome.limitReached || !outcome.oldest) {
    return undefined;
  }
  // minutes is resolved into a fixed start: it cannot be combined with timeEnd.
  const { minutes, timeStart, timeEnd, ...filters } = outcome.query;
  const start = timeStart ?? (outcome.rangeStartMs === undefined ? undefined : { ms: outcome.rangeStartMs, ticks: 0 });
  // The first page's limit, even when the query set none: the default may have changed since.
  return { ...filters, ...(start ? { timeStart: start } : {}), timeEnd: outcome.oldest, limit: outcome.limit };
}

export interface QuerySnapshot {
  /** The query last asked for; kept when it fails, so nothing typed is lost. */
  readonly query: ValidQuery | undefined;
  /** The limit the last request carried (running or done): the query's own or the default then in force. */
  readonly limit: number | undefined;
  /** The last successful outcome; kept on screen when a later query fails. */
  readonly outcome: QueryOutcome | undefined;
  readonly running: boolean;
  /** Why the last query failed; cleared by the next success or cancellation. */
  readonly error: Error | undefined;
}

export type RunResult =
  /** `explanation`: why an empty result is empty, when the query was run in the foreground (core/emptyResult). */
  | { readonly status: 'ok'; readonly outcome: QueryOutcome; readonly explanation?: Explanation }
  | { readonly status: 'failed'; readonly error: Error }
  | { readonly status: 'cancelled' }
  /** Refused: Load Older while a query runs would cancel that query and bring back the older one. */
  | { readonly status: 'busy' }
  /**
   * Refused: the results shown are of an earlier query than the current one
   * (the current one failed); their older page would bring that query back.
   */
  | { readonly status: 'stale' };

/**
 * Whether `query` is the very query `outcome` ran: running it again is a refresh (Refresh, auto-refresh), and
 * Load Older keeps it. Any other query is a new one, which replaces what is shown. The one home of "a refresh".
 */
export function isQueryOf(query: ValidQuery | undefined, outcome: QueryOutcome | undefined): boolean {
  return query !== undefined && outcome !== undefined && outcome.query === query;
}

/** A new query runs (not a refresh, not Load Older): what is shown is an earlier query's result, if anything. */
export function isNewQueryRunning(snapshot: QuerySnapshot): boolean {
  return snapshot.running && !isQueryOf(snapshot.query, snapshot.outcome);
}

/**
 * Whether Load Older applies to what is shown: the results are the current
 * query's (a failed newer query leaves older results on screen) and their
 * last page was full. The outcome keeps the very query object it ran.
 */
export function canLoadOlder(snapshot: QuerySnapshot): boolean {
  const { outcome, query } = snapshot;
  return outcome !== undefined && isQueryOf(query, outcome) && olderPageQuery(outcome) !== undefined;
}

/** A live tail round's result: the merged outcome and what the round fetched. */
export type TailResult =
  | { readonly status: 'ok'; readonly outcome: QueryOutcome; readonly round: TailRound }
  | { readonly status: 'failed'; readonly error: Error }
  | { readonly status: 'cancelled' | 'busy' };

export type QueryExecutor = (query: EventQuery, signal: AbortSignal) => Promise<RecordsResult<ConnectionEvent>>;

/**
 * The one query state that every view observes: the tree, the panel and the
 * status line read it, commands change it. A new query cancels the one in
 * flight; a failed one keeps the previous outcome.
 */
export class QueryState {
  private readonly changed = new Emitter<QuerySnapshot>();
  readonly onDidChange = this.changed.event;

  private current: QuerySnapshot = { query: undefined, outcome: undefined, running: false, error: undefined, limit: undefined };
  private inFlight: AbortController | undefined;

  constructor(private readonly defaultLimit: () => number) {}

  get snapshot(): QuerySnapshot {
    return this.current;
  }

  /**
   * Runs `query`. Never rejects: a failure is in the result and in the
   * snapshot, with the previous outcome kept; a query cancelled by the caller
   * or superseded by a newer one is `cancelled`.
   */
  run(query: ValidQuery, execute: QueryExecutor, signal?: AbortSignal): Promise<RunResult> {
    return this.fetch(query, query, undefined, execute, signal);
  }

  /**
   * Loads the page of events before the oldest one shown and adds it to the
   * current outcome. The current query stays what it was, so Refresh starts over.
   * Refused (`busy`) while a query runs; `cancelled` when there is nothing
   * older to load, or the outcome is no longer `from` (when given).
   */
  loadOlder(execute: QueryExecutor, signal?: AbortSignal, from?: QueryOutcome): Promise<RunResult> {
    if (this.current.running) {
      return Promise.resolve({ status: 'busy' });
    }
    const base = this.current.outcome;
    if (base && !isQueryOf(this.current.query, base)) {
      return Promise.resolve({ status: 'stale' });
    }
    const request = base ? olderPageQuery(base) : undefined;
    if (!base || !request || (from !== undefined && from !== base)) {
      return Promise.resolve({ status: 'cancelled' });
    }
    return this.fetch(base.query, request, base, execute, signal);
  }

  private async fetch(
    query: ValidQuery,
    request: EventQuery,
    base: QueryOutcome | undefined,
    execute: QueryExecutor,
    signal: AbortSignal | undefined,
  ): Promise<RunResult> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (signal?.aborted) {
      controller.abort();
    }
    // The one place the effective limit is worked out: it is sent, and "limit reached" is judged by it.
    const limit = request.limit ?? this.defaultLimit();
    this.update({ query, running: true, error: undefined, limit });
    try {
      const result = await execute({ ...request, limit }, controller.signal);
      if (controller.signal.aborted) {
        // Cancelled or superseded after the answer arrived: the answer is dropped.
        throw controller.signal.reason;
      }
      const outcome = this.outcomeOf(query, result, base, limit);
      if (this.inFlight === controller) {
        this.update({ outcome, running: false, error: undefined });
      }
      return { status: 'ok', outcome };
    } catch (error) {
      // The client fails with its own cancellation error when this signal aborts; the signal says which it was.
      const cancelled = controller.signal.aborted;
      // A query superseded by a newer one leaves the state to the newer one.
      if (this.inFlight === controller) {
        this.update({ running: false, error: cancelled ? undefined : asError(error) });
      }
      return cancelled ? { status: 'cancelled' } : { status: 'failed', error: asError(error) };
    } finally {
      signal?.removeEventListener('abort', onCallerAbort);
      if (this.inFlight === controller) {
        this.inFlight = undefined;
      }
    }
  }

  private outcomeOf(query: ValidQuery, page: RecordsResult<ConnectionEvent>, base: QueryOutcome | undefined, limit: number): QueryOutcome {
    const now = Date.now();
    const rangeEndMs = base?.rangeEndMs ?? (query.timeEnd ? Math.min(query.timeEnd.ms, now) : now);
    const rangeStartMs = base ? base.rangeStartMs : query.minutes !== undefined ? now - query.minutes * 60_000 : query.timeStart?.ms;
    const records = base ? [...base.records, ...page.records] : page.records;
    // A page added to what is shown groups only its own events and the connections they join (core/grouping).
    const connections = base
      ? extendConnections(base.connections, page.records, { rangeEndMs }).connections
      : groupByConnection(records, { rangeEndMs });
    const eventCount = connections.reduce((sum, c) => sum + c.events.length, 0);
    // A full page that added nothing new (more events at one instant than the limit) ends the paging.
    const added = eventCount - (base?.eventCount ?? 0);
    let oldest: Instant | undefined;
    let newest: Instant | undefined;
    for (const c of connections) {
      if (!oldest || compareInstants(c.first.at, oldest) < 0) {
        oldest = c.first.at;
      }
      if (!newest || compareInstants(c.last.at, newest) > 0) {
        newest = c.last.at;
      }
    }
    return {
      query,
      connections,
      records,
      eventCount,
      received: (base?.received ?? 0) + page.received,
      invalidCount: (base?.invalidCount ?? 0) + page.invalidCount,
      invalidSamples: [...(base?.invalidSamples ?? []), ...page.invalidSamples].slice(0, MAX_INVALID_SAMPLES),
      limit,
      limitReached: page.received >= limit && (!base || added > 0),
      pages: (base?.pages ?? 0) + 1,
      oldest,
      newest,
      rangeStartMs,
      rangeEndMs,
      completedAt: new Date(now),
      serial: ++lastSerial,
    };
  }

  /**
   * Makes `query` the current query without running it: the last query, after a window reload.
   * Only while there is none, so it never replaces what the user asked for since.
   */
  restore(query: ValidQuery): boolean {
    if (this.current.query !== undefined || this.current.running) {
      return false;
    }
    this.update({ query });
    return true;
  }

  /**
   * One live tail round (core/liveTail): asks for what is newer than the outcome shown and adds it,
   * keeping its pages. Quiet: `running` stays false and a failure leaves the snapshot as it was
   * (the caller reports it). Refused (`busy`) while a query runs; a query started meanwhile
   * cancels the round; `cancelled` when there is no current result to extend.
   */
  async tail(execute: QueryExecutor): Promise<TailResult> {
    const base = this.current.outcome;
    if (this.current.running) {
      return { status: 'busy' };
    }
    if (!base || !isQueryOf(this.current.query, base)) {
      return { status: 'cancelled' };
    }
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const round = await fetchTail(base, execute, controller.signal);
      if (controller.signal.aborted || this.current.outcome !== base) {
        return { status: 'cancelled' };
      }
      const outcome = mergeTail(base, round, Date.now(), ++lastSerial);
      // The server answered this query: an earlier failure of it is over.
      this.update({ outcome, error: undefined });
      return { status: 'ok', outcome, round };
    } catch (error) {
      return controller.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error: asError(error) };
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
      }
    }
  }

  /** Cancels the query in flight, if any; the previous outcome stays. */
  cancel(): void {
    this.inFlight?.abort();
  }

  /** Forgets the outcome and the error, e.g. when the key is cleared. */
  clear(): void {
    this.cancel();
    this.update({ outcome: undefined, error: undefined, running: false });
  }

  dispose(): void {
    this.cancel();
    this.changed.dispose();
  }

  private update(change: Partial<QuerySnapshot>): void {
    this.current = { ...this.current, ...change };
    this.changed.fire(this.current);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
