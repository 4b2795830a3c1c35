/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/**
 * The events panel in a real VS Code: opened from the tree on an event,
 * narrowed from its form, a connection's timeline with a heartbeat gap, the
 * JSON copied; photographed in the dark and the light theme.
 */
describe('UI: the events panel', function () {
  this.timeout(180_000);
  const session = useWorkbench('panel', { api: { key: 'demo', seed: 1, connections: 300 } });
  let api: FakeConsoleApi;
  let workbench: Workbench;
  let panel: FrameLocator;

  before(() => {
    ({ api, workbench } = session());
    panel = workbench.eventsPanel;
  });

  /**
   * Selects a row of the events table as a keyboard user does: focus the
   * table, Home, then Down until the selected row is the one wanted,
   * reading the selection after each key.
   */
  async function selectRow(wanted: (type: string, index: number) => boolean): Promise<void> {
    await panel.getByRole('grid', { name: 'Events' }).focus();
    await workbench.page.keyboard.press('Home');
    for (let presses = 0; presses < 500; presses++) {
      const selected = panel.locator('.grid-row.selected');
      await selected.waitFor();
      const [type, index] = await selected.evaluate(
        (row) => [row.querySelector('.col-type')?.textContent ?? '', Number((row as HTMLElement).dataset.index)] as const,
      );
      if (wanted(type, index)) {
        return;
      }
      await workbench.page.keyboard.press('ArrowDown');
      await panel.locator(`.grid-row.selected[data-index="${index + 1}"]`).waitFor();
    }
    throw new Error('no row of the table is the one wanted');
  }

  it('opens on the event clicked in the tree, with its details', async () => {
    await workbench.setApiKeyFromWelcome('demo');
    await workbench.queryFromPalette('Last 24 hours');
    // The first connection's first event, by keyboard: expand, down, Enter.
    const { label: eventType } = await workbench.openFirstEventByKeyboard();
    await panel.locator('.details h2', { hasText: eventType }).waitFor();
    assert.match(await panel.locator('.banner').innerText(), /last 24 h · limit 1000 · \d+ connections, 1000 events/);
    assert.ok((await panel.locator('.chip').count()) >= 2);
  });

  it('reveals the selected row’s event in the tree', async () => {
    // Collapse the connection opened above, so that revealing has to expand one.
    await workbench.focusTree();
    await workbench.page.keyboard.press('ArrowLeft');
    await workbench.view.locator('.monaco-list-row[aria-level="2"]').first().waitFor({ state: 'detached' });
    // The table is virtualised: its row elements are recycled as it scrolls, so rows are chosen by keyboard.
    await selectRow((_, index) => index === 3);
    // The table and the tree show the same local time to the millisecond.
    const time = (await panel.locator('.grid-row.selected .col-time').innerText()).trim();
    // The details pane follows the selection when the host answers: wait for it before using its button.
    await panel.locator('.details .fields', { hasText: time }).waitFor();
    await panel.getByRole('button', { name: 'Reveal in Tree' }).click();
    await workbench.view.locator('.monaco-list-row.selected[aria-level="2"]', { hasText: time }).waitFor();
  });

  it('narrows the query from its form, and the tree follows', async () => {
    await panel.locator('#f-serviceName').fill('coinapi-fix');
    await panel.locator('#f-limit').fill('5000');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await panel.locator('.banner', { hasText: 'coinapi-fix' }).waitFor();
    const services = await panel.locator('.grid-row:not([hidden]) .col-service').allInnerTexts();
    assert.ok(services.length > 0 && services.every((s) => s === 'coinapi-fix'), services.join(','));
    await workbench.waitForResults(/coinapi-fix · limit 5000/);
    // The message line arrives before the tree has fetched its new rows: wait for the rows themselves.
    const descriptions = workbench.treeRows.filter({ hasText: /^conn_/ }).locator('.label-description');
    await workbench.page.waitForFunction(() => {
      // The Connections view's rows only: Connected Now, in the same container, lists every service.
      const pane = Array.from(document.querySelectorAll('.pane')).find((p) =>
        /Connections/i.test(p.querySelector('.pane-header')?.textContent ?? ''),
      );
      const rows = Array.from(pane?.querySelectorAll('.monaco-list-row[aria-level="1"]') ?? []).filter((row) =>
        row.querySelector('.label-name')?.textContent?.startsWith('conn_'),
      );
      // A row says its outcome first, then its service: one of the fields between the dots.
      return (
        rows.length > 0 &&
        rows.every((row) => (row.querySelector('.label-description')?.textContent ?? '').split(' · ').includes('coinapi-fix'))
      );
    });
    const texts = await descriptions.allInnerTexts();
    assert.ok(texts.length > 0 && texts.every((d) => d.split(' · ').includes('coinapi-fix')), texts.join(' | '));
  });

  it('refuses a wrong value in the form before any request', async () => {
    const before = api.eventRequests.length;
    await panel.locator('#f-apiKeyId').fill('not-a-uuid');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await panel.locator('#e-apiKeyId', { hasText: 'apiKeyId: must be a UUID' }).waitFor();
    assert.equal(api.eventRequests.length, before);
    await panel.locator('#f-apiKeyId').fill('');
  });

  it('shows a connection’s timeline with a heartbeat gap, and copies the event’s JSON', async () => {
    await panel.locator('#f-serviceName').fill('');
    await panel.locator('#f-range').selectOption('10080');
    await panel.locator('#f-eventType').fill('disconnect');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await panel.locator('.banner', { hasText: 'type disconnect' }).waitFor();
    // A connection that ended by heartbeat timeout; then all of its events.
    await panel.getByLabel('Filter loaded events').fill('no heartbeat');
    const connectionId = await panel.locator('.grid-row:not([hidden]) .col-connectionId').first().innerText();
    await panel.getByLabel('Filter loaded events').fill('');
    await panel.locator('#f-eventType').fill('');
    await panel.locator('#f-connectionId').fill(connectionId);
    await panel.getByRole('button', { name: 'Apply' }).click();
    await panel.locator('.banner', { hasText: connectionId }).waitFor();
    await selectRow((type) => type === 'disconnect');
    await panel.locator('.details h2', { hasText: 'disconnect' }).waitFor();
    await panel.locator('.timeline .gaps.warning').first().waitFor();
    assert.ok((await panel.locator('.timeline-svg rect.gap').count()) >= 1);
    assert.match(await panel.locator('.timeline .facts').innerText(), /closed: Connection closed: no heartbeat for 120 s/);
    await workbench.clearNotifications();
    await workbench.screenshot('07-panel-dark');

    await panel.getByRole('button', { name: 'Copy JSON' }).click();
    await workbench.page.locator('.statusbar').getByText('Copied').waitFor();
  });

  it('looks native in the light theme too', async () => {
    await workbench.runCommand('Preferences: Color Theme');
    await workbench.quickInput.locator('input').fill('Light Modern');
    await workbench.pick('Light Modern');
    await workbench.page.locator('.monaco-workbench.vs').waitFor();
    await panel.locator('.details h2').waitFor();
    await workbench.screenshot('08-panel-light');
  });

  it('comes back after a window reload with its form as it was left', async () => {
    const connectionId = await panel.locator('#f-connectionId').inputValue();
    assert.match(connectionId, /^conn_/);
    // Wait for the new page, not the old one still on screen while the reload starts.
    const reloaded = workbench.page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === workbench.page.mainFrame(),
      timeout: 60_000,
    });
    await workbench.runCommand('Developer: Reload Window');
    await reloaded;
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await panel.locator('form.filters').waitFor({ timeout: 60_000 });
    assert.equal(await panel.locator('#f-connectionId').inputValue(), connectionId);
    assert.equal(await panel.locator('#f-range').inputValue(), '10080');
  });
});
