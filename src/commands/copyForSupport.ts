import * as vscode from 'vscode';
import { connectionPickItem } from './connectionPick';
import { parseConnectionArgument } from '../core/exportArguments';
import type { Connection } from '../core/grouping';
import type { FieldError } from '../core/query';
import type { QueryOutcome, QueryState } from '../core/queryState';
import { supportReport } from '../core/supportReport';
import type { TimeZone } from '../core/time';
import type { ErrorPresenter } from '../services/errorPresenter';
import { buildTimeline } from '../core/timeline';
import { copyToClipboard } from '../views/clipboard';
import { isConnectionsNode } from '../views/connectionsNode';
import type { OutcomeIndex } from '../views/outcomeIndex';

/** What Copy for Support returns to a caller: the connection whose report was copied, or why none was. */
export type CopyForSupportResult =
  | { readonly status: 'ok'; readonly connectionId: string; readonly events: number }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly status: 'notFound'; readonly connectionId: string }
  | { readonly status: 'noResults' }
  | { readonly status: 'cancelled' };

export interface CopyForSupportDependencies {
  readonly state: QueryState;
  /** The connection selected in the tree or the panel, offered first when the palette asks which. */
  readonly selected: () => string | undefined;
  readonly timeZone: () => TimeZone;
  readonly heartbeatGapSeconds: () => number;
  /** The outcome's index (views/outcomeIndex), passed in: the extension's one cache, not a second in the commands bundle. */
  readonly index: (outcome: QueryOutcome) => OutcomeIndex;
  readonly errors: Pick<ErrorPresenter, 'invalidArgument'>;
}

/**
 * Copy for Support: a connection of the current result as a short Markdown report on the clipboard
 * (core/supportReport), from a tree row, an argument `{ "connectionId": "conn_…" }`, or a quick pick
 * of the result's connections with the one selected in the tree or the panel first.
 */
export async function copyForSupport(deps: CopyForSupportDependencies, target?: unknown): Promise<CopyForSupportResult> {
  const outcome = deps.state.snapshot.outcome;
  let connectionId: string | undefined;
  if (isConnectionsNode(target)) {
    connectionId = target.kind === 'connection' || target.kind === 'event' ? target.connection.connectionId : undefined;
  } else if (target !== undefined) {
    const parsed = parseConnectionArgument(target);
    if (!parsed.ok) {
      deps.errors.invalidArgument(vscode.l10n.t('Copy for Support'), parsed.errors);
      return { status: 'invalid', errors: parsed.errors };
    }
    connectionId = parsed.value;
  }
  if (!outcome) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no results to copy from: run a query first.'));
    return { status: 'noResults' };
  }
  connectionId ??= await pickConnection(outcome.connections, deps.selected());
  if (connectionId === undefined) {
    return { status: 'cancelled' };
  }
  const connection = deps.index(outcome).connections.get(connectionId);
  if (!connection) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Connection {0} is not in the results shown.', connectionId));
    return { status: 'notFound', connectionId };
  }
  const timeline = buildTimeline(connection, { gapThresholdMs: deps.heartbeatGapSeconds() * 1000, rangeEndMs: outcome.rangeEndMs });
  await copyToClipboard(supportReport(connection, timeline, deps.timeZone()));
  return { status: 'ok', connectionId, events: connection.events.length };
}

async function pickConnection(connections: readonly Connection[], selected: string | undefined): Promise<string | undefined> {
  const items = connections.map((c) => connectionPickItem(c, selected));
  // The selected connection first, and said to be, so Enter takes it knowingly.
  const first = items.findIndex((item) => item.id === selected);
  if (first > 0) {
    items.unshift(...items.splice(first, 1));
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Copy for Support'),
    placeHolder: vscode.l10n.t('The connection to describe'),
    matchOnDescription: true,
  });
  return picked?.id;
}
