/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { FakeConsoleApi } from '../fake-api/server';
import { until, type Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

const STAGING_KEY = 'staging-key-41c7e2a09b5d';

/**
 * Profiles in a real VS Code, by keyboard: a second profile added from Switch Profile, its own key
 * set from the view's welcome, its results; the status bar and the view's title say which profile is
 * shown; switching back clears the results. Each fake API sees only its own profile's key.
 */
describe('UI: profiles', function () {
  this.timeout(240_000);
  const session = useWorkbench('profiles', { api: { key: 'demo', seed: 51, connections: 8, days: 0.5 } });
  let api: FakeConsoleApi;
  let staging: FakeConsoleApi;
  let workbench: Workbench;

  before(async () => {
    ({ api, workbench } = session());
    staging = await FakeConsoleApi.start({ key: STAGING_KEY, seed: 52, connections: 3, days: 0.5 });
  });

  after(async () => {
    await staging?.close();
  });

  /** The status bar's profile item, found by what a screen reader says of it. */
  const profileItem = (name: string) =>
    workbench.page.locator('.statusbar').getByRole('button', { name: new RegExp(`^Connection Analytics profile: ${name} \\(`) });
  /** The Connections view's header, which names the profile beside the view's title. */
  const viewHeader = () => workbench.view.locator('.pane-header');

  it('adds a profile, sets its key, shows its own results, and switches back', async () => {
    await workbench.setApiKeyFromWelcome('demo');
    await workbench.queryFromPalette('Last 24 hours');
    await workbench.waitForResults(/^last 24 h · limit 1000 · 8 connections/);

    // Switch Profile → Add Profile…: a name, then its URL; the new profile is shown at once.
    await workbench.runCommand('Connection Analytics: Switch Profile');
    await workbench.waitForQuickInput('Shown now: default');
    await workbench.pick('Add Profile…');
    await workbench.waitForQuickInput('A name for the organization or environment');
    await workbench.page.keyboard.type('staging');
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput('The Console API URL of "staging"');
    await workbench.page.keyboard.type(staging.url);
    await workbench.page.keyboard.press('Enter');

    // The default profile's results are gone; staging has no key yet.
    await workbench.welcome.getByRole('button', { name: 'Set API Key' }).waitFor();
    await profileItem('staging').waitFor();
    await viewHeader().getByText('staging', { exact: true }).waitFor({ state: 'attached' });
    assert.equal(staging.requests.length, 0, 'nothing is sent to a profile without its key');

    // Set API Key from the palette: for the profile shown, as its title says.
    await workbench.runCommand('Connection Analytics: Set API Key');
    await workbench.waitForQuickInput(/Set API Key for staging \(127\.0\.0\.1:\d+\)/);
    await workbench.page.keyboard.type(STAGING_KEY);
    await workbench.page.keyboard.press('Enter');
    await workbench.welcome.getByRole('button', { name: 'Query Events' }).waitFor();
    await workbench.queryFromPalette('Last 24 hours');
    // The message line names the profile first, as soon as there are two.
    await workbench.waitForResults(/^staging · last 24 h · limit 1000 · 3 connections/);

    await workbench.clearNotifications();
    await workbench.runCommand('Connection Analytics: Switch Profile');
    await workbench.waitForQuickInput('Shown now: staging');
    await workbench.focusEntry('default');
    await workbench.screenshot('40-profiles');
    await workbench.page.keyboard.press('Enter');

    // Back on default: its key is still there, the results of staging are not.
    await profileItem('default').waitFor();
    await workbench.welcome.getByRole('button', { name: 'Run Last Query' }).waitFor();
    await workbench.welcome.getByRole('button', { name: 'Run Last Query' }).click();
    await workbench.waitForResults(/^default · last 24 h · limit 1000 · 8 connections/);

    await until(() => api.requests.length > 0 && staging.requests.length > 0, 'both servers were asked');
    const keysOf = (server: FakeConsoleApi) => [...new Set(server.requests.map((r) => r.headers.authorization))];
    assert.deepEqual(keysOf(api), ['demo']);
    assert.deepEqual(keysOf(staging), [STAGING_KEY]);
  });
});
