import * as assert from 'node:assert/strict';
import { makeRows, results, STATUS } from './fixtures';
import { PanelPage } from './page';

/**
 * Show Connection narrows the table with the quick filter: that narrowing is
 * for the connection's query. A new query clears it; a refresh or Load Older
 * of the same query keeps it, and so does any query for a filter the user typed.
 */
describe('events panel: the quick filter Show Connection set (webview bundle in Chromium)', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  const rows = makeRows(200);
  const connectionId = rows[1]!.connectionId;
  const filter = () => panel.page.getByLabel('Filter loaded events');
  const shown = () => panel.page.locator('.shown-count').textContent();
  const newQuery = { ...STATUS, query: { minutes: '10080', serviceName: 'coinapi-ws' } };

  beforeEach(async () => {
    panel = await PanelPage.open();
    await panel.send(STATUS);
    await panel.send(results(rows));
    await panel.send({ type: 'focus', connectionId });
  });
  afterEach(async () => {
    await panel.close();
  });

  it('is kept by a refresh of the same query, and cleared by a new query', async () => {
    assert.equal(await filter().inputValue(), connectionId);
    // A refresh (or Load Older): the same query, a later result.
    await panel.send(STATUS);
    await panel.send(results(rows));
    assert.equal(await filter().inputValue(), connectionId, 'a refresh keeps the narrowing');
    assert.equal(await shown(), '3 of 200 events');

    await panel.send(newQuery);
    await panel.send(results(rows.slice(0, 150)));
    assert.equal(await filter().inputValue(), '', 'a new query clears the connection’s filter');
    assert.equal(await shown(), '150 events');
    assert.equal((await panel.lastState())?.text, '');
  });

  it('is cleared by a new query that finds nothing, and not by one that fails', async () => {
    await panel.send({ ...newQuery, error: { message: 'The server failed (503).', actions: ['retry'] } });
    assert.equal(await filter().inputValue(), connectionId, 'the results shown are still the connection’s');
    await panel.send(newQuery);
    await panel.send(results([]));
    assert.equal(await filter().inputValue(), '');
  });

  it('is still the connection’s after the panel is hidden and shown again', async () => {
    const state = await panel.lastState();
    await panel.close();
    panel = await PanelPage.open(state);
    await panel.send(STATUS);
    await panel.send(results(rows));
    assert.equal(await filter().inputValue(), connectionId);
    await panel.send(newQuery);
    await panel.send(results(rows));
    assert.equal(await filter().inputValue(), '');
  });

  it('becomes the user’s once edited, and a filter the user typed stays for a new query', async () => {
    await filter().fill(`${connectionId.slice(0, -1)}`);
    await panel.send(newQuery);
    await panel.send(results(rows));
    assert.equal(await filter().inputValue(), connectionId.slice(0, -1));
    await filter().fill('number 1');
    await panel.send({ ...newQuery, query: { minutes: '60' } });
    await panel.send(results(rows));
    assert.equal(await filter().inputValue(), 'number 1');
  });
});
