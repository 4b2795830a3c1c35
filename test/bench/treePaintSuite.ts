/// <reference lib="dom" />
import { Commands } from '../../src/constants';
import { DEFAULT_SETTINGS, MAX_RESPONSE_SETTING } from '../../src/core/settings';
import type { EventRecord } from '../fake-api/data';
import { FakeConsoleApi } from '../fake-api/server';
import { until, Workbench } from '../vscode/workbench';
import { median, type BenchContext, type Figure } from './figures';
import { formatSize } from './report';
import { bodyBytesPerEvent, EVENTS_PER_CONNECTION, makeRecords } from './workload';

/**
 * The budget "first paint of the tree in real VS Code after the data arrives": the packaged
 * extension in code-server and Chromium (the UI harness), against the fake Console API serving
 * N events over N/10 connections. A query runs as a keybinding runs it (`queryEvents` with its
 * argument, from the user's keybindings.json); each round is timed from the moment the fake API
 * finished sending the body to the frame, painted, in which the Connections view first shows the
 * round's rows. One VS Code per size; rounds alternate between two sets of records of the same shape
 * (two API keys, the query filtered by one), so that every round replaces the rows shown before,
 * as a new query does, and its own rows are told apart by their connection IDs. The first query of a
 * size is a warm-up (it loads the client and fills the empty tree). Full runs only.
 */
const KEY = 'bench-tree-paint-key-7d2a';
/** The figure the issue budgets, and the size it budgets it at. */
const BUDGET = { max: 1000 };
const BUDGET_SIZE = 100_000;
const SETS = ['a', 'b'] as const;
type RecordSet = (typeof SETS)[number];
/** Each set's API key ID, connection ID prefix and keybinding (VS Code's spelling, and Playwright's). */
const apiKeyIdOf = (set: RecordSet) => `f1e2d3c4-b5a6-4879-8765-00000000000${set}`;
const prefixOf = (set: RecordSet) => `conn_${set}_`;
const KEYS: Readonly<Record<RecordSet, { readonly vscode: string; readonly playwright: string }>> = {
  a: { vscode: 'ctrl+alt+shift+f7', playwright: 'Control+Alt+Shift+F7' },
  b: { vscode: 'ctrl+alt+shift+f8', playwright: 'Control+Alt+Shift+F8' },
};
/** What the extension reads at most with its default settings: a larger response is refused while it streams in. */
const MAX_BODY_BYTES = DEFAULT_SETTINGS.maxResponseMegabytes * 1024 * 1024;
const ROUND_TIMEOUT_MS = 180_000;

export async function run(ctx: BenchContext): Promise<Figure[]> {
  if (ctx.quick) {
    return [];
  }
  const figures: Figure[] = [];
  const perEvent = bodyBytesPerEvent();
  for (const size of ctx.sizes) {
    if (size * perEvent > MAX_BODY_BYTES) {
      // Not measured: the extension refuses the body, as it would a user's (MAX_RESPONSE_SETTING's default).
      console.log(
        `treePaint: ${formatSize(size)} events skipped: about ${Math.round((size * perEvent) / 2 ** 20)} MiB, over the ${DEFAULT_SETTINGS.maxResponseMegabytes} MiB the extension reads by default (${MAX_RESPONSE_SETTING})`,
      );
      continue;
    }
    const samples = await measureSize(size, ctx.rounds);
    figures.push({
      name: 'tree: data received to first rows painted (real VS Code)',
      size,
      value: median(samples),
      unit: 'ms',
      budget: size === BUDGET_SIZE ? BUDGET : undefined,
    });
  }
  return figures;
}

/** The set's records: the workload with the set's API key ID and connection ID prefix. */
function recordsOf(set: RecordSet, size: number): EventRecord[] {
  return makeRecords(size, Math.max(1, Math.round(size / EVENTS_PER_CONNECTION)), Date.now()).map((record) => ({
    ...record,
    apikeyId: apiKeyIdOf(set),
    connectionId: record.connectionId.replace(/^conn_/, prefixOf(set)),
  }));
}

