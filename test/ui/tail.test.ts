import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { newEventsText } from '../../src/core/counts';
import { liveHeartbeats, type EventRecord } from '../fake-api/data';
import type { FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/**
 * The live tail as a person sees it: turned on from the palette, new rows arrive in the panel
 * at the top while the newest row is in view; while the user reads older rows the table stays
 * put and says how many new events arrived (a button over the table, so that nothing moves); Enter on it jumps to them.
 */
describe('UI: live tail', function () {
  this.timeout(180_000);
  const session = useWorkbench('tail', {
    api: { key: 'demo', seed: 9, connections: 40, days: 0.5 },
    settings: { 'connectionAnalytics.liveTail.intervalSeconds': 2, 'connectionAnalytics.defaultLimit': 100_000 },
  });
  let api: FakeConsoleApi;
  let workbench: Workbench;
  let panel: FrameLocator;
  let serial = 0;

  /** Events that happen now: the fake API serves them from now on. */
  const happen = (count: number): EventRecord[] => {
    const records = liveHeartbeats(api.dataset, Date.now(), count, serial++);
    api.appendEvents(records);
    return records;
  };
  /** The newest of some records: the table's first row when sorted by time, newest first. */
  const newestOf = (records: readonly EventRecord[]) => [...records].sort((a, b) => (a.eventTimestamp < b.eventTimestamp ? 1 : -1))[0]!;

  /** Whether a row of the table is on screen: within the table's viewport, below its sticky header. */
  const onScreen = async (row: ReturnType<FrameLocator['locator']>) => {
    if ((await row.count()) === 0 || (await row.isHidden())) {
      return false;
    }
    const box = (await row.boundingBox())!;
    const viewport = (await panel.locator('.grid-viewport').boundingBox())!;
    const header = (await panel.locator('.grid-header').boundingBox())!;
    return box.y + box.height > header.y + header.height + 1 && box.y < viewport.y + viewport.height - 1;
  };

  before(() => {
    ({ api, workbench } = session());
    panel = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  it('turned on by keyboard, adds new rows; while the user reads older rows the table stays put and says how many arrived', async () => {
    await workbench.setApiKeyFromWelcome('demo');
    await workbench.queryFromPalette('Last 24 hours');
    const initial = api.dataset.events.filter((e) => e.ms >= Date.now() - 24 * 3_600_000).length;
    await workbench.runCommand('Connection Analytics: Open Events Panel');
    const grid = panel.getByRole('grid', { name: 'Events' });
    await grid.waitFor();
    await panel.locator('.shown-count', { hasText: `${initial} events` }).waitFor();

    await workbench.runCommand('Connection Analytics: Toggle Live Tail');
    await workbench.page.locator('.statusbar-item', { hasText: 'live' }).first().waitFor();

    // At the newest edge: the new rows arrive at the top and are shown.
    const first = happen(2);
    await panel.locator('.shown-count', { hasText: `${initial + 2} events` }).waitFor();
    const top = panel.locator('.grid-row[data-index="0"]');
    await top.locator('.col-connectionId', { hasText: newestOf(first).connectionId }).waitFor();
    assert.equal(await panel.locator('button.new-rows').isHidden(), true, 'no "new" button while following');

    // Reading older rows: Home, then PageDown twice; the newest row is out of view.
    await grid.focus();
    await workbench.page.keyboard.press('Home');
    await panel.locator('.grid-row.selected[data-index="0"]').waitFor();
    for (let i = 0; i < 3; i++) {
      await workbench.page.keyboard.press('PageDown');
    }
    const selected = panel.locator('.grid-row.selected');
    await selected.waitFor();
    const read = { text: await selected.innerText(), y: (await selected.boundingBox())!.y };
    assert.equal(await onScreen(top), false, 'the newest row is scrolled out of view');

    const second = happen(3);
    const button = panel.getByRole('button', { name: newEventsText(3) });
    await button.waitFor();
    await panel.locator('.shown-count', { hasText: `${initial + 5} events` }).waitFor();
    // The row being read did not move.
    assert.equal(await selected.innerText(), read.text);
    assert.ok(Math.abs((await selected.boundingBox())!.y - read.y) < 1, 'the selected row stays where it was on screen');
    assert.equal(await onScreen(top), false, 'the table did not jump to the newest rows');
    await workbench.clearNotifications();
    await workbench.screenshot('26-live-tail');

    // Enter on the button jumps to them.
    await button.focus();
    await workbench.page.keyboard.press('Enter');
    await button.waitFor({ state: 'hidden' });
    await top.locator('.col-connectionId', { hasText: newestOf(second).connectionId }).waitFor();
    assert.equal(await onScreen(top), true);
  });
});
