import * as vscode from 'vscode';
import { Commands } from '../constants';
import { checkProfileName, describeProfile, PROFILES_SETTING_ID, type Profile } from '../core/profiles';
import type { FieldError } from '../core/query';
import { checkBaseUrl } from '../core/settings';
import { hostOf } from '../core/userinfo';
import { addProfileSetting } from '../config';
import type { Profiles } from '../services/profiles';
import type { ApiKeyStore } from '../secrets';
import type { ErrorPresenter } from '../services/errorPresenter';

export type SwitchProfileResult =
  | { readonly status: 'ok'; readonly profile: string; readonly hasApiKey: boolean }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly status: 'cancelled' };

type ProfileItem = vscode.QuickPickItem & { readonly profile?: Profile; readonly action?: 'add' | 'edit' };

/**
 * Switch Profile: to `{ name }` (a keybinding, another extension, a test), or to the one picked from a
 * list of the profiles that also offers to add one or edit them in settings. Switching cancels what is
 * in flight and clears the results (ClientFactory, ApiKeyStore); a profile without a key offers Set API Key.
 */
export async function switchProfile(
  profiles: Profiles,
  keys: ApiKeyStore,
  errors: Pick<ErrorPresenter, 'invalidArgument'>,
  argument?: unknown,
): Promise<SwitchProfileResult> {
  let name: string;
  if (argument !== undefined) {
    const given =
      typeof argument === 'object' && argument !== null && Object.hasOwn(argument, 'name')
        ? (argument as { name: unknown }).name
        : undefined;
    const known = typeof given === 'string' ? profiles.all.find((p) => p.name === given.trim()) : undefined;
    if (!known) {
      const message =
        typeof given === 'string'
          ? vscode.l10n.t('no profile is named "{0}" (known: {1}).', given, profiles.all.map((p) => p.name).join(', '))
          : vscode.l10n.t('must be the name of a profile.');
      const fieldErrors = [{ field: 'name', message: `name: ${message}` }];
      errors.invalidArgument(vscode.l10n.t('Switch Profile'), fieldErrors);
      return { status: 'invalid', errors: fieldErrors };
    }
    name = known.name;
  } else {
    const picked = await pickProfile(profiles);
    if (!picked) {
      return { status: 'cancelled' };
    }
    name = picked;
  }
  if (!(await profiles.switchTo(name))) {
    // Only a profile just added can be missing: its setting did not reach this window.
    void vscode.window.showErrorMessage(vscode.l10n.t('The profile "{0}" is not in connectionAnalytics.profiles.', name));
    return { status: 'cancelled' };
  }
  const hasApiKey = (await keys.get().catch(() => undefined)) !== undefined;
  if (!hasApiKey && argument === undefined) {
    const set = vscode.l10n.t('Set API Key');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('The profile "{0}" has no API key yet.', name), set)
      .then((answer) => (answer === set ? vscode.commands.executeCommand(Commands.setApiKey) : undefined));
  }
  return { status: 'ok', profile: name, hasApiKey };
}

/** The quick pick: each profile (the active one marked), then Add Profile… and Edit Profiles in Settings. */
async function pickProfile(profiles: Profiles): Promise<string | undefined> {
  const { active } = profiles;
  const items: ProfileItem[] = [
    ...profiles.all.map((profile) => ({
      label: profile.name,
      description: hostOf(profile.baseUrl),
      detail: profile.name === active.name ? vscode.l10n.t('Shown now') : undefined,
      iconPath: new vscode.ThemeIcon(profile.name === active.name ? 'check' : 'account'),
      profile,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: vscode.l10n.t('Add Profile…'), iconPath: new vscode.ThemeIcon('add'), action: 'add' },
    { label: vscode.l10n.t('Edit Profiles in Settings'), iconPath: new vscode.ThemeIcon('settings-gear'), action: 'edit' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Switch Profile'),
    placeHolder: vscode.l10n.t('Shown now: {0}', describeProfile(active)),
  });
  if (!picked) {
    return undefined;
  }
  if (picked.action === 'edit') {
    await vscode.commands.executeCommand('workbench.action.openSettings', PROFILES_SETTING_ID);
    return undefined;
  }
  return picked.action === 'add' ? addProfile(profiles) : picked.profile?.name;
}

/** Asks for a name and a URL, checked as the setting's are, and adds the profile to the user's settings. */
async function addProfile(profiles: Profiles): Promise<string | undefined> {
  const taken = new Map(profiles.all.map((p) => [p.name, p]));
  const name = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Profile (1/2)'),
      prompt: vscode.l10n.t('A name for the organization or environment, e.g. staging.'),
      ignoreFocusOut: true,
      validateInput: (text) => checkProfileName(text, taken),
    })
  )?.trim();
  if (name === undefined) {
    return undefined;
  }
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Profile (2/2)'),
    prompt: vscode.l10n.t('The Console API URL of "{0}".', name),
    placeHolder: 'https://api-console.apibricks.io',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const checked = checkBaseUrl(text);
      return checked.ok ? undefined : checked.problem;
    },
  });
  if (baseUrl === undefined) {
    return undefined;
  }
  await addProfileSetting({ name, baseUrl: baseUrl.trim() });
  return (await profiles.listed(name)) ? name : undefined;
}