/** One VS Code, a warm-up query, then `rounds` measured ones; the milliseconds of each. */
async function measureSize(size: number, rounds: number): Promise<number[]> {
  const bySet = new Map(SETS.map((set) => [set, recordsOf(set, size)] as const));
  const connections = new Set(bySet.get('a')!.map((r) => r.connectionId)).size;
  const api = await FakeConsoleApi.start({ key: KEY, records: [...bySet.values()].flat() });
  let workbench: Workbench | undefined;
  try {
    workbench = await Workbench.open({
      settings: { 'connectionAnalytics.baseUrl': api.url },
      keybindings: SETS.map((set) => ({
        key: KEYS[set].vscode,
        command: Commands.queryEvents,
        args: { apiKeyId: apiKeyIdOf(set), limit: size },
      })),
    });
    // A round of 100k events on a busy machine can take longer than Playwright's default 30 s wait.
    workbench.page.setDefaultTimeout(ROUND_TIMEOUT_MS);
    await workbench.setApiKeyFromWelcome(KEY);
    const samples: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      // b first (the warm-up), then a, b, a…: each round shows rows the one before did not.
      const ms = await measureRound(workbench, api, SETS[(round + 1) % 2]!, size, connections);
      if (round > 0) {
        samples.push(ms);
      }
    }
    return samples;
  } catch (error) {
    const report = workbench ? `\n${await workbench.report(`bench-tree-paint-${size}`)}` : '';
    throw new Error(`treePaint at ${formatSize(size)} events: ${String(error)}${report}`, { cause: error });
  } finally {
    await workbench?.close();
    await api.close();
  }
}

async function measureRound(workbench: Workbench, api: FakeConsoleApi, set: RecordSet, size: number, connections: number): Promise<number> {
  const { page } = workbench;
  const requests = api.eventRequests.length;
  await page.evaluate(watchForRows, prefixOf(set));
  await page.keyboard.press(KEYS[set].playwright);
  await page.waitForFunction(() => (window as PaintWindow).caTreePainted !== undefined, undefined, { timeout: ROUND_TIMEOUT_MS });
  await until(() => api.eventRequests[requests]?.finishedAt !== undefined, 'the end of the response', ROUND_TIMEOUT_MS);
  // The round is over when the view says the result is in, not refreshing any more.
  await workbench.waitForResults(new RegExp(`${connections} connections, ${size} events`));
  const request = api.eventRequests[requests]!;
  if (api.eventRequests.length !== requests + 1 || request.query.apiKeyId !== apiKeyIdOf(set) || request.query.limit !== String(size)) {
    throw new Error(`expected one query of set ${set}, saw ${JSON.stringify(api.eventRequests.slice(requests).map((r) => r.query))}`);
  }
  const painted = await page.evaluate(() => (window as PaintWindow).caTreePainted!);
  return painted - request.finishedAt!;
}

interface PaintWindow extends Window {
  /** Epoch ms of the frame, painted, in which the watched rows first showed. */
  caTreePainted?: number;
}

/**
 * Runs in the page before the query: watches the Connections view for a row whose label starts with
 * `prefix` and records, in epoch ms on the page's clock, the moment after the next frame is painted.
 */
function watchForRows(prefix: string): void {
  const w = window as PaintWindow;
  w.caTreePainted = undefined;
  const pane = Array.from(document.querySelectorAll('.pane')).find((p) =>
    /Connections/i.test(p.querySelector('.pane-header')?.textContent ?? ''),
  );
  if (!pane) {
    throw new Error('the Connections view is not open');
  }
  const shown = () =>
    Array.from(pane.querySelectorAll('.monaco-list-row .label-name')).some((label) => label.textContent?.trim().startsWith(prefix));
  if (shown()) {
    throw new Error(`rows starting with ${prefix} are shown before the query`);
  }
  const observer = new MutationObserver(() => {
    if (shown()) {
      observer.disconnect();
      // After the frame that shows them, and the task after it: the frame has been painted (as the panel's timings do).
      requestAnimationFrame(() => setTimeout(() => (w.caTreePainted = performance.timeOrigin + performance.now()), 0));
    }
  });
  observer.observe(pane, { subtree: true, childList: true, characterData: true });
}
