import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isAnApiKey } from '../core/apiKeyForm';
import { idTokens, type IdToken } from '../core/idExtraction';

/** The Show Connection argument that shows a token's events: a connection by its ID, a UUID as an API key ID. */
export function showConnectionArgument(token: IdToken): { connectionId: string } | { apiKeyId: string } {
  return token.kind === 'connection' ? { connectionId: token.id } : { apiKeyId: token.id };
}

/**
 * A hover on a connection ID or a UUID in any editor: a link that shows its events. The hover is
 * trusted for Show Connection alone, so a link in it can run nothing else. A UUID that is a stored
 * API key (any profile's this window knows) is not offered: a key is never sent as an ID.
 */
export class IdHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly enabled: () => boolean,
    private readonly apiKeys: () => readonly string[],
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.enabled()) {
      return undefined;
    }
    const line = document.lineAt(position.line).text;
    const keys = this.apiKeys();
    const token = idTokens(line, { uuids: true }).find(
      (t) => t.start <= position.character && position.character < t.end && !(t.kind === 'apiKey' && isAnApiKey(t.id, keys)),
    );
    if (!token) {
      return undefined;
    }
    const link = `command:${Commands.showConnection}?${encodeURIComponent(JSON.stringify([showConnectionArgument(token)]))}`;
    const title =
      token.kind === 'connection' ? vscode.l10n.t('Show events for this connection') : vscode.l10n.t('Show events for this API key ID');
    const markdown = new vscode.MarkdownString(`$(pulse) [${title}](${link})`, true);
    markdown.isTrusted = { enabledCommands: [Commands.showConnection] };
    return new vscode.Hover(markdown, new vscode.Range(position.line, token.start, position.line, token.end));
  }
}

interface IdTerminalLink extends vscode.TerminalLink {
  readonly token: IdToken;
}

/** Connection IDs in the terminal's output (a client printing the IDs it connects with) become links to their events. */
export class IdTerminalLinkProvider implements vscode.TerminalLinkProvider<IdTerminalLink> {
  provideTerminalLinks(context: vscode.TerminalLinkContext): IdTerminalLink[] {
    return idTokens(context.line, { uuids: false }).map((token) => ({
      startIndex: token.start,
      length: token.end - token.start,
      tooltip: vscode.l10n.t('Show events for this connection'),
      token,
    }));
  }

  async handleTerminalLink(link: IdTerminalLink): Promise<void> {
    await vscode.commands.executeCommand(Commands.showConnection, showConnectionArgument(link.token));
  }
}
