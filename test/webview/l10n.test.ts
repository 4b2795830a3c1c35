import * as assert from 'node:assert/strict';
import type { ActionButton, StatusMessage } from '../../src/shared/protocol';
import { PanelPage } from './page';
import { makeRows, results, STATUS } from './fixtures';

/**
 * A stand-in translation, as `vscode.l10n.bundle` would carry one: strings of the page itself, of
 * core's query model (a label, a preset, a validation message, a duration) and of the table.
 */
const GERMAN: Record<string, string> = {
  Apply: 'Anwenden',
  'Filter loaded events': 'Geladene Ereignisse filtern',
  'Time range': 'Zeitraum',
  'Last hour': 'Letzte Stunde',
  'API key ID': 'API-Schlüssel-ID',
  'must be a UUID, e.g. {0}.': 'muss eine UUID sein, z. B. {0}.',
  Description: 'Beschreibung',
  '{0} events': '{0} Ereignisse',
  '{0} connections': '{0} Verbindungen',
  '1 connection': '1 Verbindung',
  'The limit of {0} was reached: older events are not loaded.': 'Das Limit von {0} wurde erreicht: ältere Ereignisse sind nicht geladen.',
};

/** Titles no English source has: the page can only have them from the host's message. */
const HOST_BUTTONS: readonly ActionButton[] = [
  { action: 'retry', title: 'Erneut versuchen', icon: 'sync' },
  { action: 'openSettings', title: 'Einstellungen öffnen', icon: 'gear' },
  { action: 'editQuery', title: 'Abfrage bearbeiten', icon: 'edit' },
  { action: 'loadOlder', title: 'Ältere laden', icon: 'history' },
];

describe('events panel in the user’s language (webview bundle in Chromium)', function () {
  this.timeout(60_000);
  let panel: PanelPage;

  afterEach(async () => {
    await panel.close();
  });

  it('speaks the language of the bundle the host passes: its own strings and core’s', async () => {
    panel = await PanelPage.open(undefined, { bundle: GERMAN, language: 'de' });
    const page = panel.page;
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    await page.getByRole('button', { name: 'Anwenden' }).waitFor();
    await page.getByLabel('Geladene Ereignisse filtern').waitFor();
    assert.equal(await page.locator('label[for="f-range"]').textContent(), 'Zeitraum');
    assert.equal(await page.locator('label[for="f-apiKeyId"]').textContent(), 'API-Schlüssel-ID');
    assert.equal(await page.locator('#f-range option[value="60"]').textContent(), 'Letzte Stunde');

    await panel.send({ ...STATUS, actions: HOST_BUTTONS });
    await page.locator('#f-apiKeyId').fill('not-a-uuid');
    assert.match((await page.locator('#e-apiKeyId').textContent()) ?? '', /^apiKeyId: muss eine UUID sein, z\. B\. /);

    await panel.send(results(makeRows(20), { limit: 20, limitReached: true }));
    assert.equal(await page.locator('[role=columnheader] button').last().textContent(), 'Beschreibung');
    assert.equal(await page.locator('.shown-count').textContent(), '20 Ereignisse');
    await page.getByText('Das Limit von 20 wurde erreicht: ältere Ereignisse sind nicht geladen.').waitFor();
    // The banner's counts, singular or plural as the bundle says them.
    assert.equal(await page.locator('.banner .summary').textContent(), 'last 24 h · limit 100000 · 97 Verbindungen, 20 Ereignisse');
    await panel.send(results(makeRows(1), { connections: 1 }));
    assert.equal(await page.locator('.banner .summary').textContent(), 'last 24 h · limit 100000 · 1 Verbindung, 1 event');
  });

  it('titles and draws each button as the host says, and offers every action of a failure', async () => {
    panel = await PanelPage.open();
    const status: StatusMessage = {
      ...STATUS,
      actions: HOST_BUTTONS,
      error: { message: 'The response is too large.', actions: ['editQuery', 'openSettings', 'retry'] },
    };
    await panel.send(status);
    const alert = panel.page.getByRole('alert').filter({ hasText: 'too large' });
    await alert.waitFor();
    assert.deepEqual(
      (await alert.getByRole('button').allTextContents()).map((t) => t.trim()),
      ['Abfrage bearbeiten', 'Einstellungen öffnen', 'Erneut versuchen'],
    );
    assert.equal(
      await alert.getByRole('button', { name: 'Einstellungen öffnen' }).locator('.codicon').getAttribute('class'),
      'codicon codicon-gear',
    );
    await alert.getByRole('button', { name: 'Einstellungen öffnen' }).click();
    assert.deepEqual(panel.postedOfType('action').at(-1), { type: 'action', action: 'openSettings' });
    await alert.getByRole('button', { name: 'Erneut versuchen' }).click();
    assert.deepEqual(panel.postedOfType('action').at(-1), { type: 'action', action: 'retry' });
  });
});
