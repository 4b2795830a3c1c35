import * as z from 'zod/mini';
import { CLOSE_CAUSES } from './closeCause';
import { GROUP_BY, type GroupBy } from './connectionGroups';
import { fieldErrors } from './issues';
import { lazy } from './lazy';
import type { Outcome } from './outcomes';
import type { FieldError } from './query';

/**
 * The arguments of the Connections view's commands, from a keybinding or
 * another extension: checked here, refused with what is wrong with each field, as every command refuses.
 */
export type ArgumentResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

const groupByArgument = lazy(() => z.strictObject({ by: z.enum(GROUP_BY) }));

const outcomeArgument = lazy(() =>
  z.strictObject({ state: z.enum(['closed', 'open', 'unknown']), closeCause: z.optional(z.enum(CLOSE_CAUSES)) }).check(
    z.refine((value) => value.closeCause === undefined || value.state === 'closed', {
      path: ['closeCause'],
      message: 'allowed only with "state": "closed"',
    }),
  ),
);

/** `{ "by": "service" }` for Group By. */
export function parseGroupByArgument(argument: unknown): ArgumentResult<GroupBy> {
  const parsed = groupByArgument().safeParse(argument);
  return parsed.success ? { ok: true, value: parsed.data.by } : { ok: false, errors: fieldErrors(argument, parsed.error.issues) };
}

/** `{ "state": "closed", "closeCause": "heartbeatTimeout" }`, `{ "state": "closed" }` or `{ "state": "open" }` for Narrow to Outcome. */
export function parseOutcomeArgument(argument: unknown): ArgumentResult<Outcome> {
  const parsed = outcomeArgument().safeParse(argument);
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(argument, parsed.error.issues) };
  }
  const { state, closeCause } = parsed.data;
  return { ok: true, value: state === 'closed' ? { state, closeCause } : { state } };
}
