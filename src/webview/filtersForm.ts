import {
  FIELD_EXAMPLES,
  fieldLabel,
  TEXT_FIELDS,
  validateField,
  validateQuery,
  type FieldError,
  type QueryField,
  type QueryInput,
} from '../core/query';
import * as l10n from '@vscode/l10n';
import { presetLabel, TIME_PRESETS } from '../core/presets';
import { DEFAULT_TIME_ZONE, zoneName, type TimeZone } from '../core/time';
import { h, icon } from './dom';
import type { QueryChoice } from '../core/queryChoices';
import { QueryChoicesSelect } from './queryChoices';

/**
 * The filters form: every query parameter, the palette's presets, and the
 * same validation (core/query) as the palette flow and command arguments.
 */
export class FiltersForm {
  readonly element: HTMLFormElement;
  private readonly inputs = new Map<QueryField, HTMLInputElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly range: HTMLSelectElement;
  private readonly customFields: HTMLElement;
  private readonly formError: HTMLElement;
  private readonly labels = new Map<QueryField, HTMLLabelElement>();
  private readonly choices = new QueryChoicesSelect((query) => {
    this.setValues(query);
    this.onChange();
  });
  /** The zone a date-time without Z or an offset is typed in: the host's `timeZone` setting. */
  private zone: TimeZone = DEFAULT_TIME_ZONE;

