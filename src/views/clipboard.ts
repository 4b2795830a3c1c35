import * as vscode from 'vscode';

/** Copies `text` and says so in the status bar for a moment: the one way the extension copies (tree rows, the panel). */
export async function copyToClipboard(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied'), 1500);
}
