import * as l10n from '@vscode/l10n';
import { describeSummary } from '../core/summary';
import type { SummaryMessage } from '../shared/protocol';
import { h, icon } from './dom';

/**
 * The strip above the table: what the summary endpoint says about the
 * window of the results shown, per service, protocol and data center. Text
 * only (a server's names never become markup); a failure is a small note.
 */
export class SummaryStrip {
  readonly element = h('section', { class: 'summary-strip', attrs: { 'aria-label': l10n.t('Summary from the API') } });

  constructor() {
    this.element.hidden = true;
  }

  render(message: SummaryMessage): void {
    this.element.hidden = message.state === 'none';
    this.element.dataset.state = message.state;
    switch (message.state) {
      case 'none':
        this.element.replaceChildren();
        return;
      case 'loading':
        this.element.replaceChildren(h('span', { class: 'muted' }, icon('loading'), ` ${l10n.t('Loading the summary…')}`));
        return;
      case 'failed':
        this.element.replaceChildren(
          h(
            'span',
            { class: 'muted note' },
            icon('info'),
            h('span', {
              text: ` ${l10n.t('The summary is unavailable: {0}', message.error ?? '')} ${l10n.t('The events shown are not affected.')}`,
            }),
          ),
        );
        return;
      case 'ok': {
        if (!message.totals) {
          return;
        }
        const text = describeSummary(message.totals);
        this.element.replaceChildren(
          h('div', { class: 'summary-headline' }, icon('graph'), h('span', { text: ` ${l10n.t('Summary: {0}', text.headline)}` })),
          ...text.groups.map((group) =>
            h(
              'div',
              { class: 'summary-group' },
              h('span', { class: 'summary-label', text: `${group.label}: ` }),
              h('span', { class: 'summary-entries', text: group.entries.join(' · ') }),
            ),
          ),
        );
        return;
      }
    }
  }
}
