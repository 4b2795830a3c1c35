import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { FakeConsoleApi } from '../fake-api/server';
import { config, EXTENSION_ID, run as command } from '../integration/host';

/**
 * Loaded by the real extension host as `extensionTestsPath` (activationSuite.ts
 * starts it through the integration harness, in a fresh VS Code each round):
 * the extension's activation, measured from outside it, written as JSON to
 * CA_BENCH_OUT. Bytes loaded are the extension's files in the host's module
 * cache; the first data is the Connections view's first connections after
 * activation, a key check and a query.
 */
const KEY = 'bench-activation-key-4c1e';

export interface ActivationReport {
  /** Requiring the main bundle (parse and top level), before VS Code activates it. */
  readonly loadMs: number;
  /** `activate()` as VS Code runs it, the bundle already loaded: the host's own work and the extension's. */
  readonly activationMs: number;
  readonly firstDataMs: number;
  readonly loadedAtActivation: Readonly<Record<string, number>>;
  readonly loadedAfterQuery: Readonly<Record<string, number>>;
}

/** The extension's own files in the module cache, with their sizes. */
function loadedFiles(root: string): Record<string, number> {
  const files: Record<string, number> = {};
  for (const file of Object.keys(require.cache)) {
    const relative = path.relative(root, file);
    // This measuring code lives under out/: it is not the extension's.
    if (!relative.startsWith('..') && !path.isAbsolute(relative) && !relative.startsWith(`out${path.sep}`)) {
      files[relative] = fs.statSync(file).size;
    }
  }
  return files;
}

export async function run(): Promise<void> {
  const out = process.env.CA_BENCH_OUT;
  if (!out) {
    throw new Error('CA_BENCH_OUT is not set');
  }
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID);
  if (!extension || extension.isActive) {
    throw new Error(`${EXTENSION_ID} must be installed and not yet active`);
  }
  const api = await FakeConsoleApi.start({ key: KEY, seed: 7, connections: 200 });
  try {
    await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    const started = performance.now();
    const main = path.join(extension.extensionPath, extension.packageJSON.main as string);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- timed apart from activate(); VS Code then finds it loaded
    require(main);
    const loaded = performance.now();
    await extension.activate();
    const activationMs = performance.now() - loaded;
    const loadMs = loaded - started;
    const loadedAtActivation = loadedFiles(extension.extensionPath);
    if (!Object.keys(loadedAtActivation).some((file) => file.endsWith('extension.js'))) {
      throw new Error(`the extension's main file is not in the module cache: ${JSON.stringify(loadedAtActivation)}`);
    }
    if ((await command<boolean>('connectionAnalytics.setApiKey', { apiKey: KEY })) !== true) {
      throw new Error('the key was refused');
    }
    const result = await command('connectionAnalytics.queryEvents', { limit: 1_000 });
    if (result?.status !== 'ok') {
      throw new Error(`the query did not succeed: ${JSON.stringify(result)}`);
    }
    while (((await extension.exports.connectionsTree.getChildren()) ?? []).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const firstDataMs = performance.now() - started;
    const report: ActivationReport = {
      loadMs,
      activationMs,
      firstDataMs,
      loadedAtActivation,
      loadedAfterQuery: loadedFiles(extension.extensionPath),
    };
    fs.writeFileSync(out, JSON.stringify(report));
  } finally {
    await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await api.close();
  }
}
