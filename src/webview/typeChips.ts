import * as l10n from '@vscode/l10n';
import { h } from './dom';

/** A toggle per event type of the loaded events, with its count: pressed while the type is shown. */
export class TypeChips {
  readonly element = h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': l10n.t('Event types') } });

  /** `toggle` gets the type and whether it is to be hidden; the chip keeps the focus across the re-render it causes. */
  constructor(private readonly toggle: (type: string, hide: boolean) => void) {}

  render(counts: readonly (readonly [string, number])[], excludedTypes: readonly string[]): void {
    const excluded = new Set(excludedTypes);
    this.element.replaceChildren(
      ...counts.map(([type, count]) => {
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
          this.toggle(type, included);
          this.element.querySelector<HTMLElement>(`[data-type="${CSS.escape(type)}"]`)?.focus();
        });
        chip.dataset.type = type;
        return chip;
      }),
    );
  }
}
