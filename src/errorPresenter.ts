import * as vscode from 'vscode';
import { isApiError, RateLimitError } from './api/errors';
import { InvalidSettingError, MissingApiKeyError } from './apiAccess';
import { Commands, SERVICE_STATUS_URL } from './constants';
import type { Log } from './log';
import { SecretStorageUnavailableError } from './secrets';

/** An action offered with an error message. */
interface Action {
  readonly title: string;
  run(): unknown;
}

/**
 * Turns any failure into one message that says what happened and what to do,
 * with the buttons that fit. Cancellations are silent; every failure is logged.
 */
export class ErrorPresenter {
  constructor(private readonly log: Log) {}

  /**
   * `context` says what was being done, e.g. "Query failed". Returns at once:
   * the notification's button runs its action whenever the user clicks it.
   */
  show(context: string, error: unknown, options: { retry?: () => unknown } = {}): void {
    if (isApiError(error) && error.kind === 'cancelled') {
      return;
    }
    if (error instanceof vscode.CancellationError) {
      return;
    }
    this.log.error(context, error);
    const message = `${context}: ${describe(error)}`;
    const actions = this.actionsFor(error, options.retry);
    void vscode.window.showErrorMessage(message, ...actions.map((a) => a.title)).then((picked) => {
      return actions.find((a) => a.title === picked)?.run();
    });
  }

  private actionsFor(error: unknown, retry: (() => unknown) | undefined): Action[] {
    const setKey: Action = { title: vscode.l10n.t('Set API Key'), run: () => vscode.commands.executeCommand(Commands.setApiKey) };
    const showLog: Action = { title: vscode.l10n.t('Show Log'), run: () => this.log.show() };
    const retryAction: Action[] = retry ? [{ title: vscode.l10n.t('Retry'), run: retry }] : [];
    const editQuery: Action = { title: vscode.l10n.t('Edit Query'), run: () => vscode.commands.executeCommand(Commands.editQuery) };
    const status: Action = {
      title: vscode.l10n.t('Open Service Status'),
      run: () => vscode.env.openExternal(vscode.Uri.parse(SERVICE_STATUS_URL)),
    };
    if (error instanceof MissingApiKeyError) {
      return [setKey];
    }
    if (error instanceof InvalidSettingError) {
      return [{ title: vscode.l10n.t('Open Settings'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', error.setting) }];
    }
    if (error instanceof SecretStorageUnavailableError) {
      return [showLog];
    }
    if (!isApiError(error)) {
      return [showLog];
    }
    switch (error.kind) {
      case 'authentication':
        return [setKey, showLog];
      case 'badRequest':
        return [editQuery, showLog];
      case 'rateLimit':
      case 'server':
        return [...retryAction, status, showLog];
      case 'network':
      case 'timeout':
        return [...retryAction, showLog];
      default:
        return [showLog];
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof RateLimitError && error.retryAfterSeconds !== undefined) {
    return `${error.message} ${vscode.l10n.t('Try again in {0} s.', error.retryAfterSeconds)}`;
  }
  return error instanceof Error ? error.message : String(error);
}
