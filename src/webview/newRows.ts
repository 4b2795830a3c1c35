import * as l10n from '@vscode/l10n';
import { eventsOfText, eventsText, newEventsText } from '../core/counts';
import { h, icon } from './dom';
import type { EventsTable } from './eventsTable';

/**
 * "N new events": the live tail's rows that arrived while the user was reading away from the
 * newest ones (the table kept its place). A button: a click or Enter jumps to them; it goes away
 * when the newest rows are in view again.
 */
export class NewRowsIndicator {
  readonly element: HTMLButtonElement;
  private readonly label = h('span');
  private count = 0;

  constructor(onJump: () => void) {
    this.element = h(
      'button',
      { class: 'new-rows', attrs: { type: 'button', title: l10n.t('Show the newest events'), 'aria-live': 'polite' } },
      icon('arrow-up'),
      this.label,
    );
    this.element.hidden = true;
    this.element.addEventListener('click', () => {
      this.clear();
      onJump();
    });
  }

  get pending(): number {
    return this.count;
  }

  /**
   * Shows rows that arrived through `show`: following the newest row when it was in view, else
   * keeping the row the user reads where it is and counting the rows the view gained.
   */
  arrive(table: EventsTable, shownRows: () => number, show: (keep: 'anchor' | 'newest') => void): void {
    const following = table.newestInView();
    const before = shownRows();
    show(following ? 'newest' : 'anchor');
    if (!following) {
      this.add(shownRows() - before);
    }
  }

  add(rows: number): void {
    if (rows > 0) {
      this.count += rows;
      this.label.textContent = newEventsText(this.count);
      this.element.hidden = false;
    }
  }

  clear(): void {
    if (this.count > 0) {
      this.count = 0;
      this.element.hidden = true;
    }
  }
}

/** How many rows the table holds and shows: `12 events`, `3 of 12 events`, or `200 of 1000 events loaded` while rows arrive (`arriving`: the total). */
export function shownCountText(loaded: number, arriving: number | undefined, shown: number): string {
  if (loaded === 0) {
    return '';
  }
  if (arriving !== undefined) {
    return l10n.t('{0} of {1} events loaded', loaded, arriving);
  }
  return shown === loaded ? eventsText(shown) : eventsOfText(shown, loaded);
}
