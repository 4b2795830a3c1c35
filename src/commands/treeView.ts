import * as vscode from 'vscode';
import { Commands } from '../constants';
import { GROUP_BY, type GroupBy } from '../core/connectionGroups';
import { countOutcomes, outcomeEntries, outcomeLabel, type Outcome } from '../core/outcomes';
import { parseGroupByArgument, parseOutcomeArgument } from '../core/treeArguments';
import type { FieldError } from '../core/query';
import type { QueryState } from '../core/queryState';
import type { ErrorPresenter } from '../services/errorPresenter';
import type { ConnectionsView } from '../views/connectionsView';

/** What Group By and Narrow to Outcome return to a caller: the view state, or why the argument was refused. */
export type TreeViewCommandResult =
  | { readonly status: 'ok'; readonly groupBy: GroupBy; readonly narrowed: Outcome | undefined; readonly shown: number }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly status: 'cancelled' };

type TreeViewCommand = typeof Commands.groupBy | typeof Commands.narrowToOutcome | typeof Commands.showAllConnections;

/** The Connections view's own commands: how it groups and which outcome it shows. None makes a request. */
export function treeViewHandlers(
  view: ConnectionsView,
  state: QueryState,
  presenter: Pick<ErrorPresenter, 'invalidArgument'>,
): Record<TreeViewCommand, (argument?: unknown) => Promise<TreeViewCommandResult>> {
  const result = (): TreeViewCommandResult => ({
    status: 'ok',
    ...view.provider.state,
    shown: view.provider.visibleConnections.length,
  });
  const invalid = (command: string, errors: readonly FieldError[]): TreeViewCommandResult => {
    presenter.invalidArgument(command, errors);
    return { status: 'invalid', errors };
  };
  return {
    [Commands.groupBy]: async (argument?: unknown) => {
      let by: GroupBy | undefined;
      if (argument === undefined) {
        by = await pickGroupBy(view.provider.state.groupBy);
      } else {
        const parsed = parseGroupByArgument(argument);
        if (!parsed.ok) {
          return invalid(vscode.l10n.t('Group By'), parsed.errors);
        }
        by = parsed.value;
      }
      if (by === undefined) {
        return { status: 'cancelled' };
      }
      await view.groupBy(by);
      return result();
    },
    [Commands.narrowToOutcome]: async (argument?: unknown) => {
      let outcome: Outcome | 'all' | undefined;
      if (argument === undefined) {
        outcome = await pickOutcome(state);
      } else {
        const parsed = parseOutcomeArgument(argument);
        if (!parsed.ok) {
          return invalid(vscode.l10n.t('Narrow to Outcome'), parsed.errors);
        }
        outcome = parsed.value;
      }
      if (outcome === undefined) {
        return { status: 'cancelled' };
      }
      view.narrow(outcome === 'all' ? undefined : outcome);
      return result();
    },
    [Commands.showAllConnections]: () => {
      view.narrow(undefined);
      return Promise.resolve(result());
    },
  };
}

function groupByLabel(by: GroupBy): string {
  switch (by) {
    case 'connection':
      return vscode.l10n.t('Connection (no groups)');
    case 'service':
      return vscode.l10n.t('Service');
    case 'apiKey':
      return vscode.l10n.t('API key ID');
    case 'dataCenter':
      return vscode.l10n.t('Data center');
    case 'eventType':
      return vscode.l10n.t('Event type');
    case 'closeCause':
      return vscode.l10n.t('Outcome and close cause');
  }
}

async function pickGroupBy(current: GroupBy): Promise<GroupBy | undefined> {
  const items = GROUP_BY.map((by) => ({ label: groupByLabel(by), by, description: by === current ? vscode.l10n.t('current') : undefined }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Group Connections By'),
    placeHolder: vscode.l10n.t('Group by'),
  });
  return picked?.by;
}

/** Every outcome of the current result with its count; the first entry shows all again. */
async function pickOutcome(state: QueryState): Promise<Outcome | 'all' | undefined> {
  const connections = state.snapshot.outcome?.connections ?? [];
  const counts = countOutcomes(connections);
  const items: (vscode.QuickPickItem & { outcome: Outcome | 'all' })[] = [
    { label: vscode.l10n.t('All connections'), description: String(counts.total), outcome: 'all' },
    ...outcomeEntries(counts).map(({ outcome, count }) => ({
      label: outcomeLabel(outcome),
      description: String(count),
      outcome,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Narrow to Outcome'),
    placeHolder: vscode.l10n.t('Show only the connections that ended this way'),
  });
  return picked?.outcome;
}
