/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { EVENTS_PATH, STATUS_PATH, SUMMARY_PATH, type FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/** The server's clock stands still, so that its active set is the same whenever the test asks. */
const NOW = Date.now();

type Row = Record<string, unknown>;

/**
 * "Connected Now", the summary strip and the status bar item in a real VS
 * Code, against the fake API's own answers: the rows are its active set, a
 * connection whose status record disagrees with its events is flagged, the
 * strip shows its summary's totals, the status bar item the query's counts.
 */
describe('UI: connected now, the summary and the status bar', function () {
  this.timeout(180_000);
  const session = useWorkbench('now', { api: { key: 'demo', seed: 5, connections: 120, now: NOW, clock: () => NOW } });
  let api: FakeConsoleApi;
  let workbench: Workbench;
  let pane: Locator;
  let panel: FrameLocator;
  /** A connection whose disconnect is among the newest events: the status endpoint is made to call it active. */
  let flipped: string;

  before(() => {
    ({ api, workbench } = session());
    pane = workbench.page.locator('.pane').filter({ has: workbench.page.locator('.pane-header', { hasText: 'Connected Now' }) });
    panel = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const closed = api.dataset.connections.filter((c) => c.closed);
    const lastMs = (c: (typeof closed)[number]) => c.events[c.events.length - 1]!.ms;
    flipped = closed.reduce((newest, c) => (lastMs(c) > lastMs(newest) ? c : newest)).connectionId;
    api.flippedStatus.add(flipped);
  });

  /** What the fake API answers, asked as any client would. */
  async function ask(path: string, params: Record<string, string>): Promise<Row[]> {
    const url = new URL(api.url + path);
    for (const [name, value] of Object.entries(params)) {
      url.searchParams.set(name, value);
    }
    const response = await fetch(url, { headers: { Authorization: api.key } });
    assert.equal(response.status, 200);
    return (await response.json()) as Row[];
  }

  /** The labels of every row of the view, read by keyboard one row after another: the list is virtualised. */
  async function rowLabels(): Promise<string[]> {
    await workbench.runCommand('Connection Analytics: Focus on Connected Now View');
    await pane.locator('.monaco-list:focus-within').waitFor();
    await workbench.page.keyboard.press('Home');
    const labels: string[] = [];
    for (let position = 1; ; position++) {
      const focused = pane.locator(`.monaco-list-row.focused[aria-posinset="${position}"]`);
      await focused.waitFor();
      labels.push((await focused.locator('.label-name').innerText()).trim());
      if (Number(await focused.getAttribute('aria-setsize')) === position) {
        return labels;
      }
      await workbench.page.keyboard.press('ArrowDown');
    }
  }

  /**
   * Hovers `target` until a tooltip with `text` shows. The view brings its "x s ago" up to date
   * every few seconds, and that re-render closes a tooltip: hover again when it did.
   */
  async function hoverUntil(target: Locator, text: string): Promise<void> {
    const tooltip = workbench.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: text }).first();
    for (let attempt = 1; ; attempt++) {
      await workbench.page.mouse.move(0, 0);
      await target.hover();
      try {
        await tooltip.waitFor({ timeout: 5000 });
        return;
      } catch (error) {
        if (attempt === 5) {
          throw error;
        }
      }
    }
  }

  it('lists the API’s active set, and flags the connection whose events say it closed', async () => {
    await workbench.setApiKeyFromWelcome('demo');
    const active = (await ask(STATUS_PATH, { activeOnly: 'true', limit: '100000' })).map((r) => r.connectionId as string);
    assert.ok(active.includes(flipped) && active.length > 3, `${active.length} active`);
    await pane.locator(`.monaco-list-row[aria-setsize="${active.length}"]`).first().waitFor();
    assert.deepEqual((await rowLabels()).sort(), [...active].sort());
    // Nothing to disagree with before a query.
    assert.equal(await pane.locator('.monaco-list-row', { hasText: 'closed in the events shown' }).count(), 0);

    await workbench.queryFromPalette('Last 24 hours');
    const row = pane.locator('.monaco-list-row', { hasText: flipped });
    await row.filter({ hasText: 'closed in the events shown' }).waitFor();
    await row.locator('.codicon-warning').waitFor();
    await pane.locator('.message', { hasText: '1 flagged: the events shown disagree' }).waitFor();
    // Every other row agrees: the fake API's events and status records agree but for the flipped one.
    assert.equal(await pane.locator('.monaco-list-row .codicon-warning').count(), 1);
    await workbench.clearNotifications();
    await hoverUntil(row, 'The status endpoint says it is active, but the events shown hold its disconnect.');
    await workbench.screenshot('19-connected-now');
  });

  it('runs Query This Connection on the row chosen', async () => {
    await rowLabels();
    await workbench.page.keyboard.press('Home');
    const first = (await pane.locator('.monaco-list-row.focused[aria-posinset="1"] .label-name').innerText()).trim();
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForResults(new RegExp(first));
    const events = api.requests.filter((r) => r.path === EVENTS_PATH);
    assert.equal(events.at(-1)?.query.connectionId, first);
  });

  it('shows the query’s counts in the status bar, its host in the tooltip, and opens the panel on a click', async () => {
    await workbench.queryFromPalette('Last 24 hours');
    // The connection's query above matches any finished result: wait for this one's.
    await workbench.waitForResults(/^last 24 h · limit 1000 · \d+ connections, 1000 events/);
    const message = await workbench.viewMessage.innerText();
    const connections = /(\d+) connections, 1000 events/.exec(message)?.[1];
    assert.ok(connections, message);
    const item = workbench.page.locator('.statusbar-item', {
      hasText: new RegExp(`24 h · ${connections} conn · 1,000 events · (just now|\\d+ s ago)`),
    });
    await item.waitFor();
    await item.hover();
    const host = new URL(api.url).host;
    await workbench.page
      .locator('.monaco-hover, .workbench-hover')
      .filter({ hasText: `Connection Analytics on ${host}` })
      // Its time names its zone, as every tooltip's does.
      .filter({ hasText: /Last run \(local, UTC[+-]\d\d:\d\d\): \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/ })
      .first()
      .waitFor();
    await workbench.screenshot('21-status-bar');
    await item.click();
    await panel.locator('.banner', { hasText: `${connections} connections, 1000 events` }).waitFor();
  });

  it('shows the summary endpoint’s totals for the window in the panel', async () => {
    const records = await ask(SUMMARY_PATH, { minutes: '1440' });
    const total = records.reduce((sum, r) => sum + (r.totalConnections as number), 0);
    const fresh = records.reduce((sum, r) => sum + (r.newConnectionsInPeriod as number), 0);
    const strip = panel.locator('.summary-strip[data-state="ok"]');
    await strip.locator('.summary-headline', { hasText: `Summary: ${total} connections in the window, ${fresh} new` }).waitFor();
    const byService = new Map<string, number>();
    for (const r of records) {
      byService.set(r.serviceName as string, (byService.get(r.serviceName as string) ?? 0) + (r.totalConnections as number));
    }
    const services = await strip.locator('.summary-group', { hasText: 'Services:' }).innerText();
    for (const [service, count] of byService) {
      assert.ok(services.includes(`${service} ${count}`), `${service} ${count} in ${services}`);
    }
    await workbench.screenshot('20-summary-strip');
  });

  it('keeps the rows when a refresh of Connected Now fails, and says so', async () => {
    // The rows on screen, before and after: the same, in the same order.
    const shown = () => pane.locator('.monaco-list-row .label-name').allInnerTexts();
    const before = await shown();
    assert.ok(before.length > 3, before.join(','));
    api.setFault({ status: 401, times: 1, path: STATUS_PATH });
    await workbench.runCommand('Connection Analytics: Refresh Connected Now');
    await workbench.notifications.filter({ hasText: 'Loading the active connections failed' }).waitFor();
    await pane.locator('.message', { hasText: 'The last refresh failed; showing the rows it had.' }).waitFor();
    assert.deepEqual(await shown(), before);
    await workbench.screenshot('22-connected-now-error');
  });
});
