import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SavedQueryResult } from '../../src/commands/savedQueries';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { MAX_HISTORY } from '../../src/core/queryHistory';
import type { FakeConsoleApi } from '../fake-api/server';
import { config, EXTENSION_ID, run, useFakeApi } from './host';

/**
 * Saved queries and history in the real extension host: saved in the settings, run by name with the
 * request the fake API sees, a broken one refused naming its field before any request, and the
 * history of every entry point kept in global storage, newest first and distinct.
 */
const KEY = 'saved-queries-key-41c7';

describe('saved queries and history (real extension host)', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  const history = () => extension.exports.queryHistory();
  const saved = () => config().inspect<unknown[]>('savedQueries');
  const save = (argument?: unknown) => run<SavedQueryResult>('connectionAnalytics.saveQuery', argument);
  const runSaved = (argument?: unknown) => run('connectionAnalytics.runSavedQuery', argument);
  let api: FakeConsoleApi;
  let service: string;

  const fakeApi = useFakeApi(KEY, { seed: 11, connections: 60 });
  before(() => {
    api = fakeApi();
    service = api.dataset.connections[0]!.serviceName;
  });
  afterEach(async () => {
    await config().update('savedQueries', undefined, vscode.ConfigurationTarget.Global);
    await config().update('savedQueries', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('saves the current query under a name in user settings, a relative range as relative, and runs it by name', async () => {
    assert.equal((await run('connectionAnalytics.queryEvents', { minutes: ' 120', serviceName: service }))?.status, 'ok');
    assert.deepEqual(await save({ name: '  Team feed  ' }), { status: 'saved', name: 'Team feed', scope: 'user', replaced: false });
    assert.deepEqual(saved()?.globalValue, [{ name: 'Team feed', query: { serviceName: service, minutes: 120 } }]);
    assert.equal(saved()?.workspaceValue, undefined);

    assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 5 }))?.status, 'ok');
    const before = api.eventRequests.length;
    const result = await runSaved({ name: 'Team feed' });
    assert.equal(result?.status, 'ok', JSON.stringify(result));
    assert.equal(api.eventRequests.length, before + 1);
    const sent = api.eventRequests.at(-1)!.query;
    assert.equal(sent.serviceName, service);
    assert.equal(sent.minutes, '120', 'still the last 120 minutes, not a window frozen when it was saved');
  });

  it('an existing name is refused unless overwrite is set; a name from the workspace is replaced there', async () => {
    await run('connectionAnalytics.queryEvents', { minutes: 30 });
    await config().update(
      'savedQueries',
      [{ name: 'Shared', query: { minutes: 5 } }, 'kept as written'],
      vscode.ConfigurationTarget.Workspace,
    );
    const refused = await save({ name: 'Shared' });
    assert.equal(refused?.status, 'invalid');
    assert.equal(refused?.status === 'invalid' && refused.errors[0]?.field, 'name');
    assert.deepEqual(await save({ name: 'Shared', overwrite: true }), {
      status: 'saved',
      name: 'Shared',
      scope: 'workspace',
      replaced: true,
    });
    assert.deepEqual(saved()?.workspaceValue, [{ name: 'Shared', query: { minutes: 30 } }, 'kept as written']);
    assert.equal(saved()?.globalValue, undefined);
    assert.deepEqual(await run('connectionAnalytics.deleteSavedQuery', { name: 'Shared' }), {
      status: 'deleted',
      name: 'Shared',
      scope: 'workspace',
    });
    assert.deepEqual(saved()?.workspaceValue, ['kept as written']);
  });

  it('a broken saved query is refused before any request, naming the saved query and the field', async () => {
    const long = 'L'.repeat(10_000);
    await config().update(
      'savedQueries',
      [
        { name: 'Wrong type', query: { minutes: 'soon' } },
        { name: 'Unknown parameter', query: { service: 'coinapi-ws' } },
        { name: 'Bad time', query: { timeStart: 'yesterday' } },
        { name: 'No query' },
        { name: long, query: { limit: -1 } },
      ],
      vscode.ConfigurationTarget.Global,
    );
    const before = api.eventRequests.length;
    const cases: [unknown, string, RegExp][] = [
      [{ name: 'Wrong type' }, 'minutes', /^Saved query "Wrong type": minutes: must be a whole number/],
      [{ name: 'Unknown parameter' }, 'service', /^Saved query "Unknown parameter": service: is not a query parameter/],
      [{ name: 'Bad time' }, 'timeStart', /^Saved query "Bad time": timeStart: is not a date-time/],
      [{ name: 'No query' }, 'query', /^Saved query "No query": query: is missing/],
      [{ name: long }, 'limit', new RegExp(`^Saved query "${'L'.repeat(100)}…": limit: must be at least 1`)],
      [{ name: 'Nobody' }, 'name', /^name: no saved query is named "Nobody"/],
      [{ name: 7 }, 'name', /^name: expected string, got number/],
    ];
    for (const [argument, field, message] of cases) {
      const result = await runSaved(argument);
      assert.ok(result && result.status === 'invalid', JSON.stringify(result));
      assert.equal(result.errors[0]?.field, field, JSON.stringify(argument).slice(0, 80));
      assert.match(result.errors[0]!.message, message);
    }
    const misspelt = await runSaved({ nme: 'x' });
    assert.deepEqual(misspelt?.status === 'invalid' && misspelt.errors.map((e) => e.field).sort(), ['name', 'nme']);
    assert.equal(api.eventRequests.length, before, 'no request for a refused query');
  });

  it('an entry of the setting that cannot be named is listed in Run Saved Query, and choosing it says which entry and field', async () => {
    await config().update('savedQueries', [{ query: { minutes: 5 } }], vscode.ConfigurationTarget.Global);
    const before = api.eventRequests.length;
    let answer: SavedQueryResult | undefined;
    let answered = false;
    void runSaved().then((result) => {
      answer = result as SavedQueryResult | undefined;
      answered = true;
    });
    // The quick pick's first item is the broken entry (saved before recent): Enter on it, once it is open.
    const deadline = Date.now() + 10_000;
    while (!answered) {
      assert.ok(Date.now() < deadline, 'timed out waiting for the quick pick to take Enter');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(answer, {
      status: 'invalid',
      errors: [{ field: 'name', message: 'Unnamed entry 1 (user settings): name: is missing.' }],
    });
    assert.equal(api.eventRequests.length, before, 'nothing run');
  });

  it('hostile names are names: saved, listed and run by name', async () => {
    await run('connectionAnalytics.queryEvents', { minutes: 15 });
    const names = ['__proto__', 'constructor', '<img src=x onerror=alert(1)>', '=HYPERLINK("x")'];
    for (const name of names) {
      assert.equal((await save({ name }))?.status, 'saved', name);
    }
    assert.deepEqual(
      saved()?.globalValue?.map((entry) => (entry as { name: string }).name),
      names,
    );
    const tooLong = await save({ name: 'x'.repeat(10_000) });
    assert.equal(tooLong?.status === 'invalid' && tooLong.errors[0]?.message, 'name: is too long (10000 characters; at most 100).');
    await run('connectionAnalytics.queryEvents', { minutes: 5 });
    const before = api.eventRequests.length;
    for (const name of names) {
      assert.equal((await runSaved({ name }))?.status, 'ok', name);
    }
    assert.equal(api.eventRequests.length, before + names.length);
    assert.ok(api.eventRequests.slice(before).every((r) => r.query.minutes === '15'));
  });

  it('keeps the last distinct queries of every entry point, newest first, in global storage; Clear Query History forgets them', async () => {
    await run('connectionAnalytics.queryEvents', { minutes: 60, dataCenter: 'eu-west-1' });
    await extension.exports.receivePanelMessage({ type: 'runQuery', query: { minutes: '90', serviceName: service } });
    await config().update('savedQueries', [{ name: 'Saved', query: { minutes: 45 } }], vscode.ConfigurationTarget.Global);
    await runSaved({ name: 'Saved' });
    const connectionId = api.dataset.connections[1]!.connectionId;
    await run('connectionAnalytics.queryConnection', connectionId);
    // The same query again, spelled otherwise: moved to the front, not added.
    await run('connectionAnalytics.queryEvents', { dataCenter: ' eu-west-1', minutes: '60' });
    // Refresh and Load Older keep the query: nothing new.
    await run('connectionAnalytics.refresh');
    const recent = history().slice(0, 4);
    assert.deepEqual(recent[0], { dataCenter: 'eu-west-1', minutes: 60 });
    assert.equal(recent[1]?.connectionId, connectionId, JSON.stringify(recent));
    assert.deepEqual(recent.slice(2), [{ minutes: 45 }, { serviceName: service, minutes: 90 }]);
    assert.equal(history().filter((entry) => entry.dataCenter === 'eu-west-1').length, 1);

    for (let minutes = 1; minutes <= MAX_HISTORY + 2; minutes++) {
      await run('connectionAnalytics.queryEvents', { minutes, limit: 10 });
    }
    assert.equal(history().length, MAX_HISTORY);
    assert.deepEqual(history()[0], { minutes: MAX_HISTORY + 2, limit: 10 });
    assert.deepEqual(await run('connectionAnalytics.clearQueryHistory'), { status: 'cleared', count: MAX_HISTORY });
    assert.deepEqual(history(), []);
  });

  it('Save Query refuses a wrong argument, naming the field, and writes nothing', async () => {
    await run('connectionAnalytics.queryEvents', { minutes: 20 });
    const cases: [unknown, string][] = [
      [{ name: 'x', extra: true }, 'extra'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x', overwrite: 'yes' }, 'overwrite'],
      ['x', 'argument'],
    ];
    for (const [argument, field] of cases) {
      const result = await save(argument);
      assert.equal(result?.status === 'invalid' && result.errors[0]?.field, field, JSON.stringify(argument));
    }
    assert.equal(saved()?.globalValue, undefined);
  });
});
