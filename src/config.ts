import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, sanitizeSettings, type Settings } from './core/settings';

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
  });
}

function userValue<T>(config: vscode.WorkspaceConfiguration, key: keyof Settings): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** Fires when any of this extension's settings change. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) {
      listener();
    }
  });
}
