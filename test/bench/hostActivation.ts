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
  /**
   * The extension's `activate()` call alone, as VS Code's own activation counter (activateCallTime)
   * times it: the call, from VS Code's side, to its return.
   */
  readonly activateCallMs: number;
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
  if (!extension || extension.isActive) {
    throw new Error(`${EXTENSION_ID} must be installed and not yet active`);
  }
  const api = await FakeConsoleApi.start({ key: KEY, seed: 7, connections: 200 });
  try {
    await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    const started = performance.now();
    const main = path.join(extension.extensionPath, extension.packageJSON.main as string);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- timed apart from activate(); VS Code then finds it loaded
    const module = require(main) as { activate: (context: vscode.ExtensionContext) => unknown; deactivate?: () => unknown };
    const loadMs = performance.now() - started;
    // VS Code requires the main file through Node's module cache: what it finds there is this wrapper,
    // which times the call as VS Code's own counter does.
    let activateCallMs = Number.NaN;
    const cached = require.cache[require.resolve(main)];
    if (!cached) {
      throw new Error(`${main} is not in the module cache`);
    }
    cached.exports = {
      activate: (context: vscode.ExtensionContext) => {
        const called = performance.now();
        try {
          return module.activate(context);
        } finally {
          activateCallMs = performance.now() - called;
        }
      },
      deactivate: module.deactivate,
    };
    await extension.activate();
    if (Number.isNaN(activateCallMs)) {
      throw new Error('VS Code did not call activate() through the module cache: the measurement would be of something else');
    }
    const hostActivationMs = markSpan(
      `code/extHost/willActivateExtension/${EXTENSION_ID}`,
      `code/extHost/didActivateExtension/${EXTENSION_ID}`,
    );
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
      activateCallMs,
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
