import * as assert from 'node:assert/strict';
import { summarize } from '../../src/core/summary';
import { results, makeRows } from './fixtures';
import { usePanelPage } from './page';

describe('events panel: the summary strip (webview bundle in Chromium)', function () {
  this.timeout(60_000);
  const panel = usePanelPage(async (page) => {
    await page.send(results(makeRows(20)));
  });

  it('shows the totals per service, protocol and data center as text, a hostile name included', async () => {
    const totals = summarize([
      {
        serviceName: 'coinapi-ws',
        protocolName: 'WebSocket',
        dataCenter: 'us-east-1/server-01',
        totalConnections: 30,
        newConnectionsInPeriod: 4,
        averageConnectionDurationSeconds: 600,
      },
      {
        serviceName: '<img src=x onerror="window.__pwned=1">',
        protocolName: 'FIX',
        dataCenter: 'eu-central-1/server-02',
        totalConnections: 2,
        newConnectionsInPeriod: 1,
      },
    ]);
    await panel().send({ type: 'summary', state: 'ok', totals, error: undefined });
    const strip = panel().page.locator('.summary-strip[data-state="ok"]');
    assert.equal((await strip.locator('.summary-headline').innerText()).trim(), 'Summary: 32 connections in the window, 5 new');
    assert.equal(
      await strip.locator('.summary-group', { hasText: 'Services:' }).innerText(),
      'Services: coinapi-ws 30 (avg 10 min) · <img src=x onerror="window.__pwned=1"> 2',
    );
    assert.equal(
      await strip.locator('.summary-group', { hasText: 'Data centers:' }).innerText(),
      'Data centers: us-east-1 30 · eu-central-1 2',
    );
    assert.equal(await panel().page.locator('.summary-strip img').count(), 0);
    assert.equal(await panel().page.evaluate(() => (globalThis as unknown as { __pwned: number }).__pwned), 0);
  });

  it('shows an empty window as its headline alone, without bare labels', async () => {
    await panel().send({ type: 'summary', state: 'ok', totals: summarize([]), error: undefined });
    const strip = panel().page.locator('.summary-strip[data-state="ok"]');
    assert.equal((await strip.innerText()).trim(), 'Summary: 0 connections in the window, 0 new');
    assert.equal(await strip.locator('.summary-group').count(), 0);
  });

  it('shows a failure as a small note, and the table stays', async () => {
    await panel().send({ type: 'summary', state: 'failed', totals: undefined, error: 'The server failed (503).' });
    assert.match(
      await panel().page.locator('.summary-strip[data-state="failed"]').innerText(),
      /The summary is unavailable: The server failed \(503\)\. The events shown are not affected\./,
    );
    await panel().page.locator('.grid-row:not([hidden])').first().waitFor();
    assert.equal(await panel().page.locator('.banner .message.error').count(), 0);
    await panel().send({ type: 'summary', state: 'none', totals: undefined, error: undefined });
    assert.equal(await panel().page.locator('.summary-strip').isHidden(), true);
  });
});
