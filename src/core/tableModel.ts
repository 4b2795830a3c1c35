import { matchesText, normalizeFilter, rowComparator, sortCounts, type EventRow, type TableView } from './table';

/**
 * The rows of one result as the panel's table shows them, kept quick at 100,000 rows: the same
 * rows {@link applyView} gives, but sorted once per sort (rows that arrive later are merged in:
 * the sort finds the sorted run and merges the new rows into it), with the quick filter narrowing
 * the last match when the text grows, and the type counts kept as rows arrive.
 */
export class TableModel {
  private all: EventRow[] = [];
  private sorted: { readonly key: string; readonly sort: TableView['sort']; readonly rows: EventRow[] } | undefined;
  private last: { readonly key: string; readonly text: string; readonly rows: readonly EventRow[] } | undefined;
  private counts = new Map<string, number>();

  /** Every row, in the order they arrived. */
  get rows(): readonly EventRow[] {
    return this.all;
  }

  /** Starts over with these rows. */
  reset(rows: readonly EventRow[]): void {
    this.all = [];
    this.sorted = undefined;
    this.counts = new Map();
    this.append(rows);
  }

  /** Adds rows after those already held. */
  append(rows: readonly EventRow[]): void {
    this.all = this.all.concat(rows);
    for (const row of rows) {
      this.counts.set(row.type, (this.counts.get(row.type) ?? 0) + 1);
    }
    if (this.sorted) {
      const { key, sort } = this.sorted;
      this.sorted = { key, sort, rows: this.sorted.rows.concat(rows).sort(rowComparator(sort)) };
    }
    this.last = undefined;
  }

  /** The rows the view shows, as applyView(rows, view) gives them. Do not change the array. */
  apply(view: TableView): readonly EventRow[] {
    const sortKey = `${view.sort.column}:${view.sort.descending ? 'desc' : 'asc'}`;
    if (this.sorted?.key !== sortKey) {
      this.sorted = { key: sortKey, sort: view.sort, rows: [...this.all].sort(rowComparator(view.sort)) };
      this.last = undefined;
    }
    const text = normalizeFilter(view.text);
    const excluded = new Set(view.excludedTypes);
    const key = JSON.stringify([sortKey, [...excluded].sort()]);
    if (text === '' && excluded.size === 0) {
      return this.sorted.rows;
    }
    // A longer text matches fewer rows, among those the shorter one matched.
    const from = this.last?.key === key && text.includes(this.last.text) ? this.last.rows : this.sorted.rows;
    const rows = from.filter((row) => !excluded.has(row.type) && (text === '' || matchesText(row, text)));
    this.last = { key, text, rows };
    return rows;
  }

  /** Event types with their counts, most frequent first (as countByType gives them). */
  countByType(): [string, number][] {
    return sortCounts(this.counts);
  }
}
