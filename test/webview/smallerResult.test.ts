import * as assert from 'node:assert/strict';
import { encodeRows } from '../../src/core/rowColumns';
import { applyView, DEFAULT_VIEW } from '../../src/core/table';
import { makeRows, results, STATUS } from './fixtures';
import { PanelPage } from './page';

/**
 * A result with fewer rows than the one before it (Show Connection's 32 events, then Events During
 * Last Debug Session's one): the table shows that result's rows and no row element of the last one.
 */
describe('events panel: a smaller result after a larger one (webview bundle in Chromium)', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  /** What the user sees of the table: the description of every row element that is displayed. */
  const shownRows = () =>
    panel.page
      .locator('.grid-row')
      .evaluateAll((rows) =>
        rows
          .filter((row) => getComputedStyle(row).display !== 'none')
          .map((row) => row.querySelector('.col-description')?.textContent ?? ''),
      );
  const count = () => panel.page.locator('.shown-count').textContent();

  beforeEach(async () => {
    panel = await PanelPage.open();
  });
  afterEach(async () => {
    await panel.close();
  });

  it('shows only the new result’s rows, also after the live tail adds one', async () => {
    const rows = applyView(makeRows(32), DEFAULT_VIEW, 'local');
    await panel.send({ ...STATUS, query: { timeStart: '2026-11-22 21:33', connectionId: 'conn_0000000000000001' } });
    await panel.send(results(rows));
    // The table lays its rows out once it has measured itself (a ResizeObserver): wait for that, not for a time.
    await panel.page.locator('.grid-row:not([hidden])').nth(20).waitFor();
    assert.ok((await shownRows()).length > 20);

    await panel.send({ ...STATUS, query: { timeStart: '2026-11-29 21:35:05', connectionId: 'conn_0000000000000001' } });
    const one = results(makeRows(40).slice(39));
    await panel.send(one);
    assert.deepEqual(await shownRows(), ['event number 39']);
    assert.equal(await count(), '1 event');

    const added = makeRows(41).slice(40);
    await panel.send({
      type: 'append',
      resultId: one.resultId,
      total: 2,
      rows: encodeRows(added),
      connections: 1,
      invalidCount: 0,
      completedAt: new Date().toISOString(),
    });
    assert.deepEqual(await shownRows(), ['event number 40', 'event number 39']);
    assert.equal(await count(), '2 events');
  });

  it('shows no row of the last result when the new one is empty of shown rows', async () => {
    await panel.send(STATUS);
    await panel.send(results(applyView(makeRows(32), DEFAULT_VIEW, 'local')));
    await panel.page.locator('.grid-row:not([hidden])').nth(20).waitFor();
    await panel.page.getByLabel('Filter loaded events').fill('no such event');
    assert.deepEqual(await shownRows(), []);
    assert.equal(await count(), '0 of 32 events');
  });
});
