import type { Explanation } from '../core/emptyResult';
import { toEditableInput } from '../core/query';
import { canLoadOlder, type QuerySnapshot } from '../core/queryState';
import type { TimeZone } from '../core/time';
import { actionButtons, offeredActions, type ActionContext } from '../services/recoveryActions';
import type { StatusMessage } from '../shared/protocol';

/** The events panel's status: the current query as its form shows it, what runs or failed and what to do, the buttons. */
export function panelStatus(
  snapshot: QuerySnapshot,
  options: {
    readonly settings: { readonly timeZone: TimeZone; readonly defaultLimit: number };
    readonly explanation: Explanation | undefined;
    readonly actionContext: (error: Error) => ActionContext;
    readonly hasApiKey: boolean;
  },
): StatusMessage {
  const { settings, explanation } = options;
  return {
    type: 'status',
    query: snapshot.query ? toEditableInput(snapshot.query, settings.timeZone) : undefined,
    timeZone: settings.timeZone,
    running: snapshot.running,
    error: snapshot.error
      ? { message: snapshot.error.message, actions: offeredActions(options.actionContext(snapshot.error)).map((a) => a.action) }
      : undefined,
    hasResults: snapshot.outcome !== undefined,
    explanation: explanation ? { message: explanation.message, correctable: explanation.correction !== undefined } : undefined,
    canLoadOlder: canLoadOlder(snapshot),
    defaultLimit: settings.defaultLimit,
    hasApiKey: options.hasApiKey,
    actions: actionButtons(),
  };
}
