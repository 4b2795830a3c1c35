import * as vscode from 'vscode';
import { isApiError, RateLimitError, ResponseTooLargeError } from '../api/errors';
import { InvalidSettingError, MissingApiKeyError } from './clientFactory';
import { Commands, SERVICE_STATUS_URL } from '../constants';
import type { Log } from '../log';

/** What a user can do about a failure; each surface (notification, panel) offers the ones it can run. */
export type RecoveryAction = 'setApiKey' | 'retry' | 'editQuery' | 'openServiceStatus' | 'openSettings' | 'showLog';

const ACTION_TITLES: Readonly<Record<RecoveryAction, () => string>> = {
  setApiKey: () => vscode.l10n.t('Set API Key'),
  retry: () => vscode.l10n.t('Retry'),
  editQuery: () => vscode.l10n.t('Edit Query'),
  openServiceStatus: () => vscode.l10n.t('Open Service Status'),
  openSettings: () => vscode.l10n.t('Open Settings'),
  showLog: () => vscode.l10n.t('Show Log'),
};

/** The actions that fit a failure, most useful first. */
export function recoveryActions(error: unknown): RecoveryAction[] {
  if (error instanceof MissingApiKeyError) {
    return ['setApiKey'];
  }
  if (error instanceof InvalidSettingError) {
    return ['openSettings'];
  }
  if (error instanceof ResponseTooLargeError) {
    return ['editQuery', 'openSettings', 'showLog'];
  }
  if (!isApiError(error)) {
    return ['showLog'];
  }
  switch (error.kind) {
    case 'authentication':
      return ['setApiKey', 'showLog'];
    case 'badRequest':
      return ['editQuery', 'showLog'];
    case 'rateLimit':
    case 'server':
      return ['retry', 'openServiceStatus', 'showLog'];
    case 'network':
    case 'timeout':
      return ['retry', 'showLog'];
    default:
      return ['showLog'];
  }
}

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
    const run: Record<RecoveryAction, (() => unknown) | undefined> = {
      setApiKey: () => vscode.commands.executeCommand(Commands.setApiKey),
      retry,
      editQuery: () => vscode.commands.executeCommand(Commands.editQuery),
      openServiceStatus: () => vscode.env.openExternal(vscode.Uri.parse(SERVICE_STATUS_URL)),
      openSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', settingOf(error)),
      showLog: () => this.log.show(),
    };
    return recoveryActions(error).flatMap((action) => {
      const handler = run[action];
      return handler ? [{ title: ACTION_TITLES[action](), run: handler }] : [];
    });
  }
}

/** The setting a failure is about, for Open Settings; every setting when none is. */
export function settingOf(error: unknown): string {
  return error instanceof InvalidSettingError || error instanceof ResponseTooLargeError ? error.setting : '';
}

function describe(error: unknown): string {
  if (error instanceof RateLimitError && error.retryAfterSeconds !== undefined) {
    return `${error.message} ${vscode.l10n.t('Try again in {0} s.', error.retryAfterSeconds)}`;
  }
  return error instanceof Error ? error.message : String(error);
}
