import * as vscode from 'vscode';
import { debugSessionQueryInput } from '../core/debugWindow';
import { idTokens } from '../core/idExtraction';
import type { QueryInput } from '../core/query';
import type { DebugSessions } from '../services/debugSessions';
import { showConnectionArgument } from '../views/idLinks';

/**
 * Show Connection Events, from the editor's context menu: what is selected (a log line, JSON, an ID),
 * or with nothing selected the ID under the cursor, through Show Connection. A selection that is
 * exactly one UUID is taken as an API key ID, as the hover offers it.
 */
export function showSelectionEvents(showConnection: (argument?: unknown) => Promise<unknown>): Promise<unknown> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return showConnection();
  }
  const { document } = editor;
  const text = editor.selections
    .filter((selection) => !selection.isEmpty)
    .map((selection) => document.getText(selection))
    .join('\n');
  if (text.trim() !== '') {
    const trimmed = text.trim();
    const [only] = idTokens(trimmed, { uuids: true });
    const whole = only !== undefined && only.start === 0 && only.end === trimmed.length;
    return showConnection(whole ? showConnectionArgument(only) : { text });
  }
  const cursor = editor.selection.active;
  const token = idTokens(document.lineAt(cursor.line).text, { uuids: true }).find(
    (t) => t.start <= cursor.character && cursor.character <= t.end,
  );
  return showConnection(token ? showConnectionArgument(token) : undefined);
}

export interface DebugSessionEventsDependencies {
  readonly sessions: DebugSessions;
  readonly marginSeconds: () => number;
  /** The current query as a command input: its filters are kept, its time range replaced. */
  readonly currentQuery: () => QueryInput | undefined;
  readonly runQuery: (input: QueryInput) => Promise<unknown>;
}

/**
 * Events During Last Debug Session: the window of the last debug session that ended (or of the one
 * running, from its start to now), widened by the margin setting, with the current query's filters.
 */
export async function showDebugSessionEvents(deps: DebugSessionEventsDependencies): Promise<unknown> {
  const session = deps.sessions.current ?? deps.sessions.last;
  if (!session) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No debug session has run in this workspace since Connection Analytics started. Start one, then run this again.'),
    );
    return { status: 'cancelled' };
  }
  return deps.runQuery(debugSessionQueryInput(session, deps.marginSeconds(), deps.currentQuery()));
}
