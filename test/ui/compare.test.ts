/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { classifyClose, closeCauseLabel } from '../../src/core/closeCause';
import { COMPARE_FIELDS, type CompareField } from '../../src/core/compare';
import { formatDuration, formatTimeMillis, parseTimestamp } from '../../src/core/time';
import type { FakeConnection, FakeEvent } from '../fake-api/data';
import type { FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/**
 * What Compare must list for two of the fake API's connections, worked out
 * from its records here (not by the extension's code): each field's value as
 * shown, and only the fields whose values differ.
 */
function expectedDifferences(a: FakeConnection, b: FakeConnection): [CompareField, string, string][] {
  const facts = (c: FakeConnection): Record<CompareField, string> => {
    const events = [...c.events].sort((x, y) => x.ms - y.ms || x.ticks - y.ticks);
    const ms = (e: FakeEvent) => e.ms + e.ticks / 10_000;
    const heartbeats = events.filter((e) => e.record.eventType === 'heartbeat');
    const intervals = heartbeats
      .slice(1)
      .map((e, i) => ms(e) - ms(heartbeats[i]!))
      .sort((x, y) => x - y);
    const mid = Math.floor(intervals.length / 2);
    const median =
      intervals.length === 0 ? undefined : intervals.length % 2 ? intervals[mid]! : (intervals[mid - 1]! + intervals[mid]!) / 2;
    const gaps = events.slice(1).map((e, i) => ms(e) - ms(events[i]!));
    const disconnect = events.filter((e) => e.record.eventType === 'disconnect').at(-1);
    return {
      dataCenter: c.dataCenter,
      host: c.host,
      ipAddress: c.ipAddress,
      protocolName: c.protocolName,
      apiKeyId: c.apikeyId,
      heartbeatCadence: median === undefined ? '' : formatDuration(median),
      longestGap: gaps.length === 0 ? '' : formatDuration(Math.max(...gaps)),
      closeCause: disconnect ? closeCauseLabel(classifyClose(disconnect.record.eventType, disconnect.record.eventDescription)) : '',
      // At least, when the connection began before its first event here, as the tree shows it.
      duration: `${events[0]!.record.eventType === 'connect' ? '' : '≥ '}${formatDuration(ms(events.at(-1)!) - ms(events[0]!))}`,
    };
  };
  const [fa, fb] = [facts(a), facts(b)];
  return COMPARE_FIELDS.filter((f) => fa[f] !== fb[f]).map((f) => [f, fa[f], fb[f]]);
}

/**
 * Compare Connections and the timeZone setting in a real VS Code: two
 * connections selected with Shift+Down and compared from the palette; times
 * in UTC on a machine whose local zone is not UTC (Europe/Warsaw).
 */
describe('UI: compare connections, times in UTC', function () {
  this.timeout(180_000);
  // The workbench (code-server and the browser) runs where local time is not UTC, so that UTC shows.
  let savedTz: string | undefined;
  before(() => {
    savedTz = process.env.TZ;
    process.env.TZ = 'Europe/Warsaw';
  });
  after(() => {
    if (savedTz === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = savedTz;
    }
  });
  const session = useWorkbench('compare', {
    // Half a day of 24 connections, all in one result: what Compare reads is every record of both.
    api: { key: 'demo', seed: 7, connections: 24, days: 0.5 },
    settings: { 'connectionAnalytics.timeZone': 'utc', 'connectionAnalytics.defaultLimit': 100_000 },
  });
  let api: FakeConsoleApi;
  let workbench: Workbench;
  let panel: FrameLocator;

  before(() => {
    ({ api, workbench } = session());
    panel = workbench.eventsPanel;
  });

  const connection = (id: string): FakeConnection => {
    const found = api.dataset.connections.find((c) => c.connectionId === id);
    assert.ok(found, `the fake API has ${id}`);
    return found;
  };

  it('compares two connections selected with Shift+Down, listing exactly the fields that differ', async () => {
    await workbench.setApiKeyFromWelcome('demo');
    await workbench.queryFromPalette('Last 24 hours');
    await workbench.focusTree();
    // Shift+Down adds the row it moves to to the selection; Home focused the first row without selecting it.
    const selected = workbench.view.locator('.monaco-list-row.selected[aria-level="1"] .label-name');
    for (let presses = 1; (await selected.count()) < 2; presses++) {
      assert.ok(presses <= 3, 'Shift+Down selects two rows');
      await workbench.page.keyboard.press('Shift+ArrowDown');
      await workbench.view.locator('.monaco-list-row.selected.focused').nth(0).waitFor();
      await workbench.page.waitForFunction(
        (n) => document.querySelectorAll('.pane .monaco-list-row.selected[aria-level="1"]').length >= n,
        Math.min(presses, 2),
      );
    }
    const ids = (await selected.allInnerTexts()).map((t) => t.trim());
    assert.equal(ids.length, 2);
    await workbench.screenshot('23-compare-selection');

    await workbench.runCommand('Connection Analytics: Compare Connections');
    const compare = panel.locator('section.compare');
    await compare.locator('h2').waitFor();
    assert.equal(await compare.locator('h2').innerText(), `${ids[0]} and ${ids[1]}`);
    // Columns in the order of the table's header: map them to the fake API's connections.
    const headers = (await compare.locator('table.differences thead th').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(headers.slice(1).sort(), [...ids].sort());
    const expected = expectedDifferences(connection(headers[1]!), connection(headers[2]!));
    assert.ok(expected.length > 0, 'two of the fake connections differ');
    const shown = await compare
      .locator('table.differences tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          (row as HTMLElement).dataset.field ?? '',
          row.children[1]?.textContent ?? '',
          row.children[2]?.textContent ?? '',
        ]),
      );
    assert.deepEqual(
      shown,
      expected.map(([field, a, b]) => [field, a === '' ? '—' : a, b === '' ? '—' : b]),
    );
    // Both timelines on one axis, its ends in UTC.
    assert.equal(await compare.locator('.compare-svg .track-label').count(), 2);
    assert.match(await compare.locator('.axis-range').innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d → .* \(UTC\)$/);
    await workbench.clearNotifications();
    await workbench.screenshot('24-compare-panel');

    // Back to the events table, by keyboard.
    await compare.getByRole('button', { name: 'Back to Events' }).focus();
    await workbench.page.keyboard.press('Enter');
    await panel.getByRole('grid', { name: 'Events' }).waitFor();
    assert.equal(await compare.isHidden(), true);
  });

  it('shows times in UTC in the tree and the panel, and says so', async () => {
    const { description: treeTime } = await workbench.openFirstEventByKeyboard();

    // The event's ID, from the details, finds its record in the fake API.
    const eventId = (
      await panel
        .locator('.details .field-row', { hasText: /^eventId/ })
        .locator('.value')
        .innerText()
    ).trim();
    const record = api.dataset.events.find((e) => e.record.eventId === eventId)?.record;
    assert.ok(record, `the fake API has event ${eventId}`);
    const utc = formatTimeMillis(parseTimestamp(record.eventTimestamp)!, 'utc');
    const local = formatTimeMillis(parseTimestamp(record.eventTimestamp)!, 'local');
    assert.notEqual(utc, local, 'the workbench runs where local time is not UTC');
    assert.equal(treeTime, utc);
    assert.equal((await panel.locator('.grid-row.selected .col-time').innerText()).trim(), utc);
    assert.equal((await panel.locator('.grid-header .col-time').innerText()).trim(), 'Time (UTC)');
    const shownTime = panel.locator('.details .field-row', { hasText: /^time \(UTC\)/ });
    assert.equal((await shownTime.locator('.value').innerText()).trim(), utc);
    await workbench.clearNotifications();
    await workbench.screenshot('25-times-in-utc');
  });
});
