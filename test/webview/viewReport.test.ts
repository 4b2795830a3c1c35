import * as assert from 'node:assert/strict';
import { applyView, DEFAULT_VIEW } from '../../src/core/table';
import { makeRows, results, STATUS } from './fixtures';
import { PanelPage } from './page';

/**
 * The page tells the host its filters whenever they change, so that Export Results' "shown" scope
 * writes what the table shows: the host applies core/table's rule to the same rows.
 */
describe('events panel: the filters it tells the host (webview bundle in Chromium)', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  const rows = makeRows(200);

  beforeEach(async () => {
    panel = await PanelPage.open();
    await panel.send(STATUS);
    await panel.send(results(rows));
  });
  afterEach(async () => {
    await panel.close();
  });

  /** Waits until the last `view` message the page posted is `expected`. */
  async function reported(expected: { text: string; excludedTypes: string[] }): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (JSON.stringify(panel.postedOfType('view').at(-1)) !== JSON.stringify({ type: 'view', ...expected })) {
      assert.ok(Date.now() < deadline, `the page reported ${JSON.stringify(panel.postedOfType('view'))}`);
      await panel.page.waitForTimeout(20);
    }
  }

  it('reports the quick filter and the type chips as they change, and the host’s rule shows what the table shows', async () => {
    await reported({ text: '', excludedTypes: [] });
    await panel.page.getByLabel('Filter loaded events').fill('COIN-WS');
    await reported({ text: 'COIN-WS', excludedTypes: [] });
    await panel.page.getByLabel('Filter loaded events').fill('coinapi-ws');
    const type = rows[1]!.type;
    await panel.page.locator(`.chip[data-type="${type}"]`).click();
    await reported({ text: 'coinapi-ws', excludedTypes: [type] });

    const view = { ...DEFAULT_VIEW, text: 'coinapi-ws', excludedTypes: [type] };
    const expected = applyView(rows, view, STATUS.timeZone).length;
    assert.ok(expected > 0 && expected < 100, `${expected} rows`);
    assert.equal(await panel.page.locator('.shown-count').textContent(), `${expected} of 200 events`);
    const count = panel.postedOfType('view').length;
    await panel.send(results(rows));
    assert.equal(panel.postedOfType('view').length, count, 'rows arriving again report nothing new');
  });

  it('reports the filters it restored after a reload, after saying ready', async () => {
    await panel.close();
    panel = await PanelPage.open({ text: 'coinapi-fix', excludedTypes: ['subscribe'] });
    await reported({ text: 'coinapi-fix', excludedTypes: ['subscribe'] });
    const types = panel.posted.map((m) => (m as { type: string }).type);
    assert.ok(types.indexOf('ready') < types.indexOf('view'), types.join(', '));
  });
});
