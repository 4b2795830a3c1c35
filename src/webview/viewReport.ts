import type { TableView } from '../core/table';
import type { WebviewMessage } from '../shared/protocol';

/**
 * Tells the host the table's filters whenever they change, so that Export Results can write
 * what they show: the host applies the same rule to the same rows (core/table's isShown).
 */
export class ViewReport {
  private sent: string | undefined;

  constructor(private readonly post: (message: WebviewMessage) => void) {}

  send(view: Pick<TableView, 'text' | 'excludedTypes'>): void {
    const key = JSON.stringify([view.text, view.excludedTypes]);
    if (key !== this.sent) {
      this.sent = key;
      this.post({ type: 'view', text: view.text, excludedTypes: [...view.excludedTypes] });
    }
  }
}
