import * as vscode from 'vscode';
import { eventsText } from '../core/counts';
import type { Connection } from '../core/grouping';
import { pickText } from '../core/notificationText';

/**
 * A connection as a quick pick item: its ID, then its service, data center and event count ("selected" first when it
 * is the one selected in the tree or the panel), the server's text shown without icons. The one home of how the
 * commands that ask for a connection (Compare, Copy for Support) list one.
 */
export function connectionPickItem(connection: Connection, selected?: string): vscode.QuickPickItem & { readonly id: string } {
  const { connectionId, serviceName, dataCenter, events } = connection;
  const parts = [connectionId === selected ? vscode.l10n.t('selected') : undefined, serviceName, dataCenter, eventsText(events.length)];
  return { id: connectionId, label: pickText(connectionId), description: pickText(parts.filter(Boolean).join(' · ')) };
}
