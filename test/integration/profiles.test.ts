import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwitchProfileResult } from '../../src/commands/profiles';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import type { ToggleLiveTailResult } from '../../src/commands/liveTail';
import { EVENTS_PATH, FakeConsoleApi } from '../fake-api/server';
import { config, EXTENSION_ID, logLines, run, waitFor } from './host';

/**
 * Profiles in a real extension host, judged by what two fake Console APIs were sent: each sees only
 * its own profile's key, whatever the order of switches, Set API Key, queries in flight and the tail.
 */
const KEY_A = 'profile-a-key-0f3c9e71d2b4';
/** A UUID, as real keys are: one that can be typed where a key ID goes. */
const KEY_B = '8a61d5c0-e94f-4b2d-9c3e-71d2b40f3c9e';
/** The seeded connections' whole span: every query has rows. */
const WEEK = { minutes: 7 * 24 * 60 };

describe('profiles (real extension host)', function () {
  this.timeout(120_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  let a: FakeConsoleApi;
  let b: FakeConsoleApi;

  const switchTo = async (name: string) => {
    const result = await run<SwitchProfileResult>('connectionAnalytics.switchProfile', { name });
    assert.equal(result?.status, 'ok', JSON.stringify(result));
    return result as Extract<SwitchProfileResult, { status: 'ok' }>;
  };
  const treeRows = async () => ((await extension.exports.connectionsTree.getChildren()) ?? []).length;
  /** Every key each server was sent, whichever header carried it. */
  const keysSeenBy = (api: FakeConsoleApi) =>
    new Set(api.requests.map((r) => String(r.headers.authorization ?? r.headers['x-coinapi-key'])));
  /**
   * Each key stayed at its own profile's URL. Staging's server has seen staging's key alone. The default
   * profile's server has not seen staging's key; it may have seen the key an earlier suite left for the
   * default profile (Connected Now asks as soon as baseUrl points there), which is that profile's own.
   */
  const keysKeptApart = () => {
    assert.deepEqual([...keysSeenBy(b)], b.requests.length === 0 ? [] : [KEY_B], "staging's server saw staging's key only");
    assert.ok(!keysSeenBy(a).has(KEY_B), "default's server never saw staging's key");
  };
  /** Writes the profiles setting and waits until this extension host has taken it in (its listeners ran first). */
  const setProfiles = async (value: unknown) => {
    const taken = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('connectionAnalytics.profiles')) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await config().update('profiles', value, vscode.ConfigurationTarget.Global);
    await taken;
  };

  before(async () => {
    a = await FakeConsoleApi.start({ key: KEY_A, seed: 41, connections: 30 });
    b = await FakeConsoleApi.start({ key: KEY_B, seed: 42, connections: 12 });
    // An earlier suite's key is the default profile's until now: re-pointing the profile would take it along
    // (a background load, as editing baseUrl always did), and each server must see only this suite's keys.
    await extension.activate();
    await switchTo('default');
    await run('connectionAnalytics.clearApiKey', { confirm: false });
    await config().update('baseUrl', a.url, vscode.ConfigurationTarget.Global);
    await extension.activate();
    await setProfiles([{ name: 'staging', baseUrl: b.url }]);
    await switchTo('default');
    assert.equal(await run<boolean>('connectionAnalytics.setApiKey', { apiKey: KEY_A }), true);
  });

  afterEach(() => {
    a.setFault(undefined);
    b.setFault(undefined);
  });

  after(async () => {
    await switchTo('staging');
    await run('connectionAnalytics.clearApiKey', { confirm: false });
    await switchTo('default');
    await setProfiles(undefined);
    await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await a.close();
    await b.close();
  });

  it('a new profile has no key: nothing is sent anywhere until one is set for it, and then only to its own URL', async () => {
    assert.equal((await run('connectionAnalytics.queryEvents', WEEK))?.status, 'ok');
    assert.ok((await treeRows()) > 0, 'default shows its results');
    const sentToA = a.requests.length;

    assert.equal((await switchTo('staging')).hasApiKey, false);
    assert.equal(await treeRows(), 0, "the default profile's results went with the switch");
    const refused = await run('connectionAnalytics.queryEvents', WEEK);
    assert.equal(refused?.status, 'failed');
    assert.match((refused as { error: string }).error, /No API key is set for the profile "staging"/);
    assert.equal(b.requests.length, 0, 'nothing reached staging without its key');
    assert.equal(a.requests.length, sentToA, "nor was default's key sent anywhere");

    assert.equal(await run<boolean>('connectionAnalytics.setApiKey', { apiKey: KEY_B }), true);
    const ran = await run('connectionAnalytics.queryEvents', WEEK);
    assert.equal(ran?.status, 'ok');
    keysKeptApart();
  });

  it('switching back and forth keeps each key at its own URL, and each result its own', async () => {
    await switchTo('default');
    const fromA = await run('connectionAnalytics.queryEvents', WEEK);
    await switchTo('staging');
    const fromB = await run('connectionAnalytics.queryEvents', WEEK);
    assert.ok(fromA?.status === 'ok' && fromB?.status === 'ok');
    assert.notEqual(fromA.connections, fromB.connections, 'two organizations, two results (30 and 12 connections seeded)');
    await switchTo('default');
    assert.equal(await treeRows(), 0);
    keysKeptApart();
  });

  it('a query in flight when the profile switches is cancelled: its answer never lands in the other profile', async () => {
    await switchTo('default');
    a.setFault({ delayMs: 2_000, path: EVENTS_PATH, times: 1 });
    const before = a.eventRequests.length;
    const pending = run('connectionAnalytics.queryEvents', WEEK);
    await waitFor(() => a.eventRequests.length > before, 'the query reaching default');
    await switchTo('staging');
    assert.equal((await pending)?.status, 'cancelled');
    assert.equal(await treeRows(), 0, 'nothing of default is shown under staging');
    keysKeptApart();
  });

  it('Set API Key checks and stores the key for the profile shown when it started, even if the user switches meanwhile', async () => {
    await switchTo('staging');
    b.setFault({ delayMs: 1_500, path: EVENTS_PATH, times: 1 });
    const before = b.eventRequests.length;
    const pending = run<boolean>('connectionAnalytics.setApiKey', { apiKey: KEY_B });
    await waitFor(() => b.eventRequests.length > before, 'the key check reaching staging');
    await switchTo('default');
    assert.equal(await pending, false, 'the check was cancelled with the switch; nothing is stored');
    // default still has its own key: a query goes to A with KEY_A.
    assert.equal((await run('connectionAnalytics.queryEvents', WEEK))?.status, 'ok');
    keysKeptApart();
    await switchTo('staging');
    assert.equal((await run('connectionAnalytics.queryEvents', WEEK))?.status, 'ok', "staging's key is still its own");
    keysKeptApart();
  });

  it("an empty result's explanation is the profile's own: after a switch, Refresh asks the new profile, not the old answer", async () => {
    await switchTo('default');
    // A window long before the seeded data: empty, and the explainer asks for the newest event (one extra request).
    const empty = { timeStart: '2001-01-01T00:00:00Z', timeEnd: '2001-01-02T00:00:00Z' };
    const onA = await run('connectionAnalytics.queryEvents', empty);
    assert.ok(onA?.status === 'ok' && onA.events === 0 && onA.explanation !== undefined, JSON.stringify(onA));
    await switchTo('staging');
    const before = b.eventRequests.length;
    // Refresh runs the very query object still current after the switch.
    const onB = await run('connectionAnalytics.refresh');
    assert.ok(onB?.status === 'ok' && onB.events === 0, JSON.stringify(onB));
    assert.deepEqual(
      b.eventRequests.slice(before).map((r) => r.query.limit),
      ['1000', '1'],
      "staging was asked the query and the explainer's probe: default's explanation is not staging's",
    );
    const fresh = await run('connectionAnalytics.queryEvents', empty);
    assert.equal(onB.explanation?.message, fresh?.status === 'ok' ? fresh.explanation?.message : undefined);
  });

  it('Set API Key sends the key typed for one profile to that profile only, when another is shown before the check', async () => {
    await switchTo('staging');
    const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
    const original = window.showInputBox;
    let typed: ((value: string) => void) | undefined;
    // The person types staging's key into "Set API Key for staging"; meanwhile a keybinding shows default.
    window.showInputBox = () => new Promise<string | undefined>((resolve) => (typed = resolve));
    try {
      const pending = run<boolean>('connectionAnalytics.setApiKey');
      await waitFor(() => typed !== undefined, 'the API key prompt');
      await switchTo('default');
      typed!(KEY_B);
      assert.equal(await pending, false, 'nothing is checked or stored once another profile is shown');
    } finally {
      window.showInputBox = original;
    }
    assert.deepEqual([...keysSeenBy(a)], [KEY_A], "staging's key never reached default's URL");
    assert.deepEqual([...keysSeenBy(b)], [KEY_B]);
    assert.equal((await run('connectionAnalytics.queryEvents', WEEK))?.status, 'ok', "default's key is still its own");
  });

  it("a query that filters on another profile's key as a key ID is not kept in the query history", async () => {
    // staging's key is known to this window: it was set in the first test.
    await switchTo('default');
    const result = await run('connectionAnalytics.queryEvents', { ...WEEK, apiKeyId: KEY_B.toUpperCase() });
    assert.ok(result?.status === 'ok', JSON.stringify(result));
    const kept = extension.exports.queryHistory().filter((q) => String(q.apiKeyId).toLowerCase() === KEY_B);
    assert.deepEqual(kept, [], "staging's key is not stored in the history (global state, not secret storage)");
  });

  it('switching turns the live tail off: it followed the other profile', async () => {
    await switchTo('staging');
    assert.equal((await run('connectionAnalytics.queryEvents', WEEK))?.status, 'ok');
    const on = await run<ToggleLiveTailResult>('connectionAnalytics.toggleLiveTail', { enabled: true });
    assert.ok(on?.status === 'ok' && on.enabled);
    await switchTo('default');
    await waitFor(() => !extension.exports.liveTailStatus().enabled, 'the tail to stop');
    keysKeptApart();
  });

  it('refuses an unknown profile by naming the field, and changes nothing', async () => {
    await switchTo('default');
    const result = await run<SwitchProfileResult>('connectionAnalytics.switchProfile', { name: 'prod' });
    assert.ok(result?.status === 'invalid', JSON.stringify(result));
    assert.equal(result.errors[0]!.field, 'name');
    assert.match(result.errors[0]!.message, /default, staging/);
    const none = await run<SwitchProfileResult>('connectionAnalytics.switchProfile', { name: 42 });
    assert.equal(none?.status, 'invalid');
    assert.equal((await run('connectionAnalytics.queryEvents', WEEK))?.status, 'ok', 'still on default');
  });

  it('a profile removed from the settings while shown gives way to default, with its results', async () => {
    await switchTo('staging');
    assert.equal((await run('connectionAnalytics.queryEvents', WEEK))?.status, 'ok');
    assert.ok((await treeRows()) > 0);
    await setProfiles([]);
    const deadline = Date.now() + 10_000;
    while ((await treeRows()) > 0) {
      assert.ok(Date.now() < deadline, "staging's results went with it");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal((await run('connectionAnalytics.queryEvents', WEEK))?.status, 'ok');
    keysKeptApart();
    await setProfiles([{ name: 'staging', baseUrl: b.url }]);
  });

  it('redacts every profile’s key from the log, whichever server echoed it', async () => {
    await switchTo('default');
    a.setFault({ echoKey: true, status: 500 });
    await run('connectionAnalytics.queryEvents', WEEK);
    await switchTo('staging');
    b.setFault({ echoKey: true, status: 401 });
    await run('connectionAnalytics.queryEvents', WEEK);
    const lines = logLines().join('\n');
    assert.ok(lines.includes('Profile: staging'), 'the log says which profile is shown');
    assert.ok(!lines.includes(KEY_A) && !lines.includes(KEY_B), 'neither key is in the log');
  });
});
