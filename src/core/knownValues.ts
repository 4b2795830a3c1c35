import type { Connection } from './grouping';
import { TEXT_FIELDS, type TextField } from './query';

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
