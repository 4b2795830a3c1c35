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
  readonly runQuery: (input: QueryInput) => Promise<{ readonly status: string }>;
  /** Turns the live tail on: while a session runs, its events keep arriving. */
  readonly startLiveTail: () => Promise<unknown>;
}

/**
 * Events During Last Debug Session: the window of the last debug session that ended, widened by the
 * margin setting, with the current query's filters. While a session runs, its events from its start,
 * and the live tail on, so that what the program does next keeps arriving.
 */
export async function showDebugSessionEvents(deps: DebugSessionEventsDependencies): Promise<unknown> {
  const running = deps.sessions.current;
  const session = running ?? deps.sessions.last;
  if (!session) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No debug session has run in this workspace since Connection Analytics started. Start one, then run this again.'),
    );
    return { status: 'cancelled' };
  }
  const result = await deps.runQuery(debugSessionQueryInput(session, deps.marginSeconds(), deps.currentQuery()));
  if (running && result.status === 'ok') {
    await deps.startLiveTail();
    return { ...result, liveTail: true };
  }
  return result;
}
