import * as vscode from 'vscode';
import { buildWebviewHtml } from './webviewHtml';

/** The events panel's webview options: scripts on, command links off, resources from the bundle and media only. */
export function panelWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The events panel's page: the webview bundle, its styles, and the extension's strings in the user's language. */
export function panelWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return buildWebviewHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUris: [
      webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'codicons', 'codicon.css')).toString(),
      webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    ],
    title: vscode.l10n.t('Connection Events'),
    l10nBundle: vscode.l10n.bundle,
    language: vscode.env.language,
  });
}
