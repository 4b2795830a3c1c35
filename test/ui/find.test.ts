import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { FakeConnection } from '../fake-api/data';
import type { FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

const DAY = 86_400_000;

/**
 * Show Connection and the empty result's explanation as a person meets them in a real VS Code: a log line
 * pasted into Show Connection brings the connection's whole life into the
 * tree and the panel; a query that finds nothing says why, and one button
 * runs the corrected query.
 */
describe('UI: find a connection, and why a query is empty', function () {
  this.timeout(180_000);
  const session = useWorkbench('find', { api: { key: 'demo', seed: 3, connections: 300 } });
  let api: FakeConsoleApi;
  let workbench: Workbench;
  let panel: FrameLocator;
  let target: FakeConnection;

  before(() => {
    ({ api, workbench } = session());
    panel = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const now = api.dataset.generatedAt;
    target = api.dataset.connections.find(
      (c) => c.closed && c.events.length >= 15 && c.events.length <= 60 && c.events[0]!.ms > now - 6 * DAY,
    )!;
    assert.ok(target, 'the seed has a closed connection of 15 to 60 events in the last 6 days');
  });

  it('shows a connection from a pasted log line, from connect to disconnect, with its heartbeats', async () => {
    await workbench.setApiKeyFromWelcome('demo');
    await workbench.clearNotifications();
    const other = api.dataset.connections.find((c) => c !== target)!;
    const line = `2026-04-20 19:58:38,551 WARN  [feed-client] <ws> reconnecting: {"connectionId":"${target.connectionId}","previous":"${other.connectionId}","code":1006}`;
    await workbench.runCommand('Connection Analytics: Show Connection');
    await workbench.waitForQuickInput('any text with connection or API key IDs');
    // Nothing, or text with no ID: the box stays open with what was typed, and says why.
    const input = workbench.quickInput.locator('input');
    for (const text of ['', 'the socket closed again']) {
      await input.fill(text);
      await workbench.page.keyboard.press('Enter');
      await workbench.waitForQuickInput('holds no connection ID');
      assert.equal(await input.inputValue(), text);
    }
    await input.fill(line);
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput('2 IDs found: which one?');
    await workbench.focusEntry(target.connectionId);
    await workbench.screenshot('15-show-connection-pick');
    await workbench.page.keyboard.press('Enter');

    const heartbeats = target.events.filter((e) => e.record.eventType === 'heartbeat').length;
    await workbench.waitForResults(new RegExp(`${target.connectionId} · limit 1000 · 1 connection, ${target.events.length} events`));
    await panel.locator('.chip[data-type="heartbeat"]', { hasText: `heartbeat ${heartbeats}` }).waitFor();
    assert.equal(await panel.getByLabel('Filter loaded events').inputValue(), target.connectionId, 'the panel narrowed to it');

    // The tree, by keyboard: the connection, its first event, its last.
    await workbench.focusTree();
    assert.match(await workbench.treeRows.first().innerText(), new RegExp(target.connectionId));
    await workbench.page.keyboard.press('ArrowRight');
    await workbench.view.locator('.monaco-list-row[aria-level="2"]').first().waitFor();
    await workbench.page.keyboard.press('ArrowDown');
    const focused = workbench.view.locator('.monaco-list-row.focused[aria-level="2"] .label-name');
    await focused.filter({ hasText: /^connect$/ }).waitFor();
    await workbench.page.keyboard.press('End');
    await focused.filter({ hasText: /^disconnect$/ }).waitFor();
    await workbench.clearNotifications();
    await workbench.screenshot('16-show-connection');
  });

  it('says which filter emptied a query, with at most two extra requests, and Use Suggested Query runs the correction', async () => {
    await panel.getByLabel('Filter loaded events').fill('');
    const before = api.eventRequests.length;
    await panel.locator('#f-connectionId').fill('');
    await panel.locator('#f-range').selectOption('60');
    await panel.locator('#f-serviceName').fill('coinapi-wss');
    await panel.getByRole('button', { name: 'Apply' }).click();
    const explanation = panel.locator('.empty-state .explanation');
    await explanation.waitFor();
    // The sample is the window's newest 1000 events, unfiltered: count coinapi-ws among them as the API holds them.
    const sample = api.dataset.events.slice(0, 1000);
    assert.ok(sample.at(-1)!.ms > Date.now() - 50 * 60_000, 'the last hour holds more than 1000 events');
    const ws = sample.filter((e) => e.record.serviceName === 'coinapi-ws').length;
    assert.equal(
      await explanation.innerText(),
      `No events for Service "coinapi-wss" in last 60 min; "coinapi-ws" had ${ws} of the newest 1000 events: use it?`,
    );
    await workbench.viewMessage
      .filter({ hasText: /coinapi-wss · limit 1000 · 0 connections, 0 events\. No events for Service "coinapi-wss"/ })
      .filter({ hasText: 'Use Suggested Query: the lightbulb above' })
      .waitFor();
    const sent = api.eventRequests.slice(before);
    assert.equal(sent[0]?.query.serviceName, 'coinapi-wss');
    assert.ok(sent.length - 1 <= 2, `${sent.length - 1} extra requests`);

    // The view offers the correction in its title bar too. Its header shows its actions only
    // while hovered or focused, so the action is looked for in the header, not for being visible.
    const connectionsHeader = workbench.page
      .locator('.part.sidebar .pane-header')
      .filter({ has: workbench.page.locator('h3.title', { hasText: /^Connections$/ }) });
    await connectionsHeader.locator('a.action-label[aria-label^="Use Suggested Query"]').waitFor({ state: 'attached' });
    await workbench.clearNotifications();
    await workbench.screenshot('17-empty-explained');

    const beforeUse = api.eventRequests.length;
    await panel.getByRole('button', { name: 'Use Suggested Query' }).click();
    await workbench.waitForResults(/coinapi-ws · limit 1000 · [1-9]\d* connections/);
    await panel.locator('.banner', { hasText: 'coinapi-ws ·' }).waitFor();
    assert.deepEqual(
      api.eventRequests.slice(beforeUse).map((r) => r.query),
      [{ minutes: '60', serviceName: 'coinapi-ws', limit: '1000' }],
    );
    await workbench.screenshot('18-suggestion-applied');
  });
});
