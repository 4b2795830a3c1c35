import type { ConnectionEvent } from '../../src/core/records';
import { extendConnections, groupByConnection, type Connection } from '../../src/core/grouping';
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
  return treeOf(groupByConnection(events, { rangeEndMs: RANGE_END_MS }), events.length);
}

/**
 * The same for a result that arrived in pages (Load Older): `prepare` groups the pages before the last one,
 * untimed, and returns the timed work, adding the last page (QueryState's path: core/grouping
 * `extendConnections`) and building the tree's nodes.
 */
export function pagedTree(events: readonly ConnectionEvent[], lastPage: number): { prepare(): () => number } {
  const cut = events.length - lastPage;
  const before = events.slice(0, cut);
  const page = events.slice(cut);
  return {
    prepare() {
      const base = groupByConnection(before, { rangeEndMs: RANGE_END_MS });
      return () => treeOf(extendConnections(base, page, { rangeEndMs: RANGE_END_MS }).connections, events.length);
    },
  };
}

const RANGE_END_MS = Date.UTC(2026, 10, 28, 12);

function treeOf(connections: readonly Connection[], limit: number): number {
  const outcome = { connections, limit, limitReached: true } as unknown as QueryOutcome;
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
