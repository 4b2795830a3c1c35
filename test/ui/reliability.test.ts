import * as assert from 'node:assert/strict';
import { validateField } from '../../src/core/query';
import type { FakeConsoleApi } from '../fake-api/server';
import { until, type Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/**
 * What a person sees when things go wrong: a wrong value refused in the
 * palette flow as it is typed; a server that keeps failing under the
 * live tail (turned on by a user's old `autoRefreshSeconds`, moved at
 * activation) reported once, not in a storm; recovery.
 */
describe('UI: when things go wrong', function () {
  this.timeout(180_000);
  const session = useWorkbench('reliability', {
    api: { key: 'demo', seed: 2, connections: 100 },
    // A user who had auto-refresh: the live tail is on, every 5 s.
    settings: { 'connectionAnalytics.autoRefreshSeconds': 5 },
  });
  let api: FakeConsoleApi;
  let workbench: Workbench;

  before(async () => {
    ({ api, workbench } = session());
    await workbench.setApiKeyFromWelcome('demo');
  });

  it('refuses a wrong filter in the palette flow as it is typed, before any request', async () => {
    const before = api.eventRequests.length;
    await workbench.runCommand('Connection Analytics: Query Events');
    await workbench.waitForQuickInput('Time range');
    await workbench.pick('Last hour');
    await workbench.waitForQuickInput('Filters to set');
    await workbench.check('API key ID');
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput('API key ID (apiKeyId)');
    const input = workbench.quickInput.locator('input');
    await input.fill('not-a-uuid');
    const expected = validateField('apiKeyId', 'not-a-uuid', 'local');
    assert.ok(!expected.ok);
    await workbench.quickInput.getByText(expected.error.message).waitFor();
    await workbench.page.keyboard.press('Enter');
    await workbench.quickInput.getByText(expected.error.message).waitFor();
    await workbench.screenshot('09-palette-validation');
    await workbench.page.keyboard.press('Escape');
    assert.equal(api.eventRequests.length, before);
  });

  it('reports a server that keeps failing under the live tail once, and recovers by itself', async () => {
    await workbench.queryFromPalette('Last 24 hours');
    await workbench.clearNotifications();

    const before = api.eventRequests.length;
    api.setFault({ status: 503 });
    // Two tail rounds, each a request and 3 retries, all failing the same way; the first request of
    // a third means the second's failure has been handled (a round never starts while one runs).
    await until(() => api.eventRequests.length - before >= 9, 'three tail rounds', 90_000);
    const toasts = workbench.notifications.filter({ hasText: 'The Console API failed (503)' });
    await toasts.first().waitFor();
    assert.equal(await toasts.count(), 1, 'one notification, not one per refresh');
    await toasts.first().getByRole('button', { name: 'Open Service Status' }).waitFor();
    assert.ok((await workbench.treeRows.count()) > 0, 'the results stay');
    await workbench.screenshot('10-repeated-failure-once');

    api.setFault(undefined);
    // The message line starts with the query again, no longer with "Last query failed".
    await workbench.waitForResults(/^last 24 h · limit 1000 · \d+ connections/);
  });
});
