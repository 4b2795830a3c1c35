import { isFiltering, isShown, rowComparator, rowFilter, searchText, sortCounts, type EventRow, type TableView } from './table';
import { DEFAULT_TIME_ZONE, type TimeZone } from './time';

/**
 * The rows of one result as the panel's table shows them, kept quick at 100,000 rows: the same
 * rows {@link applyView} gives, but sorted once per sort (rows that arrive later are merged in:
 * the sort finds the sorted run and merges the new rows into it), matched by the quick filter
 * against each row's search text made once as the row arrives, narrowing the last match when
 * the text grows, and with the type counts kept as rows arrive. Rows are held by position, so a
 * keystroke is one string search per row and no lookups.
 */
export class TableModel {
  private all: EventRow[] = [];
  private texts: string[] = [];
  private sorted:
    { readonly key: string; readonly sort: TableView['sort']; readonly order: number[]; readonly rows: EventRow[] } | undefined;
  private last: { readonly key: string; readonly text: string; readonly order: readonly number[] } | undefined;
  private counts = new Map<string, number>();
  /** The zone the Time column shows, which the quick filter matches. */
  private zone: TimeZone = DEFAULT_TIME_ZONE;

  /** Every row, in the order they arrived. */
  get rows(): readonly EventRow[] {
    return this.all;
  }

  /** Starts over with these rows. */
  reset(rows: readonly EventRow[]): void {
    this.all = [];
    this.texts = [];
    this.sorted = undefined;
    this.counts = new Map();
    this.append(rows);
  }

  /** Matches the quick filter against times shown in `zone` from now on: each row's search text is made again. */
  setTimeZone(zone: TimeZone): void {
    if (zone !== this.zone) {
      this.zone = zone;
      this.texts = this.all.map((row) => searchText(row, zone));
      this.last = undefined;
    }
  }

  /** Adds rows after those already held. */
  append(rows: readonly EventRow[]): void {
    const from = this.all.length;
    for (const row of rows) {
      this.all.push(row);
      this.texts.push(searchText(row, this.zone));
      this.counts.set(row.type, (this.counts.get(row.type) ?? 0) + 1);
    }
    if (this.sorted) {
      const { key, sort } = this.sorted;
      const order = this.sorted.order;
      for (let i = from; i < this.all.length; i++) {
        order.push(i);
      }
      this.sorted = this.sortedBy(key, sort, order);
    }
    this.last = undefined;
  }

  /** The rows the view shows, as applyView(rows, view, zone) gives them. Do not change the array. */
  apply(view: TableView): readonly EventRow[] {
    const sortKey = `${view.sort.column}:${view.sort.descending ? 'desc' : 'asc'}`;
    if (this.sorted?.key !== sortKey) {
      this.sorted = this.sortedBy(
        sortKey,
        view.sort,
        this.all.map((_, i) => i),
      );
      this.last = undefined;
    }
    const filter = rowFilter(view);
    if (!isFiltering(filter)) {
      return this.sorted.rows;
    }
    const { text, excluded } = filter;
    const key = JSON.stringify([sortKey, [...excluded].sort()]);
    // A longer text matches fewer rows, among those the shorter one matched.
    const from = this.last?.key === key && text.includes(this.last.text) ? this.last.order : this.sorted.order;
    const { all, texts, zone } = this;
    const order = from.filter((i) => isShown(all[i]!, filter, zone, texts[i]));
    this.last = { key, text, order };
    return order.map((i) => all[i]!);
  }

  /** Event types with their counts, most frequent first (as countByType gives them). */
  countByType(): [string, number][] {
    return sortCounts(this.counts);
  }

  /** Sorts positions already sorted but for those appended: the sort merges them in one pass. */
  private sortedBy(key: string, sort: TableView['sort'], order: number[]) {
    const compare = rowComparator(sort);
    const { all } = this;
    order.sort((a, b) => compare(all[a]!, all[b]!));
    return { key, sort, order, rows: order.map((i) => all[i]!) };
  }
}
