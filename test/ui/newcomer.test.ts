import * as assert from 'node:assert/strict';
import { EVENTS_PATH, type FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/**
 * What a person sees: the packaged extension in a real VS Code workbench,
 * driven in headless Chromium as a newcomer would, one step after another.
 * Each step leaves a screenshot in media/screenshots/ for the README.
 */
describe('UI: a newcomer in VS Code', function () {
  this.timeout(120_000);
  const session = useWorkbench('newcomer', { api: { key: 'demo', seed: 1, connections: 300 } });
  let api: FakeConsoleApi;
  let workbench: Workbench;

  before(() => {
    ({ api, workbench } = session());
  });

  it('finds the activity-bar icon and the welcome view asking for a key', async () => {
    await workbench.openActivityBarItem('Connection Analytics');
    const button = workbench.welcome.getByRole('button', { name: 'Set API Key' });
    await button.waitFor();
    await workbench.screenshot('01-welcome');
  });

  it('sets the API key through the password input', async () => {
    await workbench.welcome.getByRole('button', { name: 'Set API Key' }).click();
    await workbench.waitForQuickInput('API key');
    const input = workbench.quickInput.locator('input');
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill('demo');
    await workbench.page.keyboard.press('Enter');
    await workbench.notifications.filter({ hasText: 'API key saved' }).waitFor();
    await workbench.welcome.getByRole('button', { name: 'Query Events' }).waitFor();
    await workbench.screenshot('02-key-saved');
  });

  it('queries the last 24 hours from the palette and sees connections', async () => {
    await workbench.runCommand('Connection Analytics: Query Events');
    await workbench.waitForQuickInput('Time range');
    await workbench.focusEntry('Last 24 hours');
    await workbench.screenshot('03-time-range');
    await workbench.page.keyboard.press('Enter');
    // Filters: none picked; then the limit, as proposed.
    await workbench.waitForQuickInput('Filters to set');
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput(/^Limit:/m);
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForResults(/^last 24 h · limit 1000 · \d+ connections, 1000 events/);
    const count = await workbench.treeRows.count();
    assert.ok(count > 5, `${count} rows`);
    const first = await workbench.treeRows.first().innerText();
    assert.match(first, /conn_[0-9a-f]{16}/);
    await workbench.screenshot('04-connections');
  });

  it('expands a connection to its events', async () => {
    await workbench.focusTree();
    await workbench.page.keyboard.press('ArrowRight');
    const events = workbench.view.locator('.monaco-list-row[aria-level="2"]');
    await events.first().waitFor();
    assert.match(await events.first().innerText(), /connect|heartbeat|disconnect|subscribe|auth_failed|error|rate_limited/);
    await events.first().hover();
    await workbench.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Time (UTC)' }).first().waitFor();
    await workbench.screenshot('05-events');
  });

  it('a revoked key gives a notification with Set API Key, and the results stay', async () => {
    // The list is virtualised: compare what is rendered at the top, not how many rows.
    const top = async () => (await workbench.treeRows.allInnerTexts()).slice(0, 5);
    const before = await top();
    api.setFault({ status: 401, times: 1, path: EVENTS_PATH });
    await workbench.page.keyboard.press('Escape');
    await workbench.runCommand('Connection Analytics: Refresh');
    const toast = workbench.notifications.filter({ hasText: 'The API key was not accepted (401)' });
    await toast.waitFor();
    await toast.getByRole('button', { name: 'Set API Key' }).waitFor();
    await workbench.waitForResults(/^Last query failed; showing earlier results/);
    assert.deepEqual(await top(), before);
    await workbench.screenshot('06-error-keeps-results');
  });
});
