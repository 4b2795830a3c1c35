import * as vscode from 'vscode';
import { isApiError, ResponseTooLargeError } from '../api/errors';
import { Commands, SERVICE_STATUS_URL } from '../constants';
import { HOST_ACTIONS, type ActionButton, type HostAction } from '../shared/protocol';
import { InvalidSettingError, MissingApiKeyError } from './clientFactory';

/** A command and its arguments: what every action comes down to. */
export interface ActionInvocation {
  readonly command: string;
  readonly args?: readonly unknown[];
}

/** What an action may need in order to run: the failure it answers, and how to retry what failed. */
export interface ActionContext {
  readonly error?: unknown;
  readonly retry?: ActionInvocation;
}

interface ActionDefinition {
  /** Localised, so read when the action is shown. */
  title(): string;
  /** A codicon name. */
  readonly icon: string;
  /** The command that runs the action here; undefined when it cannot run (Retry with nothing to retry). */
  invocation(context: ActionContext): ActionInvocation | undefined;
}

/**
 * The one vocabulary of actions offered on failure and in the events panel.
 * Each is a command, so a notification's button and the panel's run the same one.
 */
export const ACTIONS: { readonly [A in HostAction]: ActionDefinition } = {
  setApiKey: { title: () => vscode.l10n.t('Set API Key'), icon: 'key', invocation: () => ({ command: Commands.setApiKey }) },
  retry: { title: () => vscode.l10n.t('Retry'), icon: 'refresh', invocation: (context) => context.retry },
  editQuery: { title: () => vscode.l10n.t('Edit Query'), icon: 'filter', invocation: () => ({ command: Commands.editQuery }) },
  openServiceStatus: {
    title: () => vscode.l10n.t('Open Service Status'),
    icon: 'globe',
    // `vscode.open` hands an https URI to the browser, as `env.openExternal` does.
    invocation: () => ({ command: 'vscode.open', args: [vscode.Uri.parse(SERVICE_STATUS_URL)] }),
  },
  openSettings: {
    title: () => vscode.l10n.t('Open Settings'),
    icon: 'settings-gear',
    invocation: (context) => ({ command: 'workbench.action.openSettings', args: [settingOf(context.error)] }),
  },
  showLog: { title: () => vscode.l10n.t('Show Log'), icon: 'output', invocation: () => ({ command: Commands.showLog }) },
  cancel: { title: () => vscode.l10n.t('Cancel'), icon: 'debug-stop', invocation: () => ({ command: Commands.cancelQuery }) },
  loadOlder: { title: () => vscode.l10n.t('Load Older'), icon: 'history', invocation: () => ({ command: Commands.loadOlder }) },
  useSuggestion: {
    title: () => vscode.l10n.t('Use Suggested Query'),
    icon: 'lightbulb',
    invocation: () => ({ command: Commands.runSuggestedQuery }),
  },
};

/** Runs actions; the error presenter does, and tests stand in for it. */
export interface ActionRunner {
  /** How to retry a failure that was shown, if it was shown with a retry. */
  retryOf(error: unknown): ActionInvocation | undefined;
  run(invocation: ActionInvocation): Thenable<unknown>;
}

/** Runs an action's command with its arguments. */
export function executeInvocation(invocation: ActionInvocation): Thenable<unknown> {
  return vscode.commands.executeCommand(invocation.command, ...(invocation.args ?? []));
}

/** Every action as the panel's buttons show it. */
export function actionButtons(): ActionButton[] {
  return HOST_ACTIONS.map((action) => ({ action, title: ACTIONS[action].title(), icon: ACTIONS[action].icon }));
}

/** The recovery actions that fit a failure and can run in `context`, most useful first, each with what runs it. */
export function offeredActions(context: ActionContext): { readonly action: HostAction; readonly invocation: ActionInvocation }[] {
  return recoveryActions(context.error).flatMap((action) => {
    const invocation = ACTIONS[action].invocation(context);
    return invocation ? [{ action, invocation }] : [];
  });
}

/** The actions that fit a failure, most useful first. */
export function recoveryActions(error: unknown): HostAction[] {
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

/** The setting a failure is about, for Open Settings; every setting when none is. */
export function settingOf(error: unknown): string {
  return error instanceof InvalidSettingError || error instanceof ResponseTooLargeError ? error.setting : '';
}
