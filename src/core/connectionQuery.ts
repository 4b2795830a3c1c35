import type { QueryInput, ValidQuery } from './query';
import type { QueryExecutor, QueryOutcome, QueryState, RunResult } from './queryState';

/** How many pages "Query This Connection" follows back before it stops and says so. */
export const MAX_CONNECTION_PAGES = 20;

const DAY_MS = 86_400_000;

/**
 * A connection's whole life: its ID alone, no other filter, over the last
 * `lookbackDays`. A command input, so that it is validated like any other.
 */
export function connectionQueryInput(connectionId: string, lookbackDays: number, nowMs: number): QueryInput {
  return { connectionId, timeStart: new Date(nowMs - lookbackDays * DAY_MS).toISOString() };
}

/** An API key's events over the same window: the key ID alone, one page (a key has many connections). */
export function apiKeyQueryInput(apiKeyId: string, lookbackDays: number, nowMs: number): QueryInput {
  return { apiKeyId, timeStart: new Date(nowMs - lookbackDays * DAY_MS).toISOString() };
}

/** The windows offered when a connection is not found, in days. */
const WIDER_WINDOWS = [7, 30, 90, 365] as const;

/** The next wider window after `lookbackDays`, up to `maxDays` (the setting's maximum); undefined when there is none. */
export function widerLookback(lookbackDays: number, maxDays: number): number | undefined {
  const wider = WIDER_WINDOWS.find((days) => days > lookbackDays) ?? maxDays;
  return wider > lookbackDays ? Math.min(wider, maxDays) : undefined;
}

/** True when the outcome holds the connection's connect event, or nothing older can be loaded. */
export function connectionComplete(outcome: QueryOutcome, connectionId: string): boolean {
  if (!outcome.limitReached) {
    return true;
  }
  const connection = outcome.connections.find((c) => c.connectionId === connectionId);
  return connection?.countsByType.has('connect') === true;
}

export interface ConnectionLoad {
  /** The last page's result. */
  readonly result: RunResult;
  readonly pages: number;
  /** Stopped at `maxPages` with older events still to load. */
  readonly capped: boolean;
}

/**
 * Runs `query` and follows the pages back (Load Older) until the connection's
 * connect event or the window's start, at most `maxPages` pages. Stops when a
 * page fails or is cancelled, or when another query took over the state.
 */
export async function loadConnection(
  state: QueryState,
  query: ValidQuery,
  connectionId: string,
  execute: QueryExecutor,
  maxPages = MAX_CONNECTION_PAGES,
): Promise<ConnectionLoad> {
  let result = await state.run(query, execute);
  let pages = 1;
  while (result.status === 'ok' && !connectionComplete(result.outcome, connectionId)) {
    if (pages >= maxPages) {
      return { result, pages, capped: true };
    }
    result = await state.loadOlder(execute, undefined, result.outcome);
    pages++;
  }
  return { result, pages, capped: false };
}
