import { notificationText } from '../core/notificationText';
import * as vscode from 'vscode';
import { isApiError, retryAfterSecondsOf } from '../api/errors';
import { formatErrors, type FieldError } from '../core/query';
import type { Log } from '../log';
import { ACTIONS, executeInvocation, offeredActions, type ActionInvocation, type ActionRunner } from './recoveryActions';

/**
 * Turns any failure into one message that says what happened and what to do,
 * with the buttons that fit. Cancellations are silent; every failure is logged.
 * It also runs the events panel's buttons: the same actions, the same commands.
 */
export class ErrorPresenter implements ActionRunner {
  /** How to retry each failure shown with a retry, so that the panel's Retry re-runs what failed too. */
  private readonly retries = new WeakMap<object, ActionInvocation>();

  constructor(private readonly log: Log) {}

  /**
   * `context` says what was being done, e.g. "Query failed"; `retry` is the
   * command that runs the failed operation again. Returns at once: the
   * notification's button runs its action whenever the user clicks it.
   */
  show(context: string, error: unknown, options: { retry?: ActionInvocation } = {}): void {
    if (isApiError(error) && error.kind === 'cancelled') {
      return;
    }
    if (error instanceof vscode.CancellationError) {
      return;
    }
    if (options.retry && typeof error === 'object' && error !== null) {
      this.retries.set(error, options.retry);
    }
    this.log.error(context, error);
    const message = notificationText(`${context}: ${describe(error)}`);
    const offered = offeredActions({ error, retry: options.retry }).map(({ action, invocation }) => ({
      title: ACTIONS[action].title(),
      invocation,
    }));
    void vscode.window.showErrorMessage(message, ...offered.map((a) => a.title)).then((picked) => {
      const invocation = offered.find((a) => a.title === picked)?.invocation;
      return invocation ? this.run(invocation) : undefined;
    });
  }

  retryOf(error: unknown): ActionInvocation | undefined {
    return typeof error === 'object' && error !== null ? this.retries.get(error) : undefined;
  }

  /** A query refused before any request: every field that is wrong, each with what is wrong with it. */
  invalidQuery(errors: readonly FieldError[]): void {
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Invalid query: {0}', formatErrors(errors))));
  }

  /**
   * A command's argument (from a keybinding, another extension, a test) refused before anything ran:
   * the command, then what is wrong with each field. Logged as shown: the log keeps what a
   * notification that is gone said.
   */
  invalidArgument(command: string, errors: readonly FieldError[]): void {
    const message = vscode.l10n.t('{0}: invalid argument: {1}', command, errors.map((e) => e.message).join('; '));
    this.log.warn(message);
    void vscode.window.showErrorMessage(notificationText(message));
  }

  run(invocation: ActionInvocation): Thenable<unknown> {
    return executeInvocation(invocation);
  }
}

function describe(error: unknown): string {
  const retryAfterSeconds = retryAfterSecondsOf(error);
  if (retryAfterSeconds !== undefined) {
    return `${error instanceof Error ? error.message : String(error)} ${vscode.l10n.t('Try again in {0} s.', retryAfterSeconds)}`;
  }
  return error instanceof Error ? error.message : String(error);
}
