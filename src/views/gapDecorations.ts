import * as vscode from 'vscode';
import { formatDuration } from '../core/time';

/** The scheme of the `resourceUri` a connection row carries when it had a heartbeat gap above the threshold. */
export const GAP_SCHEME = 'connection-analytics-gap';

/** The row's URI: the connection ID in the path, the gap in milliseconds as the query. */
export function gapUri(connectionId: string, gapMs: number): vscode.Uri {
  return vscode.Uri.from({ scheme: GAP_SCHEME, path: `/${connectionId}`, query: String(Math.round(gapMs)) });
}

/**
 * Decorates connection rows with a heartbeat gap: a warning badge and colour.
 * Only URIs of {@link GAP_SCHEME} are decorated, and only the tree makes them.
 */
export class GapDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== GAP_SCHEME) {
      return undefined;
    }
    const gapMs = Number(uri.query);
    const decoration = new vscode.FileDecoration(
      '!',
      Number.isFinite(gapMs) ? vscode.l10n.t('Heartbeat gap of {0}', formatDuration(gapMs)) : undefined,
      new vscode.ThemeColor('list.warningForeground'),
    );
    return decoration;
  }
}
