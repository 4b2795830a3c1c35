import * as l10n from '@vscode/l10n';
import type { QueryInput } from '../core/query';
import { applyView, countByType, DEFAULT_VIEW, isColumn, type EventRow, type TableView } from '../core/table';
import type { ActionButton, HostAction, HostMessage, PanelState, ResultsMessage, StatusMessage, WebviewMessage } from '../shared/protocol';
import { DetailsPane } from './eventDetails';
import { h, icon } from './dom';
import { EventsTable } from './eventsTable';
import { FiltersForm } from './filtersForm';
import { bannerContent, emptyContent, type BannerInput } from './statusBanner';
import { SummaryStrip } from './summaryStrip';

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

let allRows: readonly EventRow[] = [];
let results: ResultsMessage | undefined;
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

const form = new FiltersForm(
  (query) => post({ type: 'runQuery', query }),
  () => persist(),
);
const banner = h('div', { class: 'banner', attrs: { role: 'status', 'aria-live': 'polite' } });
const quickFilter = h('input', {
  attrs: { type: 'search', placeholder: l10n.t('Filter loaded events'), 'aria-label': l10n.t('Filter loaded events'), spellcheck: 'false' },
});
const chips = h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': l10n.t('Event types') } });
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
});
const details = new DetailsPane({
  copy: (text) => post({ type: 'copy', text }),
  copyEvent: (eventId, field) => post(field === undefined ? { type: 'copyEvent', eventId } : { type: 'copyEvent', eventId, field }),
  reveal: (eventId) => post({ type: 'revealInTree', eventId }),
});
const emptyState = h('div', { class: 'empty-state', attrs: { role: 'status' } });
const summaryStrip = new SummaryStrip();

quickFilter.value = view.text;
quickFilter.addEventListener('input', () => {
  view = { ...view, text: quickFilter.value };
  refreshTable();
});
quickFilter.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && quickFilter.value !== '') {
    quickFilter.value = '';
    view = { ...view, text: '' };
    refreshTable();
    event.stopPropagation();
  } else if (event.key === 'ArrowDown') {
    table.focus();
    event.preventDefault();
  }
});

const app = document.getElementById('app')!;
app.replaceChildren(
  form.element,
  banner,
  summaryStrip.element,
  h('div', { class: 'toolbar' }, h('span', { class: 'search' }, icon('filter'), quickFilter), chips, shownCount),
  h('div', { class: 'main' }, h('div', { class: 'table-area' }, table.element, emptyState), details.element),
);
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
      buttons = new Map(message.actions.map((button) => [button.action, button]));
      form.setDefaultLimit(message.defaultLimit);
      syncForm(message.query);
      render();
      break;
    case 'results':
      results = message;
      allRows = message.rows;
      if (selectedId && !allRows.some((r) => r.id === selectedId)) {
        selectedId = undefined;
        details.clear();
      }
      render();
      if (selectedId) {
        post({ type: 'selectEvent', eventId: selectedId });
      }
      break;
    case 'details':
      if (message.eventId === selectedId) {
        details.show(message);
      }
      break;
    case 'validation':
      form.showErrors(message.errors, true);
      break;
    case 'summary':
      summaryStrip.render(message);
      break;
    case 'focus':
      if (message.connectionId !== undefined) {
        quickFilter.value = message.connectionId;
        view = { ...view, text: message.connectionId, excludedTypes: [] };
        refreshTable();
      }
      if (message.eventId !== undefined) {
        if (!table.selectById(message.eventId)) {
          // Hidden by the quick filter or a type chip: show everything, then select.
          quickFilter.value = '';
          view = { ...view, text: '', excludedTypes: [] };
          refreshTable();
          table.selectById(message.eventId);
        }
        table.focus();
      }
      break;
  }
});

post({ type: 'ready' });

function select(id: string): void {
  selectedId = id;
  persist();
  post({ type: 'selectEvent', eventId: id });
}

/** Fills the form from the host's query when it is a new one; an edit in progress is kept otherwise. */
function syncForm(query: QueryInput | undefined): void {
  const key = JSON.stringify(query ?? null);
  if (key === lastQueryKey) {
    return;
  }
  const first = lastQueryKey === undefined;
  lastQueryKey = key;
  if (query && !(first && saved.draft)) {
    form.setValues(query);
  } else if (!query && first && !saved.draft) {
    form.setValues({ minutes: 60 });
  }
}

function render(): void {
  banner.replaceChildren(...bannerContent(bannerInput(allRows.length)));
  // The table's refresh renders the type chips too.
  refreshTable();
}

function refreshTable(): void {
  const rows = applyView(allRows, view);
  table.setSort(view.sort.column, view.sort.descending);
  table.setRows(rows, selectedId);
  shownCount.textContent =
    allRows.length === 0
      ? ''
      : rows.length === allRows.length
        ? l10n.t('{0} events', rows.length)
        : l10n.t('{0} of {1} events', rows.length, allRows.length);
  table.element.hidden = allRows.length === 0;
  emptyState.hidden = allRows.length > 0 && rows.length > 0;
  emptyState.replaceChildren(...emptyContent(bannerInput(rows.length)));
  renderChips();
  persist();
}

function renderChips(): void {
  const excluded = new Set(view.excludedTypes);
  chips.replaceChildren(
    ...countByType(allRows).map(([type, count]) => {
      const included = !excluded.has(type);
      const chip = h('button', {
        class: 'chip',
        text: `${type} ${count}`,
        attrs: {
          type: 'button',
          'aria-pressed': String(included),
          title: included ? l10n.t('Hide {0} events', type) : l10n.t('Show {0} events', type),
        },
      });
      chip.addEventListener('click', () => {
        view = { ...view, excludedTypes: included ? [...view.excludedTypes, type] : view.excludedTypes.filter((t) => t !== type) };
        refreshTable();
        chips.querySelector<HTMLElement>(`[data-type="${CSS.escape(type)}"]`)?.focus();
      });
      chip.dataset.type = type;
      return chip;
    }),
  );
}

function bannerInput(shown: number): BannerInput {
  return { status, results, buttons, loaded: allRows.length, shown, run: (action) => post({ type: 'action', action }) };
}

function persist(): void {
  vscode.setState({
    selectedId,
    text: view.text,
    excludedTypes: view.excludedTypes,
    sort: view.sort,
    draft: Object.fromEntries(Object.entries(form.values()).map(([k, v]) => [k, String(v)])),
  });
}
