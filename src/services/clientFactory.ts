import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { CA_FILE_SETTING, CaFileError, readCaFile } from '../api/certificates';
import { ConsoleApiClient } from '../api/client';
import { createDispatcher, sameNetworkSettings, type NetworkSettings } from '../api/dispatcher';
import { ProxySettingError } from '../api/proxy';
import { apiKeyFormProblem } from '../core/apiKeyForm';
import { checkBaseUrl } from '../core/settings';
import { withoutUserinfo } from '../core/userinfo';
import { readNetworkSettings, readSettings } from '../config';
import type { Log } from '../log';
import type { ApiKeyStore } from '../secrets';

/** No usable API key: none is stored yet, or (subclass) the stored one is malformed. */
export class MissingApiKeyError extends Error {
  constructor(message = vscode.l10n.t('No API key is set.')) {
    super(message);
    this.name = 'MissingApiKeyError';
  }
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
 * Builds API clients from the current settings and key, over one shared
 * undici dispatcher (connection pooling across queries), rebuilt only when
 * the network settings or the CA file's certificates change.
 */
export class ClientFactory implements vscode.Disposable {
  private network: NetworkSettings | undefined;
  private dispatcher: Dispatcher | undefined;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    private readonly userAgent: string,
  ) {}

  /**
   * A client for the stored key, or for `key` when checking one before it is
   * stored. Nothing is sent with a key of the wrong form.
   */
  async client(key?: string): Promise<ConsoleApiClient> {
    const apiKey = key ?? (await this.keys.get());
    if (!apiKey) {
      throw new MissingApiKeyError();
    }
    const problem = apiKeyFormProblem(apiKey);
    if (problem) {
      throw key === undefined ? new MalformedApiKeyError(problem) : new Error(problem);
    }
    const settings = readSettings();
    const baseUrl = checkBaseUrl(settings.baseUrl);
    if (!baseUrl.ok) {
      throw new InvalidSettingError(baseUrl.message, 'connectionAnalytics.baseUrl');
    }
    return new ConsoleApiClient({
      baseUrl: baseUrl.url,
      apiKey,
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
