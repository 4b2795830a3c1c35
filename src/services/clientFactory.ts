import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { CA_FILE_SETTING, CaFileError, readCaFile } from '../api/certificates';
import { ConsoleApiClient } from '../api/client';
import { createDispatcher, sameNetworkSettings, type NetworkSettings } from '../api/dispatcher';
import { ProxySettingError } from '../api/proxy';
import { apiKeyFormProblem } from '../core/apiKeyForm';
import { DEFAULT_PROFILE_NAME, PROFILES_SETTING_ID, sameProfile, type Profile } from '../core/profiles';
import { BASE_URL_SETTING, checkBaseUrl } from '../core/settings';
import { withoutUserinfo } from '../core/userinfo';
import { readNetworkSettings, readSettings } from '../config';
import type { Log } from '../log';
import type { ApiKeyStore } from '../secrets';
import { CancelledError } from '../api/errors';

/** No usable API key: none is stored yet, or (subclass) the stored one is malformed. */
export class MissingApiKeyError extends Error {
  constructor(message = vscode.l10n.t('No API key is set.')) {
    super(message);
    this.name = 'MissingApiKeyError';
  }
}

/** No key is stored for `profile`: the message names it unless it is the only one there ever was. */
export function missingApiKeyError(profile: Profile): MissingApiKeyError {
  return profile.name === DEFAULT_PROFILE_NAME
    ? new MissingApiKeyError()
    : new MissingApiKeyError(vscode.l10n.t('No API key is set for the profile "{0}".', profile.name));
}

/** The stored key has a form no header can carry (stored by an older version); Set API Key replaces it. */
export class MalformedApiKeyError extends MissingApiKeyError {
  constructor(problem: string) {
    super(vscode.l10n.t('The stored API key is malformed and was not sent. {0} Set it again with Set API Key.', problem));
    this.name = 'MalformedApiKeyError';
  }
}

/** A setting holds a value the extension refuses to use. */
export class InvalidSettingError extends Error {
  constructor(
    message: string,
    readonly setting: string,
  ) {
    super(message);
    this.name = 'InvalidSettingError';
  }
}

/**
 * Builds API clients from the active profile (its URL and its key) and the current settings, over one
 * shared undici dispatcher (connection pooling across queries), rebuilt only when the network settings
 * or the CA file's certificates change.
 *
 * A client belongs to the profile that was active when it was made: it sends that profile's key to that
 * profile's URL only, and when another profile becomes active every request of its clients is cancelled,
 * in flight or not yet sent, so that nothing of one organization lands in another's results.
 */
export class ClientFactory implements vscode.Disposable {
  private network: NetworkSettings | undefined;
  private dispatcher: Dispatcher | undefined;
  /** Aborted, and replaced, when the active profile becomes another one. */
  private profileScope = new AbortController();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly profiles: { readonly active: Profile; readonly onDidChange: vscode.Event<unknown> },
    private readonly log: Log,
    private readonly userAgent: string,
  ) {
    this.subscription = profiles.onDidChange(() => {
      this.profileScope.abort();
      this.profileScope = new AbortController();
    });
  }

  /**
   * A client for the active profile's stored key, or for `check.key` when checking a key before it is
   * stored for `check.profile`: that key is sent to that profile's URL only, so a profile that is no
   * longer the active one (switched, its URL changed, removed) cancels the check before anything is
   * sent. Nothing is sent with a key of the wrong form.
   */
  async client(check?: { readonly key: string; readonly profile: Profile }): Promise<ConsoleApiClient> {
    // One profile throughout: its key, its URL, and its scope, taken before anything is awaited.
    const profile = this.profiles.active;
    const scope = this.profileScope.signal;
    if (check && !sameProfile(check.profile, profile)) {
      throw new CancelledError();
    }
    const key = check?.key;
    const apiKey = key ?? (await this.keys.get(profile));
    if (scope.aborted) {
      throw new CancelledError();
    }
    if (!apiKey) {
      throw missingApiKeyError(profile);
    }
    const problem = apiKeyFormProblem(apiKey);
    if (problem) {
      throw key === undefined ? new MalformedApiKeyError(problem) : new Error(problem);
    }
    const settings = readSettings();
    const baseUrl = checkBaseUrl(profile.baseUrl);
    if (!baseUrl.ok) {
      throw new InvalidSettingError(baseUrl.message, profile.name === DEFAULT_PROFILE_NAME ? BASE_URL_SETTING : PROFILES_SETTING_ID);
    }
    return new ConsoleApiClient({
      baseUrl: baseUrl.url,
      apiKey,
      signal: scope,
      dispatcher: this.currentDispatcher(settings.caCertificatesFile),
      authHeader: settings.authHeader,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      maxResponseBytes: settings.maxResponseMegabytes * 1024 * 1024,
      userAgent: this.userAgent,
      onRequest: (entry) => this.log.request(entry),
    });
  }

  /** The dispatcher for the current settings; the CA file is read again each time, so a fixed file takes effect. */
  private currentDispatcher(caCertificatesFile: string): Dispatcher {
    const settings = readNetworkSettings();
    const certificates = loadCertificates(caCertificatesFile);
    const network: NetworkSettings = { ...settings, certificates };
    if (this.dispatcher && this.network && sameNetworkSettings(network, this.network)) {
      return this.dispatcher;
    }
    let dispatcher: Dispatcher;
    try {
      // Refuses a proxy it cannot use, from http.proxy or the environment, before anything is sent.
      dispatcher = createDispatcher(network);
    } catch (error) {
      throw error instanceof ProxySettingError ? new InvalidSettingError(error.message, error.setting) : error;
    }
    void this.dispatcher?.close();
    this.dispatcher = dispatcher;
    this.network = network;
    this.log.info(
      `Network: ${network.proxy ? `proxy ${withoutUserinfo(network.proxy)}` : 'no proxy setting'}` +
        `${network.proxyAuthorization ? ', proxy authorization set' : ''}, ${network.noProxy.length} no-proxy hosts, strict SSL ${network.strictSSL}` +
        `${certificates.length > 0 ? `, ${certificates.length} extra CA certificates from ${CA_FILE_SETTING}` : ''}`,
    );
    return this.dispatcher;
  }

  dispose(): void {
    this.subscription.dispose();
    this.profileScope.abort();
    void this.dispatcher?.close();
  }
}

/** The CA file's certificates; a file that cannot be used is an error that opens its setting. */
function loadCertificates(file: string): string[] {
  try {
    return file ? readCaFile(file) : [];
  } catch (error) {
    throw error instanceof CaFileError ? new InvalidSettingError(error.message, CA_FILE_SETTING) : error;
  }
}
