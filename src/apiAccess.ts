import * as vscode from 'vscode';
import { Agent } from 'undici';
import { ConsoleApiClient } from './api/client';
import { checkBaseUrl } from './core/settings';
import { readSettings } from './config';
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
 * undici dispatcher (connection pooling across queries).
 */
export class ApiAccess implements vscode.Disposable {
  private readonly dispatcher = new Agent({ connections: 8 });

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
      dispatcher: this.dispatcher,
      authHeader: settings.authHeader,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      userAgent: this.userAgent,
      onRequest: (entry) => this.log.request(entry),
    });
  }

  dispose(): void {
    void this.dispatcher.close();
  }
}
