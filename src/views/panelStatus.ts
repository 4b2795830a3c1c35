import type { Explanation } from '../core/emptyResult';
import { toEditableInput } from '../core/query';
import { canLoadOlder, type QuerySnapshot } from '../core/queryState';
import type { TimeZone } from '../core/time';
import { actionButtons } from '../services/recoveryActions';
import type { HostAction, StatusMessage } from '../shared/protocol';

/** The panel's status message for a snapshot: the form's query, the error with its actions, what the buttons may do. */
export function statusMessage(
  snapshot: QuerySnapshot,
  settings: { readonly defaultLimit: number; readonly timeZone: TimeZone },
  explanation: Explanation | undefined,
  errorActions: readonly HostAction[],
  hasApiKey: boolean,
): StatusMessage {
  return {
    type: 'status',
    query: snapshot.query ? toEditableInput(snapshot.query, settings.timeZone) : undefined,
    timeZone: settings.timeZone,
    running: snapshot.running,
    error: snapshot.error ? { message: snapshot.error.message, actions: errorActions } : undefined,
    hasResults: snapshot.outcome !== undefined,
    explanation: explanation ? { message: explanation.message, correctable: explanation.correction !== undefined } : undefined,
    canLoadOlder: canLoadOlder(snapshot),
    defaultLimit: settings.defaultLimit,
    hasApiKey,
    actions: actionButtons(),
  };
}
