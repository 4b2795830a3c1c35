import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Commands } from '../constants';
import type { Connection } from '../core/grouping';
import { fieldErrors } from '../core/issues';
import { lazy } from '../core/lazy';
import type { FieldError } from '../core/query';
import type { ErrorPresenter } from '../services/errorPresenter';
import type { LiveTail, TailStatus } from '../services/liveTail';
import type { WatchedConnections } from '../services/watchedConnections';

/** `{ enabled?: boolean }`: without `enabled`, the tail is turned the other way. */
const toggleSchema = lazy(() => z.strictObject({ enabled: z.optional(z.boolean()) }));
/** `{ connectionId: string }`, from a keybinding or another extension; a tree row passes its node. */
const watchSchema = lazy(() => z.strictObject({ connectionId: z.string().check(z.trim(), z.minLength(1), z.maxLength(512)) }));

export type ToggleLiveTailResult =
  ({ readonly status: 'ok' } & TailStatus) | { readonly status: 'invalid'; readonly errors: readonly FieldError[] };

export type WatchResult =
  | { readonly status: 'ok'; readonly connectionId: string; readonly watching: boolean; readonly watched: readonly string[] }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] };

type Command = typeof Commands.toggleLiveTail | typeof Commands.watchConnection | typeof Commands.unwatchConnection;

/**
 * Toggle Live Tail, Watch Connection and Unwatch Connection. Each refuses a bad argument with a
 * message naming the field, before anything changes.
 */
export function liveTailHandlers(
  tail: LiveTail,
  watched: WatchedConnections,
  connectionOf: (node: unknown) => Connection | undefined,
  presenter: Pick<ErrorPresenter, 'invalidArgument'>,
): Record<Command, (argument?: unknown) => Promise<unknown>> {
  const invalid = (command: string, argument: unknown, issues: readonly z.core.$ZodIssue[]) => {
    const errors = fieldErrors(argument, issues);
    presenter.invalidArgument(command, errors);
    return { status: 'invalid' as const, errors };
  };
  const watchTarget = (command: string, argument: unknown): { id: string } | ReturnType<typeof invalid> => {
    const node = connectionOf(argument);
    if (node) {
      return { id: node.connectionId };
    }
    const parsed = watchSchema().safeParse(argument ?? {});
    return parsed.success ? { id: parsed.data.connectionId } : invalid(command, argument, parsed.error.issues);
  };
  return {
    [Commands.toggleLiveTail]: async (argument?: unknown): Promise<ToggleLiveTailResult> => {
      const parsed = toggleSchema().safeParse(argument ?? {});
      if (!parsed.success) {
        return invalid(vscode.l10n.t('Toggle Live Tail'), argument, parsed.error.issues);
      }
      return { status: 'ok', ...(await tail.setEnabled(parsed.data.enabled ?? !tail.status.enabled)) };
    },
    [Commands.watchConnection]: async (argument?: unknown): Promise<WatchResult> => {
      const target = watchTarget(vscode.l10n.t('Watch Connection'), argument);
      if ('status' in target) {
        return target;
      }
      await watched.watch(target.id);
      if (!tail.status.enabled) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Watching {0}: its disconnect is notified while the live tail runs (Toggle Live Tail).', target.id),
        );
      }
      return { status: 'ok', connectionId: target.id, watching: true, watched: watched.watched };
    },
    [Commands.unwatchConnection]: async (argument?: unknown): Promise<WatchResult> => {
      const target = watchTarget(vscode.l10n.t('Unwatch Connection'), argument);
      if ('status' in target) {
        return target;
      }
      await watched.unwatch(target.id);
      return { status: 'ok', connectionId: target.id, watching: false, watched: watched.watched };
    },
  };
}
