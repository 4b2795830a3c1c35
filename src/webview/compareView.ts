import * as l10n from '@vscode/l10n';
import { compareFieldLabel } from '../core/compare';
import { formatTime, zoneName, type TimeZone } from '../core/time';
import type { CompareMessage } from '../shared/protocol';
import { h, icon, svg } from './dom';
import { timelineTrack } from './timelineView';

const WIDTH = 600;
const TRACK_HEIGHT = 44;
const LABEL_HEIGHT = 14;

/**
 * Compare mode: two connections' timelines on one time axis, and a table of
 * only the fields that differ. Every value is text from the server, shown with
 * textContent; Back returns to the events table.
 */
export class CompareView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private message: CompareMessage | undefined;
  private zone: TimeZone | undefined;

  constructor(private readonly onBack: () => void) {
    const back = h('button', { class: 'secondary back', attrs: { type: 'button' } }, icon('arrow-left'), ` ${l10n.t('Back to Events')}`);
    back.addEventListener('click', () => this.onBack());
    this.body = h('div', { class: 'compare-body' });
    this.element = h('section', { class: 'compare', attrs: { 'aria-label': l10n.t('Compare connections') } }, back, this.body);
    this.element.hidden = true;
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.onBack();
      }
    });
  }

  get shown(): boolean {
    return !this.element.hidden;
  }

  show(message: CompareMessage, zone: TimeZone): void {
    this.message = message;
    this.zone = zone;
    this.render();
    this.element.hidden = false;
    this.element.querySelector<HTMLElement>('button.back')?.focus();
  }

  hide(): void {
    this.element.hidden = true;
  }

  /** Times follow the `timeZone` setting, here too. */
  setTimeZone(zone: TimeZone): void {
    if (zone !== this.zone) {
      this.zone = zone;
      if (this.message) {
        this.render();
      }
    }
  }

  private render(): void {
    const { message, zone } = this;
    if (!message || !zone) {
      return;
    }
    const [a, b] = message.timelines;
    const startMs = Math.min(a.startMs, b.startMs);
    const endMs = Math.max(a.endMs, b.endMs);
    const span = Math.max(1, endMs - startMs);
    const x = (ms: number) => 8 + ((ms - startMs) / span) * (WIDTH - 16);
    const height = 2 * (TRACK_HEIGHT + LABEL_HEIGHT);
    const picture = svg('svg', {
      viewBox: `0 0 ${WIDTH} ${height}`,
      class: 'timeline-svg compare-svg',
      role: 'img',
      'aria-label': l10n.t('Timelines of {0} and {1} on one time axis', a.connectionId, b.connectionId),
    });
    message.timelines.forEach((timeline, i) => {
      const top = i * (TRACK_HEIGHT + LABEL_HEIGHT);
      picture.append(
        svg('text', { x: 8, y: top + LABEL_HEIGHT - 2, class: 'track-label' }, timeline.connectionId),
        ...timelineTrack(timeline, {
          x,
          axisY: top + LABEL_HEIGHT + TRACK_HEIGHT / 2,
          top,
          bottom: top + LABEL_HEIGHT + TRACK_HEIGHT,
          zone,
        }),
      );
    });
    const axis = l10n.t(
      '{0} → {1} ({2})',
      formatTime({ ms: startMs, ticks: 0 }, zone),
      formatTime({ ms: endMs, ticks: 0 }, zone),
      zoneName(zone, startMs),
    );
    this.body.replaceChildren(
      h('h2', { text: l10n.t('{0} and {1}', a.connectionId, b.connectionId) }),
      picture,
      h('p', { class: 'muted axis-range', text: axis }),
      this.differences(message),
    );
  }

  private differences(message: CompareMessage): HTMLElement {
    const [a, b] = message.timelines;
    if (message.differences.length === 0) {
      return h('p', { class: 'no-differences', text: l10n.t('No differences: every compared field is the same.') });
    }
    const cell = (text: string) => h('td', { text: text === '' ? '—' : text });
    return h(
      'table',
      { class: 'differences' },
      h('caption', { text: l10n.t('Fields that differ') }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: l10n.t('Field'), attrs: { scope: 'col' } }),
          h('th', { text: a.connectionId, attrs: { scope: 'col' } }),
          h('th', { text: b.connectionId, attrs: { scope: 'col' } }),
        ),
      ),
      h(
        'tbody',
        {},
        ...message.differences.map((d) =>
          h(
            'tr',
            { attrs: { 'data-field': d.field } },
            h('th', { text: compareFieldLabel(d.field), attrs: { scope: 'row' } }),
            cell(d.a),
            cell(d.b),
          ),
        ),
      ),
    );
  }
}
