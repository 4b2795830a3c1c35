import * as l10n from '@vscode/l10n';
import { connectionsText, eventsText } from '../core/counts';
import type { ActionButton, HostAction, ResultsMessage, StatusMessage } from '../shared/protocol';
import { h, icon } from './dom';

/** What the banner and the empty state show: the host's last status and results, and how its buttons look. */
export interface BannerInput {
  readonly status: StatusMessage | undefined;
  readonly results: ResultsMessage | undefined;
  /** The host's titles and icons of the buttons, from the last status. */
  readonly buttons: ReadonlyMap<HostAction, ActionButton>;
  /** How many rows are loaded, and how many the quick filter and the chips leave shown. */
  readonly loaded: number;
  readonly shown: number;
  /** Asks the host to run an action. */
  readonly run: (action: HostAction) => void;
}

/** The banner above the table: progress and Cancel, the last error with its actions, the summary and its warnings. */
export function bannerContent(input: BannerInput): Node[] {
  const { status, results } = input;
  const actionButton = (action: HostAction, primary = false, disabled = false) => buttonFor(input, action, primary, disabled);
  const parts: (Node | undefined)[] = [];
  if (status?.running) {
    parts.push(
      h('div', { class: 'progress', attrs: { role: 'progressbar', 'aria-label': l10n.t('Querying') } }),
      h('span', {}, icon('loading'), ` ${l10n.t('Querying…')}`),
      actionButton('cancel'),
    );
  }
  if (status?.error && !status.running) {
    parts.push(
      h(
        'div',
        { class: 'message error', attrs: { role: 'alert' } },
        icon('error'),
        h('span', { text: ` ${status.error.message}${status.hasResults ? ` ${l10n.t('Showing earlier results.')}` : ''}` }),
        ...status.error.actions.map((action) => actionButton(action)),
      ),
    );
  }
  if (results) {
    parts.push(
      h('span', {
        class: 'summary',
        text: `${results.summary} · ${connectionsText(results.connections)}, ${eventsText(results.total)}`,
      }),
    );
    if (results.limitReached) {
      parts.push(
        h(
          'div',
          { class: 'message warning' },
          icon('warning'),
          h('span', {
            text: ` ${results.pages > 1 ? l10n.t('The limit of {0} was reached on page {1}: older events are not loaded.', results.limit, results.pages) : l10n.t('The limit of {0} was reached: older events are not loaded.', results.limit)} `,
          }),
          // Not while a query runs, nor when the results are of an earlier query: the host refuses it then.
          actionButton('loadOlder', false, status?.running === true || status?.canLoadOlder === false),
        ),
      );
    }
    if (results.invalidCount > 0) {
      parts.push(
        h(
          'div',
          { class: 'message warning' },
          icon('warning'),
          h('span', { text: ` ${l10n.t('{0} malformed records were skipped.', results.invalidCount)} ` }),
          actionButton('showLog'),
        ),
      );
    }
  }
  return parts.filter((part) => part !== undefined);
}

/** What the table area says when it has no row to show, and why. */
export function emptyContent(input: BannerInput): Node[] {
  const { status, results, loaded: allRowsLength, shown } = input;
  if (allRowsLength > 0 && shown === 0) {
    return [h('p', { text: l10n.t('No loaded event matches the filter or the selected types.') })];
  }
  if (!status || (status.hasResults && !results)) {
    // A page made again (the panel hidden, then shown) before the host's status, or before the rows it has: nothing to say yet.
    return [];
  }
  if (status.running) {
    return [h('p', {}, icon('loading'), ` ${l10n.t('Querying connection events…')}`)];
  }
  if (!status.hasApiKey) {
    const setKey = buttonFor(input, 'setApiKey', true);
    return [h('p', { text: l10n.t('Set your API key to query connection events.') }), ...(setKey ? [setKey] : [])];
  }
  if (results && status.explanation) {
    // Why it is empty, learnt by the host with at most two extra requests, and its correction.
    const use = status.explanation.correctable ? buttonFor(input, 'useSuggestion', true) : undefined;
    return [h('p', { class: 'explanation', text: status.explanation.message }), ...(use ? [use] : [])];
  }
  if (results) {
    return [h('p', { text: l10n.t('No events matched the query. Widen the time range or remove a filter, then Apply.') })];
  }
  if (status.error) {
    return [h('p', { text: l10n.t('The query failed; see above.') })];
  }
  return [h('p', { text: l10n.t('Choose a time range and any filters above, then Apply.') })];
}

/** A button for a host action, as the host titled it; none until the host has said how buttons look. */
function buttonFor(input: BannerInput, action: HostAction, primary = false, disabled = false): HTMLButtonElement | undefined {
  const described = input.buttons.get(action);
  if (!described) {
    return undefined;
  }
  const button = h(
    'button',
    { class: primary ? 'primary' : 'secondary', attrs: { type: 'button' } },
    icon(described.icon),
    ` ${described.title}`,
  );
  button.disabled = disabled;
  button.addEventListener('click', () => input.run(action));
  return button;
}
