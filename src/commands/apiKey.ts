import * as vscode from 'vscode';
import { isApiError, type ApiErrorKind } from '../api/errors';
import type { ClientFactory } from '../services/clientFactory';
import { Commands } from '../constants';
import { apiKeyFormProblem } from '../core/apiKeyForm';
import { describeProfile } from '../core/profiles';
import type { ErrorPresenter } from '../services/errorPresenter';
import type { ApiKeyStore } from '../secrets';
import type { Profiles } from '../services/profiles';

const UNVERIFIABLE: ReadonlySet<ApiErrorKind> = new Set(['network', 'timeout', 'server', 'rateLimit']);

/**
 * Asks for the key (or takes it as `{ apiKey }` from a caller), checks its
 * form, then checks it with a one-record query, and stores it. A key of the
 * wrong form is refused before any request; a key the server refuses is not
 * stored; a key that cannot be checked (network, server down) is stored with
 * a warning. The key is the active profile's, as it was when the command started, and is sent to that
 * profile's URL only: switching before or while the key is checked cancels the check, and nothing is
 * stored for another profile.
 */
export async function setApiKey(
  keys: ApiKeyStore,
  profiles: Profiles,
  access: ClientFactory,
  errors: ErrorPresenter,
  argument?: unknown,
): Promise<boolean> {
  const profile = profiles.active;
  const given = typeof argument === 'object' && argument !== null ? (argument as { apiKey?: unknown }).apiKey : undefined;
  const key =
    typeof given === 'string'
      ? given.trim()
      : (
          await vscode.window.showInputBox({
            title: profiles.several ? vscode.l10n.t('Set API Key for {0}', describeProfile(profile)) : vscode.l10n.t('Set API Key'),
            prompt: vscode.l10n.t("Your organization's APIBricks Console API key. It is kept in VS Code's secret storage."),
            placeHolder: vscode.l10n.t('API key'),
            password: true,
            ignoreFocusOut: true,
            validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('Enter the API key.') : apiKeyFormProblem(text)),
          })
        )?.trim();
  if (key === undefined) {
    return false;
  }
  const problem = apiKeyFormProblem(key);
  if (problem) {
    errors.show(vscode.l10n.t('API key not saved'), new Error(problem));
    return false;
  }

  const check = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the API key…'), cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        await (await access.client({ key, profile })).queryEvents({ limit: 1 }, controller.signal);
        return { ok: true as const };
      } catch (error) {
        return { ok: false as const, error };
      } finally {
        subscription.dispose();
      }
    },
  );

  if (!check.ok) {
    if (isApiError(check.error) && check.error.kind === 'cancelled') {
      return false;
    }
    // Only a failure that says nothing about the key lets it be stored unchecked.
    const unverifiable = isApiError(check.error) && UNVERIFIABLE.has(check.error.kind);
    if (!unverifiable) {
      errors.show(vscode.l10n.t('API key not saved'), check.error);
      return false;
    }
  }
  await keys.set(key, profile);
  if (check.ok) {
    void vscode.window.showInformationMessage(vscode.l10n.t('API key saved.'), vscode.l10n.t('Query Events')).then((picked) => {
      if (picked) {
        return vscode.commands.executeCommand(Commands.queryEvents);
      }
      return undefined;
    });
  } else {
    const reason = check.error instanceof Error ? check.error.message : String(check.error);
    void vscode.window.showWarningMessage(vscode.l10n.t('API key saved, but it could not be checked: {0}', reason));
  }
  return true;
}

/** Asks first, unless a caller passes `{ confirm: false }`. */
export async function clearApiKey(keys: ApiKeyStore, profiles: Profiles, argument?: unknown): Promise<boolean> {
  const profile = profiles.active;
  const confirm = !(typeof argument === 'object' && argument !== null && (argument as { confirm?: unknown }).confirm === false);
  if (confirm) {
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      profiles.several
        ? vscode.l10n.t('Remove the API key of {0}?', describeProfile(profile))
        : vscode.l10n.t('Remove the stored API key?'),
      { modal: true, detail: vscode.l10n.t('Queries will need a key again. The key is only removed from VS Code, not revoked.') },
      remove,
    );
    if (answer !== remove) {
      return false;
    }
  }
  await keys.delete(profile);
  void vscode.window.showInformationMessage(vscode.l10n.t('API key removed.'));
  return true;
}
