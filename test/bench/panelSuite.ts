import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { groupByConnection } from '../../src/core/grouping';
import type { QueryOutcome } from '../../src/core/queryState';
import { toRows } from '../../src/core/table';
import type { HostMessage } from '../../src/shared/protocol';
import { PanelResults } from '../../src/views/panelResults';
import { PanelPage } from '../webview/page';
import { STATUS } from '../webview/fixtures';
import { BUDGET_EVENTS, perEventBudget, type BenchContext, type Figure } from './figures';
import { treeRatioFigure, treeTimeFigure } from './treeFigures';
import { buildTree, pagedTree } from './treeWork';
import { MAX_RESPONSE_MEGABYTES } from '../../src/core/settings';
import { bodyBytesPerEvent, EVENTS_PER_CONNECTION, makeEvents } from './workload';

/**
 * The tree and panel budgets as figures, for the bench harness to run (this suite
 * alone: `BENCH_SUITES=panel npm run bench`). Medians of `rounds` rounds, each after a full garbage
 * collection so that one round does not pay for the last one's garbage. Quick mode gives only
 * what a noisy machine cannot swing: byte sizes and ratios to work measured in the same run.
 * The panel's timings are taken in Chromium on the real webview bundle (`npm run build` first).
 */

const MiB = 1024 * 1024;

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const rounds = Math.max(5, ctx.rounds);
  const figures: Figure[] = [];
  const perEvent = bodyBytesPerEvent();
  for (const size of ctx.sizes) {
    const events = makeEvents(size, Math.max(1, Math.round(size / EVENTS_PER_CONNECTION)));
    const connections = groupByConnection(events, { rangeEndMs: Date.now() });
    const outcome = {
      query: { minutes: 1440 },
      connections,
      limit: size,
      limitReached: false,
      pages: 1,
      invalidCount: 0,
      completedAt: new Date(),
    } as unknown as QueryOutcome;

    // The tree, against a walk over the events that reads each one's ID and connection. A result larger than one
    // response can be (over maxResponseMegabytes' maximum, refused before download) is reached by Load Older, a
    // page at a time: its figure is the last page of BUDGET_EVENTS events added, QueryState's path.
    const paged = size * perEvent > MAX_RESPONSE_MEGABYTES * MiB;
    const tree = paged ? medianPrepared(rounds, pagedTree(events, BUDGET_EVENTS).prepare) : median(rounds, () => buildTree(events));
    const walk = median(rounds, () => walkEvents(events));
    const times = { size, paged, tree, walk };
    const ratio = treeRatioFigure(times);
    if (ratio) {
      figures.push(ratio);
    }

    // The panel's messages: what the host posts for this result.
    const messages = await hostMessages(outcome);
    const sizes = messages.map((m) => JSON.stringify(m).length);
    const oneMessage = JSON.stringify({ type: 'results', rows: toRows(connections) }).length;
    figures.push(
      { name: 'panel: largest message', size, value: Math.max(...sizes) / MiB, unit: 'MiB', budget: { max: 2, quick: 2 } },
      { name: 'panel: all messages together', size, value: sizes.reduce((a, b) => a + b, 0) / MiB, unit: 'MiB' },
      { name: 'panel: the one message of rows as objects (before #12)', size, value: oneMessage / MiB, unit: 'MiB' },
    );
    if (!ctx.quick) {
      figures.push(treeTimeFigure(times));
      figures.push(...(await panelTimings(messages, size, rounds)));
    }
  }
  return figures;
}

function walkEvents(events: ReturnType<typeof makeEvents>): number {
  const ids = new Set<string>();
  for (const event of events) {
    ids.add(event.connectionId);
  }
  return ids.size;
}

async function hostMessages(outcome: QueryOutcome): Promise<HostMessage[]> {
  const messages: HostMessage[] = [];
  await new PanelResults().send(outcome, 'local', (message) => Promise.resolve(messages.push(message) > 0));
  return messages;
}

