import type { InvalidRecord, RecordsResult } from '../api/client';
import { CancelledError } from '../api/errors';
import type { ConnectionEvent } from '../api/schemas';
import { Emitter } from './emitter';
import { groupByConnection, type Connection } from './grouping';
import type { EventQuery } from './query';

/** A successful query and what it returned. */
export interface QueryOutcome {
  readonly query: EventQuery;
  readonly connections: readonly Connection[];
  readonly eventCount: number;
  /** Records the server sent, valid or not. */
  readonly received: number;
  readonly invalidCount: number;
  readonly invalidSamples: readonly InvalidRecord[];
  /** The limit in force: the query's own or the default. */
  readonly limit: number;
  /** The server sent as many records as the limit allows, so there may be more. */
  readonly limitReached: boolean;
  readonly completedAt: Date;
}

export interface QuerySnapshot {
  /** The query last asked for; kept when it fails, so nothing typed is lost. */
  readonly query: EventQuery | undefined;
  /** The last successful outcome; kept on screen when a later query fails. */
  readonly outcome: QueryOutcome | undefined;
  readonly running: boolean;
  /** Why the last query failed; cleared by the next success or cancellation. */
  readonly error: Error | undefined;
}

export type RunResult =
  | { readonly status: 'ok'; readonly outcome: QueryOutcome }
  | { readonly status: 'failed'; readonly error: Error }
  | { readonly status: 'cancelled' };

export type QueryExecutor = (query: EventQuery, signal: AbortSignal) => Promise<RecordsResult<ConnectionEvent>>;

/**
 * The one query state that every view observes: the tree, the panel and the
 * status line read it, commands change it. A new query cancels the one in
 * flight; a failed one keeps the previous outcome.
 */
export class QueryState {
  private readonly changed = new Emitter<QuerySnapshot>();
  readonly onDidChange = this.changed.event;

  private current: QuerySnapshot = { query: undefined, outcome: undefined, running: false, error: undefined };
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
  async run(query: EventQuery, execute: QueryExecutor, signal?: AbortSignal): Promise<RunResult> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (signal?.aborted) {
      controller.abort();
    }
    this.update({ query, running: true, error: undefined });
    try {
      const result = await execute(query, controller.signal);
      if (controller.signal.aborted) {
        throw new CancelledError();
      }
      const now = Date.now();
      const rangeEndMs = query.timeEnd ? Math.min(query.timeEnd.ms, now) : now;
      const connections = groupByConnection(result.records, { rangeEndMs });
      const limit = query.limit ?? this.defaultLimit();
      const outcome: QueryOutcome = {
        query,
        connections,
        eventCount: connections.reduce((sum, c) => sum + c.events.length, 0),
        received: result.received,
        invalidCount: result.invalidCount,
        invalidSamples: result.invalidSamples,
        limit,
        limitReached: result.received >= limit,
        completedAt: new Date(),
      };
      if (this.inFlight === controller) {
        this.update({ outcome, running: false, error: undefined });
      }
      return { status: 'ok', outcome };
    } catch (error) {
      const cancelled = error instanceof CancelledError || controller.signal.aborted;
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
