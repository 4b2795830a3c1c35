import * as l10n from '@vscode/l10n';
import type { Connection } from './grouping';
import { outcomeLabel, outcomeOf } from './outcomes';

/**
 * What the Connections view groups connections by: `connection` is no grouping
 * (the connections at the top level, as before); the others put a level of
 * groups above them.
 */
export const GROUP_BY = ['connection', 'service', 'apiKey', 'dataCenter', 'eventType', 'closeCause'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export function isGroupBy(value: unknown): value is GroupBy {
  return typeof value === 'string' && (GROUP_BY as readonly string[]).includes(value);
}

/** One group: its key (a value from the server, or an outcome), what its row says, and its connections in the result's order. */
export interface ConnectionGroup {
  readonly key: string;
  readonly label: string;
  readonly connections: readonly Connection[];
}

/**
 * The keys of the groups a connection belongs to. One, except by event type:
 * a connection is under each type it has events of. A missing value is the
 * empty key. By close cause, the key is the outcome (`closed · client closed`,
 * `open`, `unknown`).
 */
export function groupKeys(connection: Connection, by: GroupBy): readonly string[] {
  switch (by) {
    case 'connection':
      return [connection.connectionId];
    case 'service':
      return [connection.serviceName ?? ''];
    case 'apiKey':
      return [connection.apiKeyId ?? ''];
    case 'dataCenter':
      return [connection.dataCenter ?? ''];
    case 'eventType':
      return [...connection.countsByType.keys()];
    case 'closeCause':
      return [outcomeLabel(outcomeOf(connection))];
  }
}

/**
 * Groups connections by `by`, in a `Map`: the keys come from the server, and
 * `__proto__` or `constructor` are groups like any other. The largest groups
 * come first, then by key; within a group the connections keep their order.
 */
export function groupConnections(connections: readonly Connection[], by: GroupBy): ConnectionGroup[] {
  const groups = new Map<string, Connection[]>();
  for (const connection of connections) {
    for (const key of groupKeys(connection, by)) {
      const list = groups.get(key);
      if (list) {
        list.push(connection);
      } else {
        groups.set(key, [connection]);
      }
    }
  }
  return [...groups]
    .map(([key, list]) => ({ key, label: key === '' ? l10n.t('(none)') : key, connections: list }))
    .sort((a, b) => b.connections.length - a.connections.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The group in which to reveal an event: by event type, its own type's; otherwise the connection's only group. */
export function groupKeyOfEvent(connection: Connection, eventType: string, by: GroupBy): string {
  // Every grouping but by event type gives each connection exactly one key.
  return by === 'eventType' ? eventType : (groupKeys(connection, by)[0] ?? '');
}
