import * as vscode from 'vscode';
import { copyToClipboard } from '../views/clipboard';
import type { ActiveConnections } from '../services/activeConnections';
import { missingApiKeyError, type ClientFactory } from '../services/clientFactory';
import { Commands } from '../constants';
import type { Connection } from '../core/grouping';
import type { TimeZone } from '../core/time';
import { knownValues } from '../core/knownValues';
import { stringifyJson } from '../core/jsonText';
import { toQueryInput, validateQuery, type EventQuery, type FieldError, type QueryInput } from '../core/query';
import type { QueryState, RunResult } from '../core/queryState';
import type { EmptyExplainer } from '../services/emptyExplainer';
import type { ErrorPresenter } from '../services/errorPresenter';
import type { Log } from '../log';
import type { QueryRunner } from '../services/queryRunner';
import type { ApiKeyStore } from '../secrets';
import { isConnectionsNode } from '../views/connectionsNode';
import type { ConnectionsView } from '../views/connectionsView';
import type { EventsPanel } from '../views/eventsPanel';
import { clearApiKey, setApiKey } from './apiKey';
import { treeViewHandlers } from './treeView';
import { showDebugSessionEvents, showSelectionEvents } from './fromCode';
import type { DebugSessions } from '../services/debugSessions';
import { indexOutcome } from '../views/outcomeIndex';
import { onDemand } from './onDemandLoader';
import { lazy } from '../core/lazy';
import type { SavedQuery } from '../core/savedQueries';
import type { QueryHistory } from '../services/queryHistory';
import type { LiveTail } from '../services/liveTail';
import type { WatchedConnections } from '../services/watchedConnections';
import type { Profiles } from '../services/profiles';

export interface CommandDependencies {
  readonly state: QueryState;
  readonly runner: QueryRunner;
  readonly keys: ApiKeyStore;
  readonly access: ClientFactory;
  readonly errors: ErrorPresenter;
  readonly log: Log;
  readonly view: ConnectionsView;
  readonly panel: EventsPanel;
  readonly defaultLimit: () => number;
  /** How many days back Query This Connection looks for a connection's events. */
  readonly connectionLookbackDays: () => number;
  /** The zone times are shown and typed in: the `timeZone` setting. */
  readonly timeZone: () => TimeZone;
  /** The status endpoint's active connections, for the Connected Now view. */
  readonly active: ActiveConnections;
  readonly explainer: EmptyExplainer;
  readonly debugSessions: DebugSessions;
  /** Seconds added before and after a debug session's times: the `debugSession.marginSeconds` setting. */
  readonly debugMarginSeconds: () => number;
  /** The silence that counts as a gap in a timeline (Copy for Support's report). */
  readonly heartbeatGapSeconds: () => number;
  /** The `savedQueries` setting's queries, both scopes. */
  readonly savedQueries: () => readonly SavedQuery[];
  readonly history: QueryHistory;
  readonly tail: LiveTail;
  readonly watched: WatchedConnections;
  readonly profiles: Profiles;
}

/**
 * What `queryEvents`, `editQuery` and `refresh` return to a caller (a
 * keybinding, another extension, a test): counts, not the records.
 */
export type QueryCommandResult =
  | {
      readonly status: 'ok';
      readonly connections: number;
      readonly events: number;
      readonly limitReached: boolean;
      readonly invalid: number;
      /** Why an empty result is empty, and the query that Use Suggested Query runs (core/emptyResult). */
      readonly explanation?: { readonly message: string; readonly correction: QueryInput | undefined };
    }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly status: 'cancelled' }
  /** Load Older refused while a query runs. */
  | { readonly status: 'busy' }
  | { readonly status: 'stale' };

