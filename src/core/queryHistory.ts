import type { EventQuery, QueryInput } from './query';
import { canonicalInput, canonicalOf, inputKey, queryKey } from './queryIdentity';

/** How many distinct queries the history keeps. */
export const MAX_HISTORY = 20;

/**
 * The history as stored (globalState), made safe to use: only objects, at most
 * {@link MAX_HISTORY}, each distinct. What is kept may still be refused when it
 * runs: it is validated then, like any query.
 */
export function parseHistory(raw: unknown): QueryInput[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  const seen = new Set<string>();
  const entries: QueryInput[] = [];
  for (const entry of raw as unknown[]) {
    const canonical = canonicalOf(entry);
    const key = canonical && JSON.stringify(canonical);
    if (!canonical || !key || seen.has(key)) {
      continue;
    }
    seen.add(key);
    entries.push(canonical);
    if (entries.length === MAX_HISTORY) {
      break;
    }
  }
  return entries;
}

/** The history after `query` ran: it first, in its canonical form, any earlier copy of it dropped, at most {@link MAX_HISTORY}. */
export function addToHistory(history: readonly QueryInput[], query: EventQuery): QueryInput[] {
  const key = queryKey(query);
  return [canonicalInput(query), ...history.filter((entry) => inputKey(entry) !== key)].slice(0, MAX_HISTORY);
}

/** Whether `query` is already the newest entry: running it again changes nothing to store. */
export function isNewest(history: readonly QueryInput[], query: EventQuery): boolean {
  return history.length > 0 && inputKey(history[0]) === queryKey(query);
}
