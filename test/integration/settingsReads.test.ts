import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { SETTINGS_SECTION } from '../../src/core/settings';
import { config, EXTENSION_ID, run, useFakeApi } from './host';

/**
 * The tree's rows read the settings they depend on (the heartbeat gap threshold, the time zone)
 * from what the extension last read, not from VS Code's configuration once per row: reading it
 * costs about a millisecond in the extension host, and VS Code asks for 500 rows at a time.
 * The tree's first paint of 100,000 events spent most of its extension host time there.
 */
const KEY = 'settings-reads-key-5e0b';

describe('settings are read once per change, not once per tree row (real extension host)', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  const tree = () => extension.exports.connectionsTree;
  useFakeApi(KEY, { seed: 31, connections: 120 });

  /** Calls `work`, counting the extension's reads of its settings section meanwhile. */
  async function countReads(work: () => Promise<void>): Promise<number> {
    const workspace = vscode.workspace as { getConfiguration: typeof vscode.workspace.getConfiguration };
    const original = workspace.getConfiguration;
    let reads = 0;
    workspace.getConfiguration = (section?: string, scope?: vscode.ConfigurationScope | null) => {
      if (section === SETTINGS_SECTION) {
        reads++;
      }
      return original.call(vscode.workspace, section, scope);
    };
    try {
      await work();
    } finally {
      workspace.getConfiguration = original;
    }
    return reads;
  }

  /** The tree items of `element`'s children, as VS Code asks for them. */
  async function renderChildren(element?: unknown): Promise<unknown[]> {
    const nodes = (await tree().getChildren(element)) ?? [];
    for (const node of nodes) {
      await tree().getTreeItem(node);
    }
    return nodes;
  }

  before(async () => {
    const outcome = await run('connectionAnalytics.queryEvents', { minutes: 4320, limit: 100_000 });
    assert.ok(outcome?.status === 'ok' && outcome.connections > 50, JSON.stringify(outcome));
  });

  after(async () => {
    await config().update('heartbeatGapSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('rendering every connection row and a connection’s event rows reads no setting per row', async () => {
    // The spy sees the extension's reads: VS Code hands one `vscode` API object to all of this extension's files.
    let rows = 0;
    const reads = await countReads(async () => {
      const roots = await renderChildren();
      rows += roots.length;
      rows += (await renderChildren(roots[0])).length;
    });
    assert.ok(rows > 50, `${rows} rows rendered`);
    assert.ok(reads <= 1, `${reads} reads of ${SETTINGS_SECTION} while rendering ${rows} rows`);
  });

  it('a changed threshold still reaches the rows: a gap above the new one is decorated', async () => {
    const decorated = async () => {
      let count = 0;
      for (const node of (await tree().getChildren()) ?? []) {
        count += (await tree().getTreeItem(node)).resourceUri ? 1 : 0;
      }
      return count;
    };
    await config().update('heartbeatGapSeconds', 86_400, vscode.ConfigurationTarget.Global);
    assert.equal(await decorated(), 0, 'no gap is above a day');
    await config().update('heartbeatGapSeconds', 1, vscode.ConfigurationTarget.Global);
    assert.ok((await decorated()) > 0, 'gaps above a second are decorated');
  });
});
