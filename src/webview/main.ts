import * as l10n from '@vscode/l10n';
import type { QueryInput } from '../core/query';
import { DEFAULT_VIEW, isColumn, type TableView } from '../core/table';
import { DEFAULT_TIME_ZONE, type TimeZone } from '../core/time';
import type { ActionButton, FocusMessage, HostAction, HostMessage, PanelState, StatusMessage, WebviewMessage } from '../shared/protocol';
import { CompareView } from './compareView';
import { DetailsPane } from './eventDetails';
import { h, icon } from './dom';
import { EventsTable } from './eventsTable';
import { FiltersForm } from './filtersForm';
import { QuickFilter } from './quickFilter';
import { NewRowsIndicator, shownCountText } from './newRows';
import { ResultRows } from './resultRows';
import { bannerContent, emptyContent, type BannerInput } from './statusBanner';
import { SummaryStrip } from './summaryStrip';
import { TypeChips } from './typeChips';
import { ViewReport } from './viewReport';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// The host passes the extension's strings in the user's language; without them l10n.t speaks English.
const bundle = document.getElementById('app')?.dataset.l10n;
if (bundle) {
  l10n.config({ contents: bundle });
}

const vscode = acquireVsCodeApi();
const saved: PanelState = vscode.getState() ?? {};

const result = new ResultRows();
/** A focus that arrived while the rows were still arriving: applied once they all have. */
let pendingFocus: FocusMessage | undefined;
/** The zone times are shown and typed in, from the host's status. */
let zone: TimeZone = DEFAULT_TIME_ZONE;
/** When the result shown was made: a result made at another time is another query's. */
let resultCompletedAt: string | undefined;
let status: StatusMessage | undefined;
/** The host's titles and icons of the buttons, from the last status. */
let buttons = new Map<HostAction, ActionButton>();
let view: TableView = {
  text: saved.text ?? '',
  excludedTypes: saved.excludedTypes ?? [],
  sort: saved.sort && isColumn(saved.sort.column) ? { column: saved.sort.column, descending: saved.sort.descending } : DEFAULT_VIEW.sort,
};
let selectedId = saved.selectedId;
let lastQueryKey: string | undefined;

const post = (message: WebviewMessage) => vscode.postMessage(message);
const viewReport = new ViewReport(post);

const form = new FiltersForm(
  (query) => post({ type: 'runQuery', query }),
  () => persist(),
);
const banner = h('div', { class: 'banner', attrs: { role: 'status', 'aria-live': 'polite' } });
const quickFilter = new QuickFilter(
  view.text,
  saved.connectionFilter,
  (text) => {
    view = { ...view, text };
    refreshTable();
  },
  () => table.focus(),
);
const chips = new TypeChips((type, hide) => {
  view = { ...view, excludedTypes: hide ? [...view.excludedTypes, type] : view.excludedTypes.filter((t) => t !== type) };
  refreshTable();
});
const shownCount = h('span', { class: 'muted shown-count', attrs: { 'aria-live': 'polite' } });
const table = new EventsTable({
  onSelect: (row) => select(row.id),
  onActivate: () => details.focus(),
  onSort: (column) => {
    const descending = view.sort.column === column ? !view.sort.descending : column === 'time';
    view = { ...view, sort: { column, descending } };
    refreshTable();
  },
  onEscape: () => quickFilter.focus(),
  onScroll: () => newRows.pending > 0 && table.newestInView() && newRows.clear(),
});
const newRows = new NewRowsIndicator(() => (table.showNewest(), table.focus()));
const details = new DetailsPane({
  copy: (text) => post({ type: 'copy', text }),
  copyEvent: (eventId, field) => post(field === undefined ? { type: 'copyEvent', eventId } : { type: 'copyEvent', eventId, field }),
  reveal: (eventId) => post({ type: 'revealInTree', eventId }),
});
const emptyState = h('div', { class: 'empty-state', attrs: { role: 'status' } });
const summaryStrip = new SummaryStrip();

const app = document.getElementById('app')!;
const toolbar = h(
  'div',
  { class: 'toolbar' },
  h('span', { class: 'search' }, icon('filter'), quickFilter.input),
  chips.element,
  shownCount,
);
const main = h('div', { class: 'main' }, h('div', { class: 'table-area' }, newRows.element, table.element, emptyState), details.element);
const compare = new CompareView(() => {
  showCompare(false);
  post({ type: 'compareClosed' });
});
app.replaceChildren(form.element, banner, summaryStrip.element, toolbar, main, compare.element);
app.removeAttribute('aria-busy');
table.mount();
if (saved.draft) {
  form.setValues(saved.draft);
}
table.setSort(view.sort.column, view.sort.descending);
render();

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'status':
      status = message;
      if (!message.hasResults && result.results) {
        // The host holds no result any more (another key, another profile): neither may the table.
        result.clear();
        newRows.clear();
        showCompare(false);
        selectedId = undefined;
        details.clear();
      }
      buttons = new Map(message.actions.map((button) => [button.action, button]));
      form.setDefaultLimit(message.defaultLimit);
      setTimeZone(message.timeZone);
      syncForm(message.query);
      render();
      break;
    case 'append':
      newRows.arrive(
        table,
        () => result.model.apply(view).length,
        (keep) => result.accept(message) && render(keep),
      );
      break;
    case 'results':
    case 'rows':
      if (result.accept(message)) {
        if (message.type === 'results') {
          newRows.clear();
          if (resultCompletedAt !== undefined && resultCompletedAt !== message.completedAt) {
            // Another query's results: the compared connections belong to the last one.
            showCompare(false);
          }
          resultCompletedAt = message.completedAt;
          if (quickFilter.resultOf(lastQueryKey ?? '')) {
            view = { ...view, text: quickFilter.text };
          }
        }
        rowsArrived();
      }
      break;
    case 'queries':
      form.setChoices(message.choices);
      break;
    case 'details':
      if (message.eventId === selectedId) {
        details.show(message, zone);
      }
      break;
    case 'validation':
      form.showErrors(message.errors, true);
      break;
    case 'summary':
      summaryStrip.render(message);
      break;
    case 'focus':
      showCompare(false);
      if (!result.complete) {
        pendingFocus = message;
      } else {
        focus(message);
      }
      break;
    case 'compare':
      compare.show(message, zone);
      showCompare(true);
      break;
  }
});

