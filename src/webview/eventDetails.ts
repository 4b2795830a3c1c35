import * as l10n from '@vscode/l10n';
import { boundDepth, DEPTH_MARKER, DISPLAY_DEPTH, stringifyJson } from '../core/jsonText';
import type { TimeZone } from '../core/time';
import type { DetailsMessage } from '../shared/protocol';
import { h, icon } from './dom';
import { renderTimeline } from './timelineView';

const KNOWN_ORDER = [
  'eventType',
  'eventDescription',
  'eventTimestamp',
  'eventId',
  'connectionId',
  'serviceName',
  'protocolName',
  'dataCenter',
  'host',
  'ipAddress',
  'apikeyId',
  'organizationId',
];

/**
 * The selected event: every field (unknown ones too), its time in UTC and
 * local time, the raw JSON, copy buttons, and its connection's timeline.
 */
export class DetailsPane {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly handlers: {
      readonly copy: (text: string) => void;
      /** The host copies the event (or one field) from its own whole copy. */
      readonly copyEvent: (eventId: string, field?: string) => void;
      readonly reveal: (eventId: string) => void;
    },
  ) {
    this.body = h('div', { class: 'details-body' }, placeholder());
    this.element = h('section', { class: 'details', attrs: { 'aria-label': l10n.t('Event details') } }, this.body);
  }

  clear(): void {
    this.body.replaceChildren(placeholder());
  }

  /** Moves focus into the pane, for keyboard users who pressed Enter on a row. */
  focus(): void {
    this.element.querySelector<HTMLElement>('button')?.focus();
  }

  /** Shows an event; its timeline's times in `zone`. */
  show(details: DetailsMessage, zone: TimeZone): void {
    // The host sends a bounded copy; bounded again here, so that nothing below can recurse past the stack.
    const bounded = boundDepth(details.event);
    const event = bounded.value as Readonly<Record<string, unknown>>;
    const truncated = details.truncated || bounded.truncated;
    const json = stringifyJson(event) ?? '';
    const copyJson = this.button('json', l10n.t('Copy JSON'), () => this.handlers.copyEvent(details.eventId));
    const reveal = this.button('list-tree', l10n.t('Reveal in Tree'), () => this.handlers.reveal(details.eventId));

    const rows: HTMLElement[] = [];
    const keys = [
      ...KNOWN_ORDER.filter((k) => Object.hasOwn(event, k)),
      ...Object.keys(event)
        .filter((k) => !KNOWN_ORDER.includes(k))
        .sort(),
    ];
    for (const key of keys) {
      rows.push(this.fieldRow(key, display(event[key]), !KNOWN_ORDER.includes(key), () => this.handlers.copyEvent(details.eventId, key)));
      if (key === 'eventTimestamp') {
        // Labelled with its zone, in UTC too: the server's text above has 7 digits, this one 3.
        const label = l10n.t('time ({0})', details.shownZone);
        rows.push(this.fieldRow(label, details.shownTime, false, () => this.handlers.copy(details.shownTime)));
      }
    }
    const heading = h('h2', { text: display(event.eventType) });
    // The timeline first: the connection's life at a glance, then the event's every field.
    const parts: Node[] = [h('div', { class: 'details-head' }, heading, h('div', { class: 'buttons' }, copyJson, reveal))];
    if (details.timeline) {
      parts.push(renderTimeline(details.timeline, details.eventId, zone));
    }
    if (truncated) {
      parts.push(
        h('p', {
          class: 'muted depth-note',
          text: l10n.t(
            'Some fields nest deeper than {0} levels; the deeper levels are shown as {1}. Copy JSON copies everything.',
            DISPLAY_DEPTH,
            DEPTH_MARKER,
          ),
        }),
      );
    }
    parts.push(
      h('dl', { class: 'fields' }, ...rows),
      h('details', { class: 'raw' }, h('summary', { text: l10n.t('Raw JSON') }), h('pre', { text: json })),
    );
    this.body.replaceChildren(...parts);
  }

  private fieldRow(key: string, value: string, extra: boolean, copyValue: () => void): HTMLElement {
    const copy = this.button('copy', l10n.t('Copy {0}', key), copyValue, true);
    return h(
      'div',
      { class: extra ? 'field-row extra' : 'field-row' },
      h('dt', { text: key, attrs: { title: extra ? l10n.t('A field this version of the extension does not know') : undefined } }),
      h('dd', {}, h('span', { class: 'value', text: value }), copy),
    );
  }

  private button(codicon: string, label: string, run: () => void, iconOnly = false): HTMLButtonElement {
    const button = h(
      'button',
      { class: iconOnly ? 'icon-button' : 'secondary', attrs: { type: 'button', 'aria-label': label, title: label } },
      icon(codicon),
      iconOnly ? undefined : ` ${label}`,
    );
    button.addEventListener('click', run);
    return button;
  }
}

function placeholder(): HTMLElement {
  return h('p', { class: 'muted', text: l10n.t('Select an event to see its details and its connection’s timeline.') });
}

function display(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'string' ? value : (stringifyJson(value, 0) ?? '');
}
