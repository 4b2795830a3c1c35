import * as assert from 'node:assert/strict';
import type { Timeline } from '../../src/core/timeline';
import { makeRows, results, STATUS } from './fixtures';
import { PanelPage } from './page';

/**
 * A hidden panel's webview is made again when shown: the page starts from its
 * saved state and waits for the host's status and rows. Until they come it
 * claims nothing (no key, no query) that the host has not said.
 */
describe('events panel: made again after being hidden (webview bundle in Chromium)', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  const emptyState = () => panel.page.locator('.empty-state').textContent();

  afterEach(async () => {
    await panel.close();
  });

  it('shows no empty state of its own while the host’s status and rows are on their way', async () => {
    panel = await PanelPage.open({ text: '', sort: { column: 'time', descending: true } });
    assert.equal(await emptyState(), '', 'before the status: nothing is known yet');
    await panel.send(STATUS);
    assert.equal(await emptyState(), '', 'the host has results: they are on their way');
    await panel.send(results(makeRows(5)));
    // The table lays its rows out once it has measured itself (a ResizeObserver): wait for that, not for a time.
    await panel.page.locator('.grid-row:not([hidden])').nth(4).waitFor();
    assert.equal(await panel.page.locator('.grid-row:not([hidden])').count(), 5);
    assert.equal(await panel.page.locator('.empty-state').isHidden(), true);
  });

  it('says what the host says once it has: no key, or no query yet', async () => {
    panel = await PanelPage.open();
    await panel.send({ ...STATUS, query: undefined, hasResults: false, hasApiKey: false });
    assert.equal(await emptyState(), 'Set your API key to query connection events. Set API Key');
    await panel.send({ ...STATUS, query: undefined, hasResults: false });
    assert.equal(await emptyState(), 'Choose a time range and any filters above, then Apply.');
  });

  it('fills the form from a query the host ran while it was hidden, not from the draft of the query before', async () => {
    panel = await PanelPage.open();
    await panel.send(STATUS);
    await panel.send(results(makeRows(5)));
    const state = await panel.lastState();
    await panel.close();
    // Show Connection from a hover in another editor of the panel's group: the panel is made again for its query.
    panel = await PanelPage.open(state);
    await panel.send({ ...STATUS, query: { timeStart: '2026-11-22 21:33', connectionId: 'conn_7d4faba7a2fd487d' } });
    assert.equal(await panel.page.locator('#f-range').inputValue(), 'custom');
    assert.equal(await panel.page.locator('#f-timeStart').inputValue(), '2026-11-22 21:33');
    assert.equal(await panel.page.locator('#f-connectionId').inputValue(), 'conn_7d4faba7a2fd487d');
    await panel.page.getByRole('button', { name: 'Apply' }).click();
    assert.deepEqual(panel.postedOfType('runQuery').at(-1), {
      type: 'runQuery',
      query: { timeStart: '2026-11-22 21:33', connectionId: 'conn_7d4faba7a2fd487d' },
    });
  });

  it('keeps an edit in progress when the host’s query is still the one it was made on', async () => {
    panel = await PanelPage.open();
    await panel.send(STATUS);
    await panel.page.locator('#f-serviceName').fill('coinapi-fix');
    await panel.page.locator('#f-range').selectOption('15');
    const state = await panel.lastState();
    await panel.close();
    panel = await PanelPage.open(state);
    await panel.send(STATUS);
    assert.equal(await panel.page.locator('#f-serviceName').inputValue(), 'coinapi-fix');
    assert.equal(await panel.page.locator('#f-range').inputValue(), '15');
  });

  it('tells the host when the user leaves the compare view, so that it is not shown again', async () => {
    panel = await PanelPage.open();
    await panel.send(STATUS);
    await panel.send(results(makeRows(5)));
    const timeline = (connectionId: string): Timeline => ({
      connectionId,
      state: 'open',
      startMs: 0,
      endMs: 1000,
      durationMs: 1000,
      points: [],
      gaps: [],
      gapThresholdMs: 120_000,
      disconnectReason: undefined,
    });
    await panel.send({ type: 'compare', timelines: [timeline('a'), timeline('b')], differences: [] });
    await panel.page.getByRole('button', { name: 'Back to Events' }).click();
    assert.deepEqual(panel.postedOfType('compareClosed'), [{ type: 'compareClosed' }]);
  });
});