post({ type: 'ready' });
viewReport.start(view);

/** Compare mode in place of the events table, or back to the table. */
function showCompare(on: boolean): void {
  if (!on && !compare.shown) {
    return;
  }
  toolbar.hidden = on;
  main.hidden = on;
  if (on) {
    return;
  }
  compare.hide();
  table.focus();
}

function setTimeZone(next: TimeZone): void {
  zone = next;
  result.model.setTimeZone(zone);
  table.setTimeZone(zone);
  form.setTimeZone(zone);
  compare.setTimeZone(zone);
}

/** Renders what has arrived; once the whole result has, keeps the selection if it is in it. */
function rowsArrived(): void {
  if (!result.complete) {
    render();
    return;
  }
  if (selectedId && !result.model.rows.some((r) => r.id === selectedId)) {
    selectedId = undefined;
    details.clear();
  }
  render();
  if (selectedId) {
    post({ type: 'selectEvent', eventId: selectedId });
  }
  if (pendingFocus) {
    focus(pendingFocus);
    pendingFocus = undefined;
  }
}

function focus(message: FocusMessage): void {
  if (message.connectionId !== undefined) {
    quickFilter.narrow(message.connectionId, lastQueryKey ?? '');
    view = { ...view, text: message.connectionId, excludedTypes: [] };
    refreshTable();
  }
  if (message.eventId !== undefined) {
    if (!table.selectById(message.eventId)) {
      // Hidden by the quick filter or a type chip: show everything, then select.
      quickFilter.clear();
      view = { ...view, text: '', excludedTypes: [] };
      refreshTable();
      table.selectById(message.eventId);
    }
    table.focus();
  }
}

function select(id: string): void {
  selectedId = id;
  persist();
  post({ type: 'selectEvent', eventId: id });
}

/**
 * Fills the form from the host's query when it is a new one; an edit in progress is kept otherwise. A page
 * made again (the panel was hidden) keeps its saved draft only while the host's query is the one the draft
 * was made on: a query run meanwhile (Show Connection from another editor) is what the form shows.
 */
function syncForm(query: QueryInput | undefined): void {
  const key = JSON.stringify(query ?? null);
  if (key === lastQueryKey) {
    return;
  }
  const first = lastQueryKey === undefined;
  lastQueryKey = key;
  if (query && !(first && saved.draft && saved.draftOf === key)) {
    form.setValues(query);
  } else if (!query && first && !saved.draft) {
    form.setValues({ minutes: 60 });
  }
}

function render(keep?: 'anchor' | 'newest'): void {
  banner.replaceChildren(...bannerContent(bannerInput(result.model.rows.length)));
  // The table's refresh renders the type chips too.
  refreshTable(keep);
}

function refreshTable(keep?: 'anchor' | 'newest'): void {
  const loaded = result.model.rows.length;
  const rows = result.model.apply(view);
  table.setSort(view.sort.column, view.sort.descending);
  table.setRows(rows, selectedId, keep);
  shownCount.textContent = shownCountText(loaded, result.complete ? undefined : (result.results?.total ?? loaded), rows.length);
  table.element.hidden = loaded === 0;
  emptyState.hidden = loaded > 0 && rows.length > 0;
  emptyState.replaceChildren(...emptyContent(bannerInput(rows.length)));
  chips.render(result.model.countByType(), view.excludedTypes);
  persist();
  viewReport.send(view);
}

function bannerInput(shown: number): BannerInput {
  return {
    status,
    results: result.results,
    buttons,
    loaded: result.model.rows.length,
    shown,
    run: (action) => post({ type: 'action', action }),
  };
}

function persist(): void {
  vscode.setState({
    selectedId,
    text: view.text,
    excludedTypes: view.excludedTypes,
    sort: view.sort,
    draft: Object.fromEntries(Object.entries(form.values()).map(([k, v]) => [k, String(v)])),
    draftOf: lastQueryKey ?? saved.draftOf,
    connectionFilter: quickFilter.connectionFilter,
  });
}
