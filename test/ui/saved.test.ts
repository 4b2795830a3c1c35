/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { connectionsText, eventsText } from '../../src/core/counts';
import type { FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/** A name with markup in it: shown as text, in the quick pick and after a reload. */
const NAME = 'Team <b>feed</b>';

/**
 * Saved queries and history in a real VS Code, by keyboard: the current query saved under a
 * name, run again from the quick pick of saved and recent queries, and both still offered after
 * Reload Window, with the last query current again but not run.
 */
describe('UI: saved queries and history', function () {
  this.timeout(240_000);
  const session = useWorkbench('saved', {
    // Half a day of events, every one in one result: the counts on screen are the fake API's whole dataset.
    api: { key: 'demo', seed: 23, connections: 8, days: 0.5 },
    settings: { 'connectionAnalytics.defaultLimit': 100_000 },
  });
  let api: FakeConsoleApi;
  let workbench: Workbench;

  before(() => {
    ({ api, workbench } = session());
  });

  /** The counts the view must show for the last 24 hours: every connection and event the fake API has. */
  const wholeDataset = () => {
    const events = api.dataset.connections.reduce((sum, c) => sum + c.events.length, 0);
    return `${connectionsText(api.dataset.connections.length)}, ${eventsText(events)}`;
  };

  /** Opens Run Saved or Recent Query and waits until every label is listed. */
  async function openPicker(labels: readonly string[]): Promise<void> {
    await workbench.runCommand('Connection Analytics: Run Saved or Recent Query…');
    await workbench.waitForQuickInput('Run a saved or recent query');
    await workbench.page.waitForFunction((wanted) => {
      const shown = Array.from(document.querySelectorAll('.quick-input-widget .monaco-list-row .label-name'), (e) => e.textContent?.trim());
      return wanted.every((label) => shown.includes(label));
    }, labels);
  }

  /** The separators' labels the open quick pick shows (the palette's list it replaced stays in the page, hidden). */
  const separators = () =>
    workbench.quickInput.locator('.quick-input-list-separator').evaluateAll((list) =>
      list
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => e.textContent?.trim())
        .filter((text) => text !== ''),
    );

  it('saves the current query by name, runs it from the quick pick, and offers both after a reload without running', async () => {
    await workbench.setApiKeyFromWelcome('demo');
    await workbench.queryFromPalette('Last 24 hours');
    await workbench.waitForResults(new RegExp(`^last 24 h · limit 100000 · ${wholeDataset()}`));

    await workbench.runCommand('Connection Analytics: Save Query…');
    await workbench.waitForQuickInput('A name for the current query');
    await workbench.page.keyboard.type(NAME);
    await workbench.page.keyboard.press('Enter');
    await workbench.page.locator('.statusbar').getByText(`Saved query "${NAME}".`).waitFor();

    await workbench.queryFromPalette('Last 4 hours');
    await workbench.waitForResults(/^last 4 h · limit 100000/);

    const recent = ['last 4 h · limit 100000', 'last 24 h · limit 100000'];
    await openPicker([NAME, ...recent]);
    assert.deepEqual(await separators(), ['Saved', 'Recent']);
    await workbench.screenshot('34-saved-queries');
    const before = api.eventRequests.length;
    await workbench.pick(NAME);
    await workbench.waitForResults(new RegExp(`^last 24 h · limit 100000 · ${wholeDataset()}`));
    assert.equal(api.eventRequests.length, before + 1);
    assert.equal(api.eventRequests.at(-1)!.query.minutes, '1440', 'the saved range is relative: the last 24 hours now');

    const beforeReload = api.eventRequests.length;
    // The sidebar comes back open on the Connections view, which activates the extension.
    await workbench.reloadWindow();
    // The last query is current again, and waits to be run: no request was made for it.
    await workbench.welcome.getByRole('button', { name: 'Run Last Query' }).waitFor();
    assert.equal(api.eventRequests.length, beforeReload, 'a reload runs no query');
    // The saved query first; the one run from it is the newest recent query.
    await openPicker([NAME, 'last 24 h · limit 100000', 'last 4 h · limit 100000']);
    assert.deepEqual(await separators(), ['Saved', 'Recent']);
    await workbench.pick(NAME);
    await workbench.waitForResults(new RegExp(`^last 24 h · limit 100000 · ${wholeDataset()}`));
    assert.equal(api.eventRequests.length, beforeReload + 1);
  });
});