/** Registers every contributed command; each handler's failures go to the central error presenter. */
export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
  const { state, runner, keys, errors, view } = deps;

  const promptAndRun = async (initial: EventQuery | undefined): Promise<QueryCommandResult> => {
    if (!(await keys.get())) {
      errors.show(vscode.l10n.t('Cannot query'), missingApiKeyError(deps.profiles.active));
      return { status: 'cancelled' };
    }
    const query = await onDemand().promptForQuery({
      initial,
      defaultLimit: deps.defaultLimit(),
      known: knownValues(state.snapshot.outcome?.connections ?? []),
      zone: deps.timeZone(),
    });
    return query ? toCommandResult(await runner.run(query)) : { status: 'cancelled' };
  };

  /** A query given as an argument (a command's, a correction): validated like any, then run. */
  const runInput = async (input: unknown) => {
    const result = validateQuery(input, deps.timeZone());
    if (!result.ok) {
      errors.invalidQuery(result.errors);
      return { status: 'invalid', errors: result.errors } as const;
    }
    return runner.run(result.query);
  };
  const toResult = (result: RunResult | { status: 'invalid'; errors: readonly FieldError[] }): QueryCommandResult =>
    result.status === 'invalid' ? result : toCommandResult(result);

  const exportDeps = { state, panelFilter: () => deps.panel.shown.filter, timeZone: deps.timeZone, errors, index: indexOutcome };
  /** The connection of the event selected in the events panel. */
  const panelSelection = () => {
    const { outcome } = state.snapshot;
    const eventId = deps.panel.shown.selectedEventId;
    return outcome && eventId !== undefined ? indexOutcome(outcome).byId.get(eventId)?.connection.connectionId : undefined;
  };

  const handlers: Record<(typeof Commands)[keyof typeof Commands], (...args: unknown[]) => unknown> = {
    [Commands.queryEvents]: async (argument?: unknown) =>
      argument === undefined ? promptAndRun(undefined) : toResult(await runInput(argument)),
    [Commands.runSuggestedQuery]: async () => {
      const correction = deps.explainer.current?.correction;
      return correction ? toResult(await runInput(correction)) : ({ status: 'cancelled' } satisfies QueryCommandResult);
    },
    [Commands.showSelectionEvents]: () => showSelectionEvents((argument) => Promise.resolve(handlers[Commands.showConnection](argument))),
    [Commands.showDebugSessionEvents]: () =>
      showDebugSessionEvents({
        sessions: deps.debugSessions,
        marginSeconds: deps.debugMarginSeconds,
        currentQuery: () => (state.snapshot.query ? toQueryInput(state.snapshot.query) : undefined),
        runQuery: async (input) => toResult(await runInput(input)),
        startLiveTail: () => deps.tail.setEnabled(true),
      }),
    [Commands.showConnection]: (argument?: unknown) =>
      onDemand().showConnection(
        {
          runQuery: runInput,
          queryConnection: (id, days) => runner.queryConnection(id, days, Commands.showConnection),
          showPanel: (focus) => deps.panel.show(focus),
          invalid: (fieldErrors) => errors.invalidQuery(fieldErrors),
          lookbackDays: deps.connectionLookbackDays,
          timeZone: deps.timeZone,
          apiKey: () => keys.current,
        },
        argument,
      ),
    [Commands.editQuery]: () => promptAndRun(state.snapshot.query),
    [Commands.refresh]: async () => {
      const result = await runner.refresh();
      return result ? toCommandResult(result) : promptAndRun(undefined);
    },
    [Commands.cancelQuery]: () => runner.cancel(),
    [Commands.loadOlder]: async () => toCommandResult(await runner.loadOlder()),
    [Commands.refreshConnectedNow]: () => deps.active.load(),
    [Commands.setApiKey]: (argument?: unknown) => setApiKey(keys, deps.profiles, deps.access, errors, argument),
    [Commands.clearApiKey]: (argument?: unknown) => clearApiKey(keys, deps.profiles, argument),
    [Commands.switchProfile]: (argument?: unknown) => onDemand().switchProfile(deps.profiles, keys, errors, argument),
    [Commands.showLog]: () => deps.log.show(),
    [Commands.showMore]: (pageKey?: unknown) => {
      // The key of the page a "Show more" node continues (its parent's item ID); the top level's is empty.
      view.provider.showMore(typeof pageKey === 'string' ? pageKey : '');
    },
    [Commands.copyConnectionId]: async (node?: unknown) => {
      const connection = connectionOf(node);
      if (connection) {
        await copyToClipboard(connection.connectionId);
      }
    },
    [Commands.copyEventJson]: async (node?: unknown) => {
      if (isConnectionsNode(node) && node.kind === 'event') {
        // Not JSON.stringify: a record nested deeper than the stack must still be copied, exactly.
        await copyToClipboard(stringifyJson(node.timed.event) ?? '');
      }
    },
    [Commands.openPanel]: () => deps.panel.show(),
    [Commands.openEvent]: (eventId?: unknown) => {
      const id =
        typeof eventId === 'string'
          ? eventId
          : isConnectionsNode(eventId) && eventId.kind === 'event'
            ? eventId.timed.event.eventId
            : undefined;
      deps.panel.show(id ? { eventId: id } : undefined);
    },
    [Commands.showConnectionInPanel]: (node?: unknown) => {
      const connection = connectionOf(node);
      deps.panel.show(connection ? { connectionId: connection.connectionId } : undefined);
    },
    ...treeViewHandlers(view, state, errors),
    [Commands.exportResults]: (argument?: unknown) => onDemand().exportResults(exportDeps, argument),
    [Commands.openResultsAsJson]: () => onDemand().openResultsAsJson(exportDeps),
    [Commands.copyForSupport]: (target?: unknown) =>
      onDemand().copyForSupport(
        {
          state,
          timeZone: deps.timeZone,
          heartbeatGapSeconds: deps.heartbeatGapSeconds,
          errors,
          selected: () => connectionOf(view.treeView.selection[0])?.connectionId ?? panelSelection(),
          index: indexOutcome,
        },
        target,
      ),
    ...savedQueryCommands(deps),
    ...liveTailCommands(deps),
    [Commands.compareConnections]: (target?: unknown, selection?: unknown) =>
      onDemand().compareConnections(
        { state, panel: deps.panel, treeSelection: () => view.treeView.selection, index: indexOutcome },
        target,
        selection,
      ),
    [Commands.queryConnection]: async (target?: unknown) => {
      // A tree node, or a connection ID (keybinding, another extension); validated like any query.
      const connectionId = typeof target === 'string' ? target : connectionOf(target)?.connectionId;
      if (connectionId === undefined) {
        return undefined;
      }
      const result = await runner.queryConnection(connectionId, deps.connectionLookbackDays());
      return result.status === 'invalid' ? result : toCommandResult(result);
    },
  };

  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        errors.show(vscode.l10n.t('Command failed'), error);
        return undefined;
      }
    }),
  );
}

