import * as vscode from 'vscode';
import type { NetworkSettings } from './api/dispatcher';
import { parseProfiles, PROFILES_SETTING, type ProfileList } from './core/profiles';
import type { SavedQueryScope } from './core/savedQueries';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, migrateAutoRefresh, sanitizeSettings, type Settings } from './core/settings';

const SAVED_QUERIES = 'savedQueries' satisfies keyof Settings;

/**
 * Typed access to the contributed settings. Application-scoped settings are
 * read from the user's global value only, never a workspace's, whatever a
 * workspace file says: a repository must not be able to send the key elsewhere.
 */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return sanitizeSettings({
    baseUrl: userValue<string>(config, 'baseUrl'),
    authHeader: userValue<string>(config, 'authHeader'),
    defaultLimit: config.get<number>('defaultLimit', DEFAULT_SETTINGS.defaultLimit),
    requestTimeoutSeconds: config.get<number>('requestTimeoutSeconds', DEFAULT_SETTINGS.requestTimeoutSeconds),
    heartbeatGapSeconds: config.get<number>('heartbeatGapSeconds', DEFAULT_SETTINGS.heartbeatGapSeconds),
    maxResponseMegabytes: config.get<number>('maxResponseMegabytes', DEFAULT_SETTINGS.maxResponseMegabytes),
    'liveTail.intervalSeconds': config.get<number>('liveTail.intervalSeconds', DEFAULT_SETTINGS['liveTail.intervalSeconds']),
    caCertificatesFile: userValue<string>(config, 'caCertificatesFile'),
    connectionLookbackDays: config.get<number>('connectionLookbackDays', DEFAULT_SETTINGS.connectionLookbackDays),
    timeZone: config.get<string>('timeZone', DEFAULT_SETTINGS.timeZone),
    'hover.enabled': config.get<boolean>('hover.enabled', DEFAULT_SETTINGS['hover.enabled']),
    'debugSession.marginSeconds': config.get<number>('debugSession.marginSeconds', DEFAULT_SETTINGS['debugSession.marginSeconds']),
    savedQueries: savedQueriesByScope(config),
  });
}

/**
 * The profiles: the default one (`baseUrl`) and the `profiles` setting's, read from the user's settings
 * only, like `baseUrl`: a repository must not be able to add a profile that sends a key elsewhere.
 */
export function readProfiles(baseUrl: string): ProfileList {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return parseProfiles(config.inspect<unknown>(PROFILES_SETTING)?.globalValue, baseUrl);
}

/** Adds a profile at the end of the user's `profiles` setting, keeping every entry there as it was. */
export async function addProfileSetting(profile: { readonly name: string; readonly baseUrl: string }): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const current = config.inspect<unknown>(PROFILES_SETTING)?.globalValue;
  await config.update(
    PROFILES_SETTING,
    [...(Array.isArray(current) ? (current as unknown[]) : []), profile],
    vscode.ConfigurationTarget.Global,
  );
}

/** The `savedQueries` setting's own value in each scope: a workspace's list does not replace the user's, both are offered. */
function savedQueriesByScope(config: vscode.WorkspaceConfiguration): { user: unknown; workspace: unknown } {
  const inspected = config.inspect<unknown>(SAVED_QUERIES);
  return { user: inspected?.globalValue, workspace: inspected?.workspaceValue };
}

/**
 * Writes the `savedQueries` setting of one scope, made from its value there now by `change`
 * (core/savedQueries keeps every other entry as it was).
 */
export async function updateSavedQueries(scope: SavedQueryScope, change: (current: unknown) => unknown[]): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const { user, workspace } = savedQueriesByScope(config);
  const target = scope === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const value = change(scope === 'workspace' ? workspace : user);
  await config.update(SAVED_QUERIES, value.length > 0 ? value : undefined, target);
}

/**
 * VS Code's proxy settings, from the user's settings only: a workspace must
 * not be able to route the key through a proxy of its choosing. The extra
 * certificates are loaded by the caller, from `caCertificatesFile`.
 */
export function readNetworkSettings(): Omit<NetworkSettings, 'certificates'> {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.inspect<string>('proxy');
  const proxyAuthorization = http.inspect<string | null>('proxyAuthorization');
  const noProxy = http.inspect<string[]>('noProxy');
  const strictSSL = http.inspect<boolean>('proxyStrictSSL');
  return {
    proxy: typeof proxy?.globalValue === 'string' ? proxy.globalValue : '',
    proxyAuthorization: typeof proxyAuthorization?.globalValue === 'string' ? proxyAuthorization.globalValue : '',
    noProxy: Array.isArray(noProxy?.globalValue) ? noProxy.globalValue.filter((h): h is string => typeof h === 'string') : [],
    strictSSL: typeof strictSSL?.globalValue === 'boolean' ? strictSSL.globalValue : true,
  };
}

function userValue<T>(config: vscode.WorkspaceConfiguration, key: keyof Settings): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/**
 * The settings as last read, read again only after they changed. Reading VS Code's configuration
 * costs about a millisecond in the extension host, and the tree asks for its rows 500 at a time,
 * each depending on a setting (the gap threshold, the time zone): read per row, that was most of
 * the extension host's share of the tree's first paint at 100,000 events.
 */
export class CurrentSettings implements vscode.Disposable {
  private cached: Settings | undefined;
  private cachedProfiles: ProfileList | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the settings (or VS Code's proxy settings) changed, once `current` has the new values. */
  readonly onDidChange = this.changed.event;
  private readonly subscription = onDidChangeSettings(() => {
    this.cached = undefined;
    this.cachedProfiles = undefined;
    this.changed.fire();
  });

  get current(): Settings {
    return (this.cached ??= readSettings());
  }

  get profiles(): ProfileList {
    return (this.cachedProfiles ??= readProfiles(this.current.baseUrl));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Fires when any of this extension's settings, or VS Code's proxy settings, change. */
function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION) || event.affectsConfiguration('http')) {
      listener();
    }
  });
}

/** Where the one-time move of `autoRefreshSeconds` is remembered (the extension's global state). */
const AUTO_REFRESH_MOVED_KEY = 'connectionAnalytics.migrated.autoRefreshSeconds';

/**
 * Moves the user's deprecated `autoRefreshSeconds` to the live tail, once (core/settings'
 * migrateAutoRefresh): writes `liveTail.intervalSeconds` to the user's settings when they had
 * not set it, and says whether to turn the tail on. Reads the user's own value only, as the
 * setting was meant for the user's windows.
 */
export async function moveAutoRefreshSetting(
  memento: vscode.Memento,
): Promise<{ readonly enableTail: boolean; readonly seconds?: number }> {
  if (memento.get<boolean>(AUTO_REFRESH_MOVED_KEY) === true) {
    return { enableTail: false };
  }
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const old = config.inspect<number>('autoRefreshSeconds')?.globalValue;
  const move = migrateAutoRefresh(old, config.inspect<number>('liveTail.intervalSeconds')?.globalValue);
  if (move?.intervalSeconds !== undefined) {
    await config.update('liveTail.intervalSeconds', move.intervalSeconds, vscode.ConfigurationTarget.Global);
  }
  await memento.update(AUTO_REFRESH_MOVED_KEY, true);
  return move ? { enableTail: true, seconds: typeof old === 'number' ? old : undefined } : { enableTail: false };
}
