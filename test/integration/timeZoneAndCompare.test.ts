import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompareCommandResult } from '../../src/commands/compare';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { config, EXTENSION_ID, run, useFakeApi, waitFor } from './host';

/**
 * Compare Connections from a caller, and the timeZone setting re-rendering the tree, in a real
 * extension host. Named to run after extension.test, whose first test needs the extension inactive.
 */
describe('Compare Connections and the timeZone setting in a real extension host', function () {
  this.timeout(60_000);
  const fakeApi = useFakeApi('compare-integration-key', { seed: 11, connections: 12, days: 0.5 });
  const tree = () => vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!.exports.connectionsTree;

  before(async () => {
    const result = await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 100_000 });
    assert.equal(result?.status, 'ok');
  });
  after(async () => {
    await config().update('timeZone', undefined, vscode.ConfigurationTarget.Global);
  });

  const connectionIds = async (): Promise<string[]> => {
    const roots = (await tree().getChildren()) ?? [];
    return Promise.all(roots.map(async (node) => String((await tree().getTreeItem(node)).label)));
  };

  it('compares two connections named in an argument, without a request', async () => {
    const [a, b] = await connectionIds();
    const requests = fakeApi().eventRequests.length;
    const result = await run<CompareCommandResult>('connectionAnalytics.compareConnections', { connectionIds: [a, b] });
    assert.ok(result?.status === 'ok', JSON.stringify(result));
    assert.deepEqual(result.connectionIds, [a, b]);
    // Two connections of different lives differ at least in their duration.
    assert.ok(result.differences.some((d) => d.field === 'duration'));
    assert.equal(fakeApi().eventRequests.length, requests);
  });

  it('refuses an argument that does not name two connections of the result, naming the field', async () => {
    const [a] = await connectionIds();
    for (const [argument, field] of [
      [{ connectionIds: [a] }, 'connectionIds'],
      [{ connectionIds: [a, 'conn_not_in_the_result'] }, 'connectionIds.1'],
      [{ connectionIds: [a, a] }, 'connectionIds.1'],
      [{ ids: [a, a] }, 'connectionIds'],
    ] as const) {
      const result = await run<CompareCommandResult>('connectionAnalytics.compareConnections', argument);
      assert.ok(result?.status === 'invalid', JSON.stringify(result));
      assert.ok(
        result.errors.some((e) => e.field === field && e.message.startsWith(`${field}: `)),
        JSON.stringify(result.errors),
      );
    }
  });

  it('refuses three selected rows (the context menu arguments), naming the selection, without a picker', async () => {
    const nodes = ((await tree().getChildren()) ?? []).slice(0, 3);
    assert.equal(nodes.length, 3);
    const result = await run<CompareCommandResult>('connectionAnalytics.compareConnections', nodes[0], nodes);
    assert.ok(result?.status === 'invalid', JSON.stringify(result));
    assert.deepEqual(
      result.errors.map((e) => e.field),
      ['selection'],
    );
    assert.match(result.errors[0]!.message, /^selection: 3 connections selected; Compare takes exactly two\.$/);
  });

  it('a change of timeZone renders the tree again, its tooltips naming the zone', async () => {
    const [connection] = (await tree().getChildren()) ?? [];
    const [event] = (await tree().getChildren(connection)) ?? [];
    // Made when a row is hovered (resolveTreeItem), as the hover would.
    const tooltip = async (node: unknown) => {
      const item = await tree().getTreeItem(node);
      const resolved = await tree().resolveTreeItem?.(item, node, new vscode.CancellationTokenSource().token);
      return String((resolved ?? item).tooltip);
    };
    let fired = 0;
    const subscription = tree().onDidChangeTreeData!(() => fired++);
    try {
      await config().update('timeZone', 'utc', vscode.ConfigurationTarget.Global);
      await waitFor(() => fired > 0, 'the tree to render again');
      assert.match(await tooltip(connection), /^First event \(UTC\): \d{4}-/m);
      assert.doesNotMatch(await tooltip(event), /local/);
      fired = 0;
      await config().update('timeZone', 'local', vscode.ConfigurationTarget.Global);
      await waitFor(() => fired > 0, 'the tree to render again');
      assert.match(await tooltip(connection), /^First event \(local, UTC[+-]\d\d:\d\d\): \d{4}-/m);
      assert.match(await tooltip(event), /^Time \(local, UTC[+-]\d\d:\d\d\): \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/m);
    } finally {
      subscription.dispose();
    }
  });
});