/** In Chromium: first paint, all rows in, a jump to the last row, a keystroke in the quick filter. */
async function panelTimings(messages: readonly HostMessage[], size: number, rounds: number): Promise<Figure[]> {
  const samples = { first: [] as number[], all: [] as number[], end: [] as number[], key: [] as number[] };
  const panel = await PanelPage.open();
  try {
    for (let round = 0; round <= rounds; round++) {
      await panel.send(STATUS);
      // Handed over one message at a time, as the host posts them: one string of a million rows' messages would
      // be hundreds of MiB in one protocol message, which closes the browser.
      await panel.page.evaluate(() => {
        (globalThis as unknown as BenchWindow).caBenchMessages = [];
      });
      for (const message of messages) {
        await panel.page.evaluate((json) => {
          (globalThis as unknown as BenchWindow).caBenchMessages.push(JSON.parse(json));
        }, JSON.stringify(message));
      }
      const t = await panel.page.evaluate(measureInPage);
      // The first round warms the page up.
      if (round > 0) {
        samples.first.push(t.first);
        samples.all.push(t.all);
        samples.end.push(t.end);
        samples.key.push(...t.keys);
      }
      await panel.page.reload();
      await panel.page.locator('form.filters').waitFor();
    }
  } finally {
    await panel.close();
  }
  const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return [
    { name: 'panel: result received to first table painted', size, value: middle(samples.first), unit: 'ms', budget: { max: 150 } },
    { name: 'panel: result received to every row in the table', size, value: middle(samples.all), unit: 'ms' },
    { name: 'panel: End key to the last row painted', size, value: middle(samples.end), unit: 'ms', budget: { max: 150 } },
    {
      name: 'panel: quick filter keystroke to table painted',
      size,
      value: middle(samples.key),
      unit: 'ms',
      budget: { max: perEventBudget(50, size) },
    },
  ];
}

/** The page's global that holds the messages of a round until it delivers them. */
interface BenchWindow {
  caBenchMessages: unknown[];
}

/** Runs in the page: delivers the messages as the host would, timing each step to the next painted frame. */
async function measureInPage(): Promise<{ first: number; all: number; end: number; keys: number[] }> {
  const w = globalThis as unknown as {
    postMessage(m: unknown, origin: string): void;
    addEventListener(type: string, listener: () => void, options: { once: true }): void;
    requestAnimationFrame(callback: () => void): void;
    setTimeout(callback: () => void, ms: number): void;
    document: {
      querySelector(selector: string): { focus(): void; dispatchEvent(e: unknown): void; value: string } | null;
      querySelectorAll(selector: string): { length: number };
    };
    KeyboardEvent: new (type: string, init: object) => unknown;
    Event: new (type: string, init: object) => unknown;
    caBenchMessages: unknown[];
  };
  const messages = w.caBenchMessages;
  w.caBenchMessages = [];
  // After the handler has run, the next frame, and the task after it: the frame has been painted.
  const painted = () => new Promise<void>((resolve) => w.requestAnimationFrame(() => w.setTimeout(resolve, 0)));
  const deliver = (message: unknown) =>
    new Promise<void>((resolve) => {
      w.addEventListener('message', () => resolve(), { once: true });
      w.postMessage(message, '*');
    });
  const start = performance.now();
  await deliver(messages[0]);
  await painted();
  const first = performance.now() - start;
  for (const message of messages.slice(1)) {
    await deliver(message);
  }
  await painted();
  const all = performance.now() - start;
  const grid = w.document.querySelector('.grid')!;
  grid.focus();
  let begin = performance.now();
  grid.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'End', bubbles: true }));
  await painted();
  const end = performance.now() - begin;
  const input = w.document.querySelector('input[type=search]')!;
  const keys: number[] = [];
  for (const text of ['c', 'co', 'con', 'conn', 'conn_', 'conn_0', 'h', 'he', 'hea', 'heartbeat', '2026', 'x', '']) {
    begin = performance.now();
    input.value = text;
    input.dispatchEvent(new w.Event('input', { bubbles: true }));
    await painted();
    keys.push(performance.now() - begin);
  }
  return { first, all, end, keys };
}

const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

function median(rounds: number, work: () => unknown): number {
  return medianPrepared(rounds, () => work);
}

/** The median time of `rounds` runs of the work `prepare` returns, each prepared untimed, after a warm-up. */
function medianPrepared(rounds: number, prepare: () => () => unknown): number {
  prepare()(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const work = prepare();
    gc();
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}
