import * as l10n from '@vscode/l10n';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';
import { COLUMNS, columnLabel, displayTime, newestRowIndex, type ColumnId, type EventRow } from '../core/table';
import { isKnownEventType } from '../core/eventTypes';
import { DEFAULT_TIME_ZONE, type TimeZone } from '../core/time';
import { h } from './dom';

const ROW_HEIGHT = 24;
/** The column headers sit in the scrolling viewport (sticky), above the rows: rows start this far down. */
const HEADER_HEIGHT = 26;

/**
 * The results table: an ARIA grid whose rows are virtualised by
 * @tanstack/virtual-core, so 100,000 rows scroll as smoothly as 100. A pool of
 * row elements is reused; cells are filled with textContent only.
 */
export class EventsTable {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly headers = new Map<ColumnId, HTMLElement>();
  private readonly headerButtons = new Map<ColumnId, HTMLElement>();
  private readonly pool: HTMLElement[] = [];
  private readonly virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  private rows: readonly EventRow[] = [];
  private activeIndex = -1;
  private selectedId: string | undefined;
  private zone: TimeZone = DEFAULT_TIME_ZONE;

  constructor(
    private readonly handlers: {
      readonly onSelect: (row: EventRow) => void;
      readonly onActivate: (row: EventRow) => void;
      readonly onSort: (column: ColumnId) => void;
      readonly onEscape: () => void;
      /** The user scrolled (or the table scrolled to a row). */
      readonly onScroll?: () => void;
    },
  ) {
    const header = h('div', { class: 'grid-header', attrs: { role: 'row', 'aria-rowindex': '1' } });
    for (const column of COLUMNS) {
      const button = h('button', { class: 'sort', text: columnLabel(column, this.zone), attrs: { type: 'button', tabindex: '-1' } });
      this.headerButtons.set(column, button);
      button.addEventListener('click', () => this.handlers.onSort(column));
      const cell = h('div', { class: `cell col-${column}`, attrs: { role: 'columnheader', 'aria-sort': 'none' } }, button);
      this.headers.set(column, cell);
      header.append(cell);
    }
    this.spacer = h('div', { class: 'grid-spacer', attrs: { role: 'rowgroup' } });
    this.viewport = h('div', { class: 'grid-viewport' }, header, this.spacer);
    this.element = h('div', {
      class: 'grid',
      attrs: {
        role: 'grid',
        tabindex: '0',
        'aria-label': l10n.t('Events'),
        'aria-rowcount': '1',
        'aria-colcount': String(COLUMNS.length),
        'aria-multiselectable': 'false',
      },
    });
    this.element.append(this.viewport);
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.viewport.addEventListener('scroll', () => this.handlers.onScroll?.(), { passive: true });
    this.spacer.addEventListener('click', (event) => {
      const index = this.indexOf(event.target);
      if (index !== undefined) {
        this.select(index);
        this.element.focus();
      }
    });
    this.spacer.addEventListener('dblclick', (event) => {
      const index = this.indexOf(event.target);
      const row = index === undefined ? undefined : this.rows[index];
      if (row) {
        this.handlers.onActivate(row);
      }
    });

    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => this.viewport,
      estimateSize: () => ROW_HEIGHT,
      overscan: 12,
      scrollMargin: HEADER_HEIGHT,
      scrollPaddingStart: HEADER_HEIGHT,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange: () => this.render(),
    });
  }

  /** Call once the element is in the document. */
  mount(): void {
    this.virtualizer._didMount();
    this.virtualizer._willUpdate();
    this.render();
  }

  /**
   * Shows these rows. `keep`: `anchor` keeps the row at the top of the view where it is (rows
   * added above it do not push what the user reads away); `newest` scrolls the newest row into view.
   */
  setRows(rows: readonly EventRow[], selectedId: string | undefined, keep?: 'anchor' | 'newest'): void {
    const anchor = keep === 'anchor' ? this.topRow() : undefined;
    this.rows = rows;
    this.selectedId = selectedId;
    this.activeIndex = selectedId === undefined ? -1 : rows.findIndex((r) => r.id === selectedId);
    this.element.setAttribute('aria-rowcount', String(rows.length + 1));
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: rows.length });
    this.virtualizer._willUpdate();
    this.render();
    if (anchor) {
      const index = rows.findIndex((r) => r.id === anchor.id);
      if (index >= 0 && this.viewport.scrollTop !== index * ROW_HEIGHT + anchor.offset) {
        this.viewport.scrollTop = index * ROW_HEIGHT + anchor.offset;
      }
    } else if (keep === 'newest') {
      this.showNewest();
    }
  }

  /** Whether the newest row (by time) is in view, or there are no rows: the table follows new rows only then. */
  newestInView(): boolean {
    const index = newestRowIndex(this.rows);
    if (index < 0) {
      return true;
    }
    const top = HEADER_HEIGHT + index * ROW_HEIGHT;
    const scrollTop = this.viewport.scrollTop;
    return top + ROW_HEIGHT > scrollTop + HEADER_HEIGHT && top < scrollTop + this.viewport.clientHeight;
  }

  /** Scrolls the newest row into view, without selecting it. */
  showNewest(): void {
    const index = newestRowIndex(this.rows);
    if (index >= 0) {
      this.virtualizer.scrollToIndex(index, { align: 'auto' });
      this.render();
    }
  }

  /** The row at the top of the view and how far it is scrolled past. */
  private topRow(): { readonly id: string; readonly offset: number } | undefined {
    const scrollTop = this.viewport.scrollTop;
    const index = Math.floor(scrollTop / ROW_HEIGHT);
    const row = this.rows[index];
    return row ? { id: row.id, offset: scrollTop - index * ROW_HEIGHT } : undefined;
  }

  setSort(column: ColumnId, descending: boolean): void {
    for (const [id, cell] of this.headers) {
      cell.setAttribute('aria-sort', id === column ? (descending ? 'descending' : 'ascending') : 'none');
    }
  }

  /** Shows times in this zone, and says which in the Time column's header. */
  setTimeZone(zone: TimeZone): void {
    this.zone = zone;
    const label = columnLabel('time', zone);
    const button = this.headerButtons.get('time');
    if (button && button.textContent !== label) {
      button.textContent = label;
    }
    this.render();
  }

  /** Selects the row with this event ID, scrolling it into view; false when it is not shown. */
  selectById(id: string): boolean {
    const index = this.rows.findIndex((r) => r.id === id);
    if (index < 0) {
      return false;
    }
    this.select(index);
    return true;
  }

  focus(): void {
    this.element.focus();
  }

  private select(index: number): void {
    const row = this.rows[index];
    if (!row) {
      return;
    }
    this.activeIndex = index;
    this.selectedId = row.id;
    this.virtualizer.scrollToIndex(index, { align: 'auto' });
    this.render();
    this.handlers.onSelect(row);
  }

  private onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this.viewport.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const last = this.rows.length - 1;
    const current = this.activeIndex < 0 ? -1 : this.activeIndex;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(last, current + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, current - 1);
        break;
      case 'PageDown':
        next = Math.min(last, current + page);
        break;
      case 'PageUp':
        next = Math.max(0, current - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Enter': {
        const row = this.rows[this.activeIndex];
        if (row) {
          this.handlers.onActivate(row);
        }
        event.preventDefault();
        return;
      }
      case 'Escape':
        this.handlers.onEscape();
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next !== undefined && next >= 0 && next !== current) {
      this.select(next);
    }
  }

  private indexOf(target: EventTarget | null): number | undefined {
    const row = target instanceof Element ? target.closest<HTMLElement>('[data-index]') : null;
    return row ? Number(row.dataset.index) : undefined;
  }

  private render(): void {
    const items = this.virtualizer.getVirtualItems();
    this.spacer.style.height = `${this.virtualizer.getTotalSize()}px`;
    while (this.pool.length < items.length) {
      const row = h('div', { class: 'grid-row', attrs: { role: 'row' } });
      for (const column of COLUMNS) {
        row.append(h('div', { class: `cell col-${column}`, attrs: { role: 'gridcell' } }));
      }
      this.pool.push(row);
      this.spacer.append(row);
    }
    this.pool.forEach((element, i) => {
      const item = items[i];
      const row = item ? this.rows[item.index] : undefined;
      if (!item || !row) {
        element.hidden = true;
        element.removeAttribute('id');
        return;
      }
      element.hidden = false;
      element.id = `row-${item.index}`;
      element.dataset.index = String(item.index);
      element.setAttribute('aria-rowindex', String(item.index + 2));
      element.setAttribute('aria-selected', row.id === this.selectedId ? 'true' : 'false');
      element.style.transform = `translateY(${item.start - HEADER_HEIGHT}px)`;
      element.classList.toggle('selected', row.id === this.selectedId);
      element.classList.toggle(`type-known`, isKnownEventType(row.type));
      const cells = element.children;
      COLUMNS.forEach((column, c) => {
        const cell = cells[c] as HTMLElement;
        const value = column === 'time' ? displayTime(row, this.zone) : row[column];
        if (cell.textContent !== value) {
          cell.textContent = value;
          cell.title = value;
        }
      });
    });
    if (this.activeIndex >= 0 && this.pool.some((e) => e.id === `row-${this.activeIndex}`)) {
      this.element.setAttribute('aria-activedescendant', `row-${this.activeIndex}`);
    } else {
      this.element.removeAttribute('aria-activedescendant');
    }
  }
}
