import type { ConnectionGroup } from '../core/connectionGroups';
import type { Connection, TimedEvent } from '../core/grouping';

/** A row of the Connections tree, as VS Code passes it back to a command run on it. */
export type ConnectionsNode =
  | { readonly kind: 'group'; readonly group: ConnectionGroup }
  /** `group` is the key of the group the connection is shown under, when the tree is grouped. */
  | { readonly kind: 'connection'; readonly connection: Connection; readonly group?: string }
  | { readonly kind: 'event'; readonly connection: Connection; readonly timed: TimedEvent; readonly group?: string }
  /** `key` names the page it continues: its parent's item ID, empty for the top level. */
  | { readonly kind: 'more'; readonly key: string; readonly parent: ConnectionsNode | undefined; readonly remaining: number }
  | { readonly kind: 'older'; readonly limit: number };

/**
 * Whether a command's argument is a row of this tree (as VS Code passes the row a menu was opened on)
 * rather than a keybinding's or another extension's object: a known kind, and for a connection or an
 * event row, the connection (and event) it stands for. The one check, for every command a row runs.
 */
export function isConnectionsNode(value: unknown): value is ConnectionsNode {
  if (typeof value !== 'object' || value === null || !('kind' in value)) {
    return false;
  }
  const node = value as { kind: unknown; connection?: { connectionId?: unknown }; timed?: { event?: unknown } };
  switch (node.kind) {
    case 'connection':
      return typeof node.connection?.connectionId === 'string';
    case 'event':
      return typeof node.connection?.connectionId === 'string' && typeof node.timed?.event === 'object' && node.timed.event !== null;
    case 'group':
    case 'more':
    case 'older':
      return true;
    default:
      return false;
  }
}