  constructor(
    private readonly onApply: (query: QueryInput) => void,
    private readonly onChange: () => void,
  ) {
    this.range = h('select', { attrs: { id: 'f-range', name: 'range' } });
    this.setRangeOptions(undefined);
    this.range.addEventListener('change', () => {
      this.syncRange();
      this.onChange();
    });

    const timeStart = this.field('timeStart', 'datetime');
    const timeEnd = this.field('timeEnd', 'datetime');
    this.customFields = h('div', { class: 'custom-range' }, timeStart, timeEnd);
    this.formError = h('div', { class: 'form-error', attrs: { role: 'alert', id: 'e-form' } });

    const apply = h('button', { class: 'primary', attrs: { type: 'submit' } }, icon('play'), ` ${l10n.t('Apply')}`);
    const reset = h('button', { class: 'secondary', attrs: { type: 'button', title: l10n.t('Clear every filter') } }, l10n.t('Reset'));
    reset.addEventListener('click', () => {
      this.setValues({ minutes: 60 });
      this.onChange();
    });

    this.element = h(
      'form',
      { class: 'filters', attrs: { 'aria-label': l10n.t('Query'), novalidate: '' } },
      h(
        'div',
        { class: 'row' },
        this.choices.element,
        h('div', { class: 'field' }, h('label', { text: l10n.t('Time range'), attrs: { for: 'f-range' } }), this.range),
        this.customFields,
        ...TEXT_FIELDS.map((f) => this.field(f, 'text')),
        this.field('limit', 'number'),
      ),
      h('div', { class: 'actions' }, apply, reset, this.formError),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.syncRange();
    this.setTimeZone(this.zone);
  }

  /** The form's values as a query with the API's names (unset fields omitted). */
  values(): QueryInput {
    const query: QueryInput = {};
    for (const [field, input] of this.inputs) {
      if (field === 'timeStart' || field === 'timeEnd') {
        continue;
      }
      if (input.value.trim() !== '') {
        query[field] = input.value;
      }
    }
    if (this.range.value === 'custom') {
      for (const field of ['timeStart', 'timeEnd'] as const) {
        const value = this.inputs.get(field)!.value;
        if (value.trim() !== '') {
          query[field] = value;
        }
      }
    } else {
      query.minutes = this.range.value;
    }
    return query;
  }

  /** Fills the form from a query (the host's current one, or a saved draft). */
  setValues(query: QueryInput): void {
    for (const [field, input] of this.inputs) {
      const value = query[field];
      input.value = value === undefined ? '' : String(value);
    }
    const minutes = query.minutes === undefined ? undefined : Number(query.minutes);
    const custom = query.timeStart !== undefined || query.timeEnd !== undefined;
    this.setRangeOptions(minutes);
    this.range.value = custom ? 'custom' : String(minutes ?? 60);
    this.syncRange();
    this.showErrors([]);
  }

  /** The saved and recent queries the form can be filled with. */
  setChoices(choices: readonly QueryChoice[]): void {
    this.choices.set(choices);
  }

  /** Reads and shows date-times in this zone; the start and end labels say which. */
  setTimeZone(zone: TimeZone): void {
    this.zone = zone;
    for (const field of ['timeStart', 'timeEnd'] as const) {
      const label = this.labels.get(field);
      if (label) {
        label.textContent = `${fieldLabel(field)} (${zoneName(zone, Date.now())})`;
      }
    }
  }

  /** Shows the default limit where the limit is left empty. */
  setDefaultLimit(limit: number): void {
    this.inputs.get('limit')?.setAttribute('placeholder', l10n.t('{0} (default)', limit));
  }

  /** Shows errors by field; the first one with an input gets focus when `focus` is set. */
  showErrors(errors: readonly FieldError[], focus = false): void {
    for (const [field, element] of this.errors) {
      const error = errors.find((e) => e.field === field);
      element.textContent = error?.message ?? '';
      this.inputs.get(field as QueryField)?.setAttribute('aria-invalid', error ? 'true' : 'false');
    }
    const unplaced = errors.filter((e) => !this.errors.has(e.field));
    this.formError.textContent = unplaced.map((e) => e.message).join(' ');
    if (focus) {
      const first = errors.map((e) => this.inputs.get(e.field as QueryField)).find(Boolean);
      first?.focus();
    }
  }

  private submit(): void {
    const result = validateQuery(this.values(), this.zone);
    if (!result.ok) {
      this.showErrors(result.errors, true);
      return;
    }
    this.showErrors([]);
    this.onApply(this.values());
  }

  private field(field: QueryField, kind: 'text' | 'number' | 'datetime'): HTMLElement {
    const id = `f-${field}`;
    const errorId = `e-${field}`;
    const input = h('input', {
      attrs: {
        id,
        name: field,
        type: 'text',
        inputmode: kind === 'number' ? 'numeric' : undefined,
        // The date-time pattern is the parser's (core/time), the same in every language.
        placeholder: kind === 'datetime' ? 'YYYY-MM-DD HH:mm' : l10n.t('e.g. {0}', FIELD_EXAMPLES[field]),
        spellcheck: 'false',
        autocomplete: 'off',
        'aria-describedby': errorId,
        'aria-invalid': 'false',
      },
    });
    const error = h('div', { class: 'field-error', attrs: { id: errorId, 'aria-live': 'polite' } });
    input.addEventListener('input', () => {
      // Validated as typed, with the same messages as the palette.
      const result = validateField(field, input.value, this.zone);
      error.textContent = result.ok ? '' : result.error.message;
      input.setAttribute('aria-invalid', result.ok ? 'false' : 'true');
      this.onChange();
    });
    this.inputs.set(field, input);
    this.errors.set(field, error);
    const label = h('label', { text: fieldLabel(field), attrs: { for: id, title: field } });
    this.labels.set(field, label);
    return h('div', { class: 'field' }, label, input, error);
  }

  private setRangeOptions(minutes: number | undefined): void {
    const presets = [...TIME_PRESETS];
    if (minutes !== undefined && Number.isInteger(minutes) && minutes > 0 && !presets.includes(minutes)) {
      presets.push(minutes);
    }
    this.range.replaceChildren(
      ...presets.sort((a, b) => a - b).map((m) => h('option', { text: presetLabel(m), attrs: { value: String(m) } })),
      h('option', { text: l10n.t('Custom range…'), attrs: { value: 'custom' } }),
    );
  }

  private syncRange(): void {
    this.customFields.hidden = this.range.value !== 'custom';
  }
}
