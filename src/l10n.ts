import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * core's messages, labels and durations (through @vscode/l10n) in the user's language, as the host's own.
 * Each bundle holds its own @vscode/l10n: the extension calls this on activation, and the commands
 * bundle (commands/onDemand.ts) when it loads.
 */
export function useHostLanguage(): void {
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
}
