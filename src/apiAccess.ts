import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { ConsoleApiClient } from './api/client';
import { createDispatcher, sameNetworkSettings, type NetworkSettings } from './api/dispatcher';
import { checkBaseUrl } from './core/settings';
import { readNetworkSettings, readSettings } from './config';
import type { Log } from './log';
import type { ApiKeyStore } from './secrets';

/** No API key is stored yet. */
export class MissingApiKeyError extends Error {
  constructor() {
    super(vscode.l10n.t('No API key is set.'));
    this.name = 'MissingApiKeyError';
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
 * the proxy settings change.
 */
export class ApiAccess implements vscode.Disposable {
  private network: NetworkSettings = readNetworkSettings();
  private dispatcher: Dispatcher = createDispatcher(this.network);

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    private readonly userAgent: string,
  ) {}

  /** A client for the stored key, or for `key` when checking one before it is stored. */
  async client(key?: string): Promise<ConsoleApiClient> {
    const apiKey = key ?? (await this.keys.get());
    if (!apiKey) {
      throw new MissingApiKeyError();
    }
    const settings = readSettings();
    const baseUrl = checkBaseUrl(settings.baseUrl);
    if (!baseUrl.ok) {
      throw new InvalidSettingError(baseUrl.message, 'connectionAnalytics.baseUrl');
    }
    return new ConsoleApiClient({
      baseUrl: baseUrl.url,
      apiKey,
      dispatcher: this.currentDispatcher(),
      authHeader: settings.authHeader,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      maxResponseBytes: settings.maxResponseMegabytes * 1024 * 1024,
      userAgent: this.userAgent,
      onRequest: (entry) => this.log.request(entry),
    });
  }

  private currentDispatcher(): Dispatcher {
    const network = readNetworkSettings();
    if (!sameNetworkSettings(network, this.network)) {
      void this.dispatcher.close();
      this.network = network;
      this.dispatcher = createDispatcher(network);
      this.log.info(`Network settings changed: ${network.proxy ? 'proxy set' : 'no proxy setting'}, ${network.noProxy.length} no-proxy hosts, strict SSL ${network.strictSSL}`);
    }
    return this.dispatcher;
  }

  dispose(): void {
    void this.dispatcher.close();
  }
}
