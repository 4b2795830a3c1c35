import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QueryCommandResult } from '../../src/commands';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { FakeConsoleApi, type FakeApiOptions } from '../fake-api/server';

/** What the integration suites share: the extension under test, its settings, its commands, a wait on state. */
export const EXTENSION_ID = 'apibricks.apibricks-connection-analytics';

export const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('connectionAnalytics');

/** Runs a command as a keybinding or another extension would; query commands answer with a {@link QueryCommandResult}. */
export const run = <T = QueryCommandResult>(command: string, ...args: unknown[]): Thenable<T | undefined> =>
  vscode.commands.executeCommand<T | undefined>(command, ...args);

/** Waits until `condition` holds, checking every 20 ms; fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every line of the extension host's log files under the run's user data folder. */
export function logLines(): string[] {
  const userData = process.env.CA_TEST_USER_DATA;
  assert.ok(userData, 'the harness says where the user data folder is (CA_TEST_USER_DATA)');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.log')) {
        files.push(full);
      }
    }
  };
  walk(userData);
  return files.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'));
}

/**
 * The hooks of a suite that works against its own fake Console API: start it,
 * point the extension at it, activate the extension and store `key`; after
 * each test clear any fault and the default limit; at the end restore the base
 * URL and stop the API. Call inside `describe`; read the API in tests.
 */
export function useFakeApi(key: string, options: FakeApiOptions): () => FakeConsoleApi {
  let api: FakeConsoleApi | undefined;
  before(async () => {
    api = await FakeConsoleApi.start({ ...options, key });
    await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!.activate();
    assert.equal(await run<boolean>('connectionAnalytics.setApiKey', { apiKey: key }), true);
  });
  afterEach(async () => {
    api?.setFault(undefined);
    await config().update('defaultLimit', undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await api?.close();
  });
  return () => {
    assert.ok(api, 'the fake API is not started: useFakeApi() must be called inside describe()');
    return api;
  };
}

/**
 * The default profile as the settings make it (`connectionAnalytics.baseUrl`), with no switch: for tests
 * that build an ApiKeyStore or a ClientFactory of their own.
 */
export const settingsProfile = {
  get active(): { readonly name: string; readonly baseUrl: string } {
    return { name: 'default', baseUrl: config().get<string>('baseUrl', '') };
  },
  onDidChange: new vscode.EventEmitter<unknown>().event,
};
