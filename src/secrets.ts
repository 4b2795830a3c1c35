import * as vscode from 'vscode';
import { apiKeyFormProblem } from './core/apiKeyForm';
import { secretNameOf, type Profile } from './core/profiles';

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
 * The API keys, one per profile, in VS Code's SecretStorage and nowhere else (core/profiles secretNameOf:
 * the default profile's is the key stored before profiles existed). Keys are trimmed; an empty key, or
 * one no request header can carry, is refused. Without a profile named, each method means the active
 * profile's key. The keys read are cached so that the log can redact them synchronously.
 */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The active profile's key may be another: it was stored, removed, changed in another window, or the profile switched. */
  readonly onDidChange = this.changed.event;
  private readonly replaced = new vscode.EventEmitter<void>();
  /**
   * Fires when the active profile's key is another one than before: this window stored another key or
   * removed it (before `set` or `delete` returns), or the active profile switched (as it switches). What
   * was fetched with the old key is then another organization's, and goes before anything runs with
   * the new one.
   */
  readonly onDidReplace = this.replaced.event;
  private readonly subscriptions: vscode.Disposable[];
  /** By profile name; only the profiles read or written in this window. */
  private readonly cached = new Map<string, string | undefined>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly profiles: { readonly active: Profile; readonly onDidChange: vscode.Event<unknown> },
  ) {
    this.subscriptions = [
      secrets.onDidChange((event) => {
        for (const name of this.cached.keys()) {
          if (secretNameOf(name) === event.key) {
            this.cached.delete(name);
          }
        }
        if (event.key === secretNameOf(this.profiles.active.name)) {
          this.changed.fire();
        }
      }),
      profiles.onDidChange(() => {
        this.replaced.fire();
        this.changed.fire();
      }),
    ];
  }

  /** The active profile's key as last read or written, without touching storage; undefined before the first read. */
  get current(): string | undefined {
    return this.cached.get(this.profiles.active.name);
  }

  /** Every key read or written in this window, whichever profile's: what the log redacts. */
  get known(): readonly string[] {
    return [...this.cached.values()].filter((key): key is string => key !== undefined);
  }

  async get(profile: Profile = this.profiles.active): Promise<string | undefined> {
    try {
      const value = (await this.secrets.get(secretNameOf(profile.name)))?.trim() || undefined;
      this.cached.set(profile.name, value);
      return value;
    } catch (error) {
      throw new SecretStorageUnavailableError(error);
    }
  }

  async set(key: string, profile: Profile = this.profiles.active): Promise<void> {
    const trimmed = key.trim();
    const problem = apiKeyFormProblem(trimmed);
    if (problem) {
      throw new Error(problem);
    }
    try {
      const previous = await this.get(profile).catch(() => undefined);
      await this.secrets.store(secretNameOf(profile.name), trimmed);
      this.cached.set(profile.name, trimmed);
      if (previous !== trimmed && profile.name === this.profiles.active.name) {
        this.replaced.fire();
      }
    } catch (error) {
      throw new SecretStorageUnavailableError(error);
    }
  }

  async delete(profile: Profile = this.profiles.active): Promise<void> {
    try {
      await this.secrets.delete(secretNameOf(profile.name));
      this.cached.set(profile.name, undefined);
      if (profile.name === this.profiles.active.name) {
        this.replaced.fire();
      }
    } catch (error) {
      throw new SecretStorageUnavailableError(error);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
    this.replaced.dispose();
  }
}
