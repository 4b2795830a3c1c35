import { formatInstantUtc } from './time';
import { QUERY_FIELDS, validateQuery, type EventQuery, type QueryInput } from './query';

/**
 * The canonical form of a query: the one home of "the same query" for history and saved
 * queries. Fields in the API's order, unset fields absent (an empty value is the default:
 * unset), text trimmed, numbers as numbers, times as ISO 8601 UTC at full precision. A
 * relative range (`minutes`) stays relative. What `validateQuery` reads back unchanged.
 */
export function canonicalInput(query: EventQuery): QueryInput {
  const input: QueryInput = {};
  for (const field of QUERY_FIELDS) {
    const value = query[field];
    if (value !== undefined) {
      input[field] = typeof value === 'object' ? formatInstantUtc(value) : value;
    }
  }
  return input;
}

/** A key two queries share exactly when they ask the API for the same thing. */
export function queryKey(query: EventQuery): string {
  return JSON.stringify(canonicalInput(query));
}

/**
 * The key of a query kept as data (history, a setting), or undefined when it is not a valid
 * query. Canonical inputs carry their times in UTC, so no zone setting changes the key.
 */
export function inputKey(input: unknown): string | undefined {
  const canonical = canonicalOf(input);
  return canonical ? JSON.stringify(canonical) : undefined;
}

/** A query kept as data (an object) in its canonical form, or undefined when it is not a valid query. */
export function canonicalOf(input: unknown): QueryInput | undefined {
  if (typeof input !== 'object' || input === null) {
    return undefined;
  }
  const result = validateQuery(input, 'utc');
  return result.ok ? canonicalInput(result.query) : undefined;
}
