/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cellText, csvColumns, csvField } from '../../src/core/csv';
import { EVENTS_PATH, type FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/**
 * Export Results in a real VS Code, by keyboard: the palette, the format's quick pick, and
 * VS Code's own save dialog (code-server's simple file dialog) with a path typed into it.
 * The file written is read back against the records the fake API sent.
 */
describe('UI: export results', function () {
  this.timeout(180_000);
  const session = useWorkbench('export', { api: { key: 'demo', seed: 7, connections: 24, days: 0.5 } });
  let api: FakeConsoleApi;
  let workbench: Workbench;
  let dir: string;

  before(() => {
    ({ api, workbench } = session());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-ui-export-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports the result as CSV from the palette, to a path typed into the save dialog', async () => {
    await workbench.setApiKeyFromWelcome('demo');
    await workbench.queryFromPalette('Last 24 hours');
    await workbench.clearNotifications();

    await workbench.runCommand('Connection Analytics: Export Results…');
    await workbench.waitForQuickInput('Export the results as');
    await workbench.focusEntry('CSV');
    await workbench.screenshot('30-export');
    await workbench.page.keyboard.press('Enter');

    // The save dialog opens on the default name, in the workspace.
    const input = workbench.quickInput.locator('input');
    await workbench.page.waitForFunction(() =>
      /connection-events-\d{8}-\d{6}\.csv$/.test(document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value ?? ''),
    );
    const file = path.join(dir, 'events.csv');
    await input.fill(file);
    // The simple dialog reads the typed folder as the path changes, and takes Enter only once it has (its
    // `..` row is back): Enter again while it is still open, at most a few times.
    await workbench.quickInput.locator('.monaco-list-row', { hasText: '..' }).first().waitFor();
    for (let presses = 1; await workbench.quickInput.isVisible(); presses++) {
      assert.ok(presses <= 5, 'the save dialog took the path');
      await workbench.page.keyboard.press('Enter');
      await workbench.quickInput.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
    }
    await workbench.notifications.filter({ hasText: /Exported \d+ events to events\.csv/ }).waitFor();

    // What the API sent for the query the extension made, as the CSV must hold it.
    const sent = new URLSearchParams(api.eventRequests.at(-1)!.query);
    const response = await fetch(`${api.url}${EVENTS_PATH}?${sent.toString()}`, { headers: { authorization: 'demo' } });
    const records = (await response.json()) as Record<string, unknown>[];
    const lines = fs.readFileSync(file, 'utf8').split('\r\n');
    assert.equal(lines.pop(), '');
    const columns = csvColumns(records);
    assert.equal(lines[0], columns.join(','));
    assert.deepEqual(
      lines.slice(1),
      records.map((record) => columns.map((c) => csvField(cellText(record[c]))).join(',')),
    );
    assert.ok(
      await workbench.notifications.filter({ hasText: `Exported ${records.length} events to events.csv` }).isVisible(),
      'the notification counts the events written',
    );
  });

  it('copies a connection for support, and the Markdown pastes into an editor', async () => {
    await workbench.clearNotifications();
    await workbench.runCommand('Connection Analytics: Copy for Support');
    await workbench.waitForQuickInput('The connection to describe');
    const first = api.dataset.connections.map((c) => c.connectionId);
    const label = (await workbench.quickInput.locator('.monaco-list-row.focused .label-name').innerText()).trim();
    assert.ok(first.includes(label), label);
    await workbench.page.keyboard.press('Enter');
    await workbench.runCommand('File: New Untitled Text File');
    const editor = workbench.page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').waitFor();
    await workbench.page.keyboard.press('Control+V');
    await editor.locator('.view-lines', { hasText: `## Connection \`${label}\`` }).waitFor();
    // The editor renders spaces as no-break spaces.
    const pasted = (await editor.locator('.view-lines').innerText()).replaceAll('\u00a0', ' ');
    assert.ok(pasted.includes(`| Connection ID | \`${label}\` |`), pasted);
    await workbench.screenshot('31-copy-for-support');
  });
});
