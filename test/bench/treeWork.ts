import type { ConnectionEvent } from '../../src/core/records';
import { groupByConnection } from '../../src/core/grouping';
import type { QueryOutcome, QueryState } from '../../src/core/queryState';
import type * as ConnectionsTree from '../../src/views/connectionsTree';
import type { ConnectionsNode } from '../../src/views/connectionsNode';
import type { ConnectionsTreeProvider } from '../../src/views/connectionsTree';
import { installVscodeStub } from './vscodeStub';

/**
 * What the tree does when a result arrives, as its budget counts it: group the events, then build
 * the root nodes and the largest connection's children, each with its tree item.
 * Returns how many tree items were built.
 */
export function buildTree(events: readonly ConnectionEvent[]): number {
  const connections = groupByConnection(events, { rangeEndMs: Date.UTC(2026, 10, 28, 12) });
  const outcome = { connections, limit: events.length, limitReached: true } as unknown as QueryOutcome;
  const state = { snapshot: { outcome }, onDidChange: () => ({ dispose() {} }) } as unknown as QueryState;
  const tree = new (provider())(
    state,
    { groupBy: 'connection', narrowed: undefined },
    () => 60_000,
    () => 'utc',
  );
  let items = 0;
  const roots = tree.getChildren();
  for (const node of roots) {
    tree.getTreeItem(node);
    items++;
  }
  let largest = connections[0];
  for (const connection of connections) {
    if (connection.events.length > (largest?.events.length ?? 0)) {
      largest = connection;
    }
  }
  const children: ConnectionsNode[] = largest ? tree.getChildren({ kind: 'connection', connection: largest }) : [];
  for (const node of children) {
    tree.getTreeItem(node);
    items++;
  }
  tree.dispose();
  return items;
}

let loaded: typeof ConnectionsTreeProvider | undefined;

/** The provider, loaded after the `vscode` stub is in place. */
function provider(): typeof ConnectionsTreeProvider {
  if (!loaded) {
    installVscodeStub();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = (require('../../src/views/connectionsTree') as typeof ConnectionsTree).ConnectionsTreeProvider;
  }
  return loaded;
}
