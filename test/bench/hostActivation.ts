import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { FakeConsoleApi } from '../fake-api/server';
import { config, EXTENSION_ID, run as command } from '../integration/host';

/**
 * Loaded by the real extension host as `extensionTestsPath` (activationSuite.ts starts it through the
 * integration harness, in a fresh VS Code each round): the extension's activation as VS Code's own
 * performance marks record it (it activates by itself once start-up has finished), written as JSON to
 * CA_BENCH_OUT. Bytes loaded are the extension's files in the host's module cache; the first data is
 * the Connections view's first connections after a key is set and a query runs.
 */
const KEY = 'bench-activation-key-4c1e';

export interface ActivationReport {
  /** Loading the main bundle (parse and top level), by VS Code's marks `willLoadExtensionCode` → `didLoadExtensionCode`. */
  readonly loadMs: number;
  /**
   * Activation as a whole, from VS Code's `willActivateExtension` mark to its `didActivateExtension`: the
   * host's work to make the extension context (state, secrets, storage, over IPC) and the call.
   */
  readonly hostActivationMs: number;
  readonly firstDataMs: number;
  readonly loadedAtActivation: Readonly<Record<string, number>>;
  readonly loadedAfterQuery: Readonly<Record<string, number>>;
}

/** The extension's own files in the module cache, with their sizes. */
function loadedFiles(root: string): Record<string, number> {
  const files: Record<string, number> = {};
  for (const file of Object.keys(require.cache)) {
    const relative = path.relative(root, file);
    // Neither this measuring code (out/) nor the VS Code it runs in (.vscode-test/, inside the checkout) is the extension's.
    const harness = relative.startsWith(`out${path.sep}`) || relative.startsWith(`.vscode-test${path.sep}`);
    if (!relative.startsWith('..') && !path.isAbsolute(relative) && !harness) {
      files[relative] = fs.statSync(file).size;
    }
  }
  return files;
}

/** Milliseconds between two of VS Code's performance marks in this extension host (vs/base/common/performance). */
function markSpan(from: string, to: string): number {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  const all = marks?.getMarks() ?? [];
  const at = (name: string) => all.find((mark) => mark.name.toLowerCase() === name.toLowerCase())?.startTime;
  const start = at(from);
  const end = at(to);
  if (start === undefined || end === undefined) {
    throw new Error(`VS Code's marks ${from} and ${to} are missing: ${all.map((m) => m.name).join(', ')}`);
  }
  return end - start;
}

export async function run(): Promise<void> {
  const out = process.env.CA_BENCH_OUT;
  if (!out) {
    throw new Error('CA_BENCH_OUT is not set');
  }
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} must be installed`);
  }
  const api = await FakeConsoleApi.start({ key: KEY, seed: 7, connections: 200 });
  try {
    // The extension activates by itself once VS Code has finished starting (onStartupFinished), as it
    // does for every user: what it cost is read from VS Code's own marks, not timed from here.
    while (!extension.isActive) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const id = EXTENSION_ID;
    const loadMs = markSpan(`code/extHost/willLoadExtensionCode/${id}`, `code/extHost/didLoadExtensionCode/${id}`);
    const hostActivationMs = markSpan(`code/extHost/willActivateExtension/${id}`, `code/extHost/didActivateExtension/${id}`);
    const loadedAtActivation = loadedFiles(extension.extensionPath);
    if (!Object.keys(loadedAtActivation).some((file) => file.endsWith('extension.js'))) {
      throw new Error(`the extension's main file is not in the module cache: ${JSON.stringify(loadedAtActivation)}`);
    }
    await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    const started = performance.now();
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
      hostActivationMs,
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
