import * as z from 'zod/mini';
import { CLOSE_CAUSES } from './closeCause';
import { GROUP_BY, type GroupBy } from './connectionGroups';
import { describeIssues } from './issues';
import { lazy } from './lazy';
import type { Outcome } from './outcomes';

/**
 * The arguments of the Connections view's commands, from a keybinding or
 * another extension: checked here, refused with a message naming the field.
 */
export type ArgumentResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

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
  return parsed.success
    ? { ok: true, value: parsed.data.by }
    : { ok: false, message: describeIssues(argument, parsed.error.issues, { subject: 'argument' }) };
}

/** `{ "state": "closed", "closeCause": "heartbeatTimeout" }`, `{ "state": "closed" }` or `{ "state": "open" }` for Narrow to Outcome. */
export function parseOutcomeArgument(argument: unknown): ArgumentResult<Outcome> {
  const parsed = outcomeArgument().safeParse(argument);
  if (!parsed.success) {
    return { ok: false, message: describeIssues(argument, parsed.error.issues, { subject: 'argument' }) };
  }
  const { state, closeCause } = parsed.data;
  return { ok: true, value: state === 'closed' ? { state, closeCause } : { state } };
}
