import type { Connection } from './grouping';
import { MAX_TEXT_LENGTH, TEXT_FIELDS, type TextField } from './query';
import type { ConnectionEvent } from './records';

/** Values seen in the current results, per filter, offered as hints while typing a filter. */
export type KnownValues = Partial<Record<TextField, readonly string[]>>;

/** The distinct values of each filterable field across `connections`, sorted; fields with none are left out. */
export function knownValues(connections: readonly Connection[]): KnownValues {
  const sets = new Map<TextField, Set<string>>(TEXT_FIELDS.map((f) => [f, new Set<string>()]));
  for (const c of connections) {
    const values: readonly (readonly [TextField, string | undefined])[] = [
      ['serviceName', c.serviceName],
      ['protocolName', c.protocolName],
      ['dataCenter', c.dataCenter],
      ['apiKeyId', c.apiKeyId],
    ];
    for (const [field, value] of values) {
      if (value) {
        sets.get(field)?.add(value);
      }
    }
    for (const type of c.countsByType.keys()) {
      sets.get('eventType')?.add(type);
    }
  }
  const known: KnownValues = {};
  for (const [field, set] of sets) {
    if (set.size > 0) {
      known[field] = [...set].sort();
    }
  }
  return known;
}

/** The record property each filter matches: the API's `apiKeyId` parameter is the record's `apikeyId`. */
export const RECORD_FIELDS: Readonly<Record<TextField, keyof ConnectionEvent>> = {
  apiKeyId: 'apikeyId',
  connectionId: 'connectionId',
  serviceName: 'serviceName',
  protocolName: 'protocolName',
  dataCenter: 'dataCenter',
  eventType: 'eventType',
};

/** How many of `records` have each value of each filterable field; Maps, so no value can be taken for a property. */
export function valueCounts(records: readonly ConnectionEvent[]): Map<TextField, Map<string, number>> {
  const counts = new Map<TextField, Map<string, number>>(TEXT_FIELDS.map((f) => [f, new Map<string, number>()]));
  for (const record of records) {
    for (const field of TEXT_FIELDS) {
      const value = record[RECORD_FIELDS[field]];
      if (typeof value === 'string' && value !== '') {
        const values = counts.get(field)!;
        values.set(value, (values.get(value) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/**
 * The known values near `value`, nearest first. "Near", ignoring case: the
 * same text (rank 0); one a prefix of the other, as `us-east-1` of
 * `us-east-1/server-01` (rank 1); or at most max(1, ⌊length / 3⌋) single-character
 * edits apart (Levenshtein), as `coinapi-ws` from `coinapi-wss` (rank 2).
 * Within a rank: fewer edits, then more events, then alphabetical.
 */
export function nearestKnown(value: string, known: ReadonlyMap<string, number>): string[] {
  const wanted = value.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  const near: { value: string; rank: number; distance: number; count: number }[] = [];
  for (const [candidate, count] of known) {
    const text = candidate.toLowerCase();
    if (candidate === value || text.length > MAX_TEXT_LENGTH) {
      continue;
    }
    if (text === wanted) {
      near.push({ value: candidate, rank: 0, distance: 0, count });
    } else if (text.startsWith(wanted) || wanted.startsWith(text)) {
      near.push({ value: candidate, rank: 1, distance: Math.abs(text.length - wanted.length), count });
    } else {
      const distance = editDistance(wanted, text, limit);
      if (distance <= limit) {
        near.push({ value: candidate, rank: 2, distance, count });
      }
    }
  }
  near.sort(
    (a, b) => a.rank - b.rank || a.distance - b.distance || b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
  return near.map((n) => n.value);
}

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      best = Math.min(best, current[j]!);
    }
    if (best > limit) {
      return limit + 1;
    }
    previous = current;
  }
  return previous[b.length]!;
}
