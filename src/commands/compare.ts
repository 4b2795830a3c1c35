import * as vscode from 'vscode';
import { connectionPickItem } from './connectionPick';
import type { FieldDifference } from '../core/compare';
import { resolvePair } from '../core/comparePair';
import type { Connection } from '../core/grouping';
import { formatErrors, type FieldError } from '../core/query';
import type { QueryOutcome, QueryState } from '../core/queryState';
import { isConnectionsNode, type ConnectionsNode } from '../views/connectionsNode';
import type { EventsPanel } from '../views/eventsPanel';
import type { OutcomeIndex } from '../views/outcomeIndex';

/** What Compare returns to a caller (a keybinding, another extension, a test). */
export type CompareCommandResult =
  | { readonly status: 'ok'; readonly connectionIds: readonly [string, string]; readonly differences: readonly FieldDifference[] }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly status: 'cancelled' };

export interface CompareDependencies {
  readonly state: QueryState;
  readonly panel: EventsPanel;
  /** The Connections tree's selection, for Compare run from the palette after Shift+Down. */
  readonly treeSelection: () => readonly ConnectionsNode[];
  /** The outcome's index (views/outcomeIndex), passed in: the extension's one cache, not a second in the commands bundle. */
  readonly index: (outcome: QueryOutcome) => OutcomeIndex;
}

/**
 * Compare Connections: two connections of the current result, from the tree's
 * context menu (`selection`, the second argument of a tree command), an
 * argument `{ "connectionIds": [a, b] }`, the tree's selection, or a quick
 * pick. Whatever names them, they are looked up again by ID in the current result.
 */
export async function compareConnections(deps: CompareDependencies, target?: unknown, selection?: unknown): Promise<CompareCommandResult> {
  const outcome = deps.state.snapshot.outcome;
  const connections = outcome ? deps.index(outcome).connections : new Map<string, Connection>();
  let argument: unknown = target;
  if (Array.isArray(selection)) {
    // The rows the context menu was opened on: exactly two are compared, anything else is refused, never
    // replaced by a picker that ignores them.
    const selected = connectionIds(selection);
    if (selected.length !== 2) {
      return refuse([
        { field: 'selection', message: vscode.l10n.t('selection: {0} connections selected; Compare takes exactly two.', selected.length) },
      ]);
    }
    argument = { connectionIds: selected };
  } else if (target === undefined || isConnectionsNode(target)) {
    const selected = connectionIds(deps.treeSelection());
    const ids = selected.length === 2 ? selected : await pickTwo(outcome?.connections ?? []);
    if (!ids) {
      return { status: 'cancelled' };
    }
    argument = { connectionIds: ids };
  }
  const result = resolvePair(argument, connections);
  if (!result.ok) {
    return refuse(result.errors);
  }
  const [a, b] = result.pair;
  const shown = deps.panel.showCompare(result.pair);
  return { status: 'ok', connectionIds: [a.connectionId, b.connectionId], differences: shown.differences };
}

function refuse(errors: readonly FieldError[]): CompareCommandResult {
  void vscode.window.showErrorMessage(vscode.l10n.t('Cannot compare: {0}', formatErrors(errors)));
  return { status: 'invalid', errors };
}

/** The IDs of the connection rows among selected tree nodes (event rows are not compared). */
function connectionIds(nodes: readonly unknown[]): string[] {
  return nodes
    .filter((n): n is ConnectionsNode & { kind: 'connection' } => isConnectionsNode(n) && n.kind === 'connection')
    .map((n) => n.connection.connectionId);
}

/** A quick pick of the current result's connections; accepted only with exactly two ticked. */
async function pickTwo(connections: readonly Connection[]): Promise<string[] | undefined> {
  if (connections.length < 2) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Compare needs a result with at least two connections.'));
    return undefined;
  }
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { readonly id: string }>();
  pick.title = vscode.l10n.t('Compare Connections');
  pick.placeholder = vscode.l10n.t('Tick two connections to compare');
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.items = connections.map((c) => connectionPickItem(c));
  try {
    return await new Promise<string[] | undefined>((resolve) => {
      pick.onDidAccept(() => {
        if (pick.selectedItems.length === 2) {
          resolve(pick.selectedItems.map((item) => item.id));
        } else {
          pick.placeholder = vscode.l10n.t('Tick exactly two connections ({0} ticked)', pick.selectedItems.length);
        }
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}
