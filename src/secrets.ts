import * as vscode from 'vscode';
import { apiKeyFormProblem } from './core/apiKeyForm';

const SECRET_KEY = 'connectionAnalytics.apiKey';

/** SecretStorage could not be read or written, e.g. no keyring on Linux. */
export class SecretStorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      vscode.l10n.t(
        "VS Code's secret storage is not available ({0}). The API key is kept nowhere else; on Linux, install and unlock a keyring such as GNOME Keyring or KWallet.",
        cause instanceof Error ? cause.message : String(cause),
      ),
      { cause },
    );
    this.name = 'SecretStorageUnavailableError';
  }
}

/**
 * The API key, in VS Code's SecretStorage and nowhere else. Keys are trimmed;
 * an empty key, or one no request header can carry, is refused. The last value read is cached so that the log can
 * redact it synchronously.
 */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly replaced = new vscode.EventEmitter<void>();
  /**
   * Fires when this window stores another key than the one it had, or removes it, before `set` or
   * `delete` returns: what was fetched with the old key is then another organization's, and goes
   * before anything runs with the new one.
   */
  readonly onDidReplace = this.replaced.event;
  private readonly subscription: vscode.Disposable;
  private cached: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === SECRET_KEY) {
        this.cached = undefined;
        this.changed.fire();
      }
    });
  }

  /** The key last read or written, without touching storage; undefined before the first read. */
  get current(): string | undefined {
    return this.cached;
  }

  async get(): Promise<string | undefined> {
    try {
      const value = (await this.secrets.get(SECRET_KEY))?.trim();
      this.cached = value || undefined;
      return this.cached;
    } catch (error) {
      throw new SecretStorageUnavailableError(error);
    }
  }

  async set(key: string): Promise<void> {
    const trimmed = key.trim();
    const problem = apiKeyFormProblem(trimmed);
    if (problem) {
      throw new Error(problem);
    }
    try {
      const previous = await this.get().catch(() => undefined);
      await this.secrets.store(SECRET_KEY, trimmed);
      this.cached = trimmed;
      if (previous !== trimmed) {
        this.replaced.fire();
      }
    } catch (error) {
      throw new SecretStorageUnavailableError(error);
    }
  }

  async delete(): Promise<void> {
    try {
      await this.secrets.delete(SECRET_KEY);
      this.cached = undefined;
      this.replaced.fire();
    } catch (error) {
      throw new SecretStorageUnavailableError(error);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.replaced.dispose();
  }
}
