import * as l10n from '@vscode/l10n';
import { textProblem } from './query';
import { checkBaseUrl, SETTINGS_SECTION } from './settings';
import { hostOf } from './userinfo';

/**
 * A profile: an organization or an environment, with its own Console API URL and its own key
 * in SecretStorage. The `default` profile is `connectionAnalytics.baseUrl` with the key stored
 * before profiles existed; the `connectionAnalytics.profiles` setting adds the others.
 */
export interface Profile {
  readonly name: string;
  /**
   * The profile's Console API URL. A `profiles` entry's is checked when the setting is read; the default
   * profile's is `baseUrl` as the user wrote it, checked (as every URL) before a client is made.
   */
  readonly baseUrl: string;
}

/** The setting that lists the profiles besides the default one (read apart from core/settings' Settings, like a key's home). */
export const PROFILES_SETTING = 'profiles';
/** The setting's full name, as Settings shows and searches it. */
export const PROFILES_SETTING_ID = `${SETTINGS_SECTION}.${PROFILES_SETTING}`;

/** The profile of `connectionAnalytics.baseUrl`, always there; its key is the one stored before profiles. */
export const DEFAULT_PROFILE_NAME = 'default';

/** The longest name a profile may be given: it is shown in the status bar and the view's title. */
export const MAX_PROFILE_NAME_LENGTH = 40;

/** Where each profile's key is kept in SecretStorage: the default profile keeps the name keys always had. */
const SECRET_PREFIX = 'connectionAnalytics.apiKey';

export function secretNameOf(profile: string): string {
  return profile === DEFAULT_PROFILE_NAME ? SECRET_PREFIX : `${SECRET_PREFIX}.profile.${profile}`;
}

/** The profiles in use and, for each entry of the setting that could not be used, why (naming the entry and the field). */
export interface ProfileList {
  /** The default profile first, then the setting's entries in their order. Never empty. */
  readonly profiles: readonly Profile[];
  readonly problems: readonly string[];
}

/**
 * The profiles from the `profiles` setting's value and the default profile's base URL. An entry
 * that cannot be used (not an object, a name that is empty, too long, taken or `default`, a URL that
 * `checkBaseUrl` refuses) is left out and said why, so a typo does not send a key somewhere unmeant
 * and is not silently lost. Names are compared exactly, after trimming.
 */
export function parseProfiles(raw: unknown, defaultBaseUrl: string): ProfileList {
  const byName = new Map<string, Profile>([[DEFAULT_PROFILE_NAME, { name: DEFAULT_PROFILE_NAME, baseUrl: defaultBaseUrl }]]);
  const problems: string[] = [];
  if (raw !== undefined && !Array.isArray(raw)) {
    problems.push(l10n.t('connectionAnalytics.profiles must be a list of {0} entries.', '{ "name", "baseUrl" }'));
  }
  const entries = Array.isArray(raw) ? (raw as unknown[]) : [];
  entries.forEach((entry, index) => {
    const where = l10n.t('connectionAnalytics.profiles[{0}]', index);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(l10n.t('{0}: must be an object with "name" and "baseUrl".', where));
      return;
    }
    const name = Object.hasOwn(entry, 'name') ? (entry as { name: unknown }).name : undefined;
    const baseUrl = Object.hasOwn(entry, 'baseUrl') ? (entry as { baseUrl: unknown }).baseUrl : undefined;
    const nameProblem = checkProfileName(name, byName);
    if (nameProblem) {
      problems.push(`${where}.name: ${nameProblem}`);
      return;
    }
    const trimmed = (name as string).trim();
    if (typeof baseUrl !== 'string') {
      problems.push(l10n.t('{0}.baseUrl: the profile "{1}" needs a base URL.', where, trimmed));
      return;
    }
    const url = checkBaseUrl(baseUrl);
    if (!url.ok) {
      problems.push(`${where}.baseUrl: ${url.problem}`);
      return;
    }
    byName.set(trimmed, { name: trimmed, baseUrl: url.url });
  });
  return { profiles: [...byName.values()], problems };
}

/** Why `name` cannot name a new profile beside `taken`, or undefined when it can (the name is then `name` trimmed). */
export function checkProfileName(name: unknown, taken: ReadonlyMap<string, unknown>): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') {
    return l10n.t('must be a name that is not empty.');
  }
  const trimmed = name.trim();
  const problem = textProblem(trimmed, MAX_PROFILE_NAME_LENGTH);
  if (problem) {
    return problem;
  }
  if (trimmed === DEFAULT_PROFILE_NAME) {
    return l10n.t('"{0}" is the profile of connectionAnalytics.baseUrl; give this one another name.', DEFAULT_PROFILE_NAME);
  }
  if (taken.has(trimmed)) {
    return l10n.t('"{0}" names another profile already.', trimmed);
  }
  return undefined;
}

/** The profile called `name`, or the default one when there is none by that name (it was removed from the setting). */
export function profileNamed(list: ProfileList, name: string | undefined): Profile {
  return list.profiles.find((p) => p.name === name) ?? list.profiles[0]!;
}

/** Whether two profiles send to the same place with the same key: the same name and the same URL. */
export function sameProfile(a: Profile, b: Profile): boolean {
  return a.name === b.name && a.baseUrl === b.baseUrl;
}

/** A profile as a line says it: `staging (staging.example.com)`, never a URL's user info. */
export function describeProfile(profile: Profile): string {
  return `${profile.name} (${hostOf(profile.baseUrl)})`;
}
