import * as l10n from '@vscode/l10n';
import type { QueryInput } from '../core/query';
import type { QueryChoice } from '../core/queryChoices';
import { h } from './dom';

/**
 * The form's "Recent & saved" list: the host's saved queries and history. Choosing one fills
 * the form with it; Apply runs it, validated as any query from the form. Names and summaries
 * are set as text, never parsed as markup.
 */
export class QueryChoicesSelect {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  /** The choices by their option's value (their index), not by any name they carry. */
  private readonly byValue = new Map<string, QueryChoice>();

  constructor(private readonly onChoose: (query: QueryInput) => void) {
    this.select = h('select', { attrs: { id: 'f-recent', name: 'recent' } });
    this.select.addEventListener('change', () => {
      const query = this.byValue.get(this.select.value)?.query;
      // Back to the prompt: the list is a way to fill the form, not a state of it.
      this.select.value = '';
      if (query) {
        this.onChoose(query);
      }
    });
    this.element = h(
      'div',
      { class: 'field recent' },
      h('label', { text: l10n.t('Recent & saved'), attrs: { for: 'f-recent' } }),
      this.select,
    );
    this.set([]);
  }

  set(choices: readonly QueryChoice[]): void {
    this.byValue.clear();
    const group = (kind: QueryChoice['kind'], label: string) => {
      const options = choices.flatMap((choice, index) => {
        if (choice.kind !== kind) {
          return [];
        }
        const value = String(index);
        this.byValue.set(value, choice);
        const text = kind === 'saved' ? `${choice.label} — ${choice.description}` : choice.label;
        return [h('option', { text, attrs: { value, title: choice.description, disabled: choice.query ? undefined : '' } })];
      });
      return options.length > 0 ? [h('optgroup', { attrs: { label } }, ...options)] : [];
    };
    this.select.replaceChildren(
      h('option', { text: l10n.t('Choose a query…'), attrs: { value: '' } }),
      ...group('saved', l10n.t('Saved')),
      ...group('recent', l10n.t('Recent')),
    );
    this.select.value = '';
    this.element.hidden = choices.length === 0;
  }
}