/** Save, run and delete saved queries, and clear the history; a saved or recent query runs as any query does. */
function savedQueryCommands(deps: CommandDependencies) {
  // Made on the first of these commands: the commands bundle loads then, not at activation.
  const handlers = lazy(() =>
    onDemand().savedQueryHandlers({
      current: () => deps.state.snapshot.query,
      saved: deps.savedQueries,
      history: deps.history,
      timeZone: deps.timeZone,
      defaultLimit: deps.defaultLimit,
      run: async (query) => toCommandResult(await deps.runner.run(query)),
      invalid: (errors) => deps.errors.invalidQuery(errors),
    }),
  );
  return {
    [Commands.saveQuery]: (argument?: unknown) => handlers().saveQuery(argument),
    [Commands.runSavedQuery]: (argument?: unknown) => handlers().runSavedQuery(argument),
    [Commands.deleteSavedQuery]: (argument?: unknown) => handlers().deleteSavedQuery(argument),
    [Commands.clearQueryHistory]: () => handlers().clearQueryHistory(),
  };
}

/** Toggle Live Tail, Watch and Unwatch Connection (commands/liveTail.ts), their bodies loaded on the first. */
function liveTailCommands(deps: CommandDependencies) {
  const handlers = lazy(() => onDemand().liveTailHandlers(deps.tail, deps.watched, connectionOf, deps.errors));
  return {
    [Commands.toggleLiveTail]: (argument?: unknown) => handlers()[Commands.toggleLiveTail](argument),
    [Commands.watchConnection]: (argument?: unknown) => handlers()[Commands.watchConnection](argument),
    [Commands.unwatchConnection]: (argument?: unknown) => handlers()[Commands.unwatchConnection](argument),
  };
}

function toCommandResult(result: RunResult): QueryCommandResult {
  switch (result.status) {
    case 'ok': {
      const { outcome } = result;
      return {
        status: 'ok',
        connections: outcome.connections.length,
        events: outcome.eventCount,
        limitReached: outcome.limitReached,
        invalid: outcome.invalidCount,
        ...(result.explanation ? { explanation: { message: result.explanation.message, correction: result.explanation.correction } } : {}),
      };
    }
    case 'failed':
      return { status: 'failed', error: result.error.message };
    case 'cancelled':
      return { status: 'cancelled' };
    case 'busy':
      return { status: 'busy' };
    case 'stale':
      return { status: 'stale' };
  }
}

function connectionOf(node: unknown): Connection | undefined {
  return isConnectionsNode(node) && (node.kind === 'connection' || node.kind === 'event') ? node.connection : undefined;
}

/** Distinct values of each filter in the current outcome, offered as hints. */
