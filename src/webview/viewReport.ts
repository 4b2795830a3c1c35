import type { TableView } from '../core/table';
import type { WebviewMessage } from '../shared/protocol';

/**
 * Tells the host the table's filters whenever they change, so that Export Results can write
 * what they show: the host applies the same rule to the same rows (core/table's isShown). The
 * page says `ready` first; the filters it restored from its saved state follow at once.
 */
export class ViewReport {
  private sent: string | undefined;
  private started = false;

  constructor(private readonly post: (message: WebviewMessage) => void) {}

  /** After `ready`: reports the filters now, and every change from then on. */
  start(view: Pick<TableView, 'text' | 'excludedTypes'>): void {
    this.started = true;
    this.send(view);
  }

  send(view: Pick<TableView, 'text' | 'excludedTypes'>): void {
    const key = JSON.stringify([view.text, view.excludedTypes]);
    if (this.started && key !== this.sent) {
      this.sent = key;
      this.post({ type: 'view', text: view.text, excludedTypes: [...view.excludedTypes] });
    }
  }
}
