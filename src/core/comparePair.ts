import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import type { Connection } from './grouping';
import { fieldErrors } from './issues';
import { lazy } from './lazy';
import { MAX_TEXT_LENGTH, type FieldError } from './query';

/** The Compare command's argument for automation: `{ "connectionIds": ["conn_a", "conn_b"] }`. */
const compareArgumentSchema = lazy(() => {
  const connectionId = z.string().check(z.minLength(1), z.maxLength(MAX_TEXT_LENGTH));
  return z.strictObject({ connectionIds: z.tuple([connectionId, connectionId]) });
});

export type PairResult =
  { readonly ok: true; readonly pair: readonly [Connection, Connection] } | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * The two connections an argument names, looked up in the current result by
 * ID (a Map: IDs come from callers and the server). Every problem names its
 * field: `connectionIds.1: no connection "x" in the current result.`
 */
export function resolvePair(argument: unknown, connections: ReadonlyMap<string, Connection>): PairResult {
  const parsed = compareArgumentSchema().safeParse(argument);
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(argument, parsed.error.issues) };
  }
  const [idA, idB] = parsed.data.connectionIds;
  const errors: FieldError[] = [];
  const a = connections.get(idA);
  const b = connections.get(idB);
  for (const [index, id, found] of [
    [0, idA, a],
    [1, idB, b],
  ] as const) {
    if (!found) {
      const field = `connectionIds.${index}`;
      errors.push({ field, message: `${field}: ${l10n.t('no connection "{0}" in the current result.', id)}` });
    }
  }
  if (errors.length === 0 && idA === idB) {
    errors.push({ field: 'connectionIds.1', message: `connectionIds.1: ${l10n.t('must name another connection than connectionIds.0.')}` });
  }
  return a && b && errors.length === 0 ? { ok: true, pair: [a, b] } : { ok: false, errors };
}
