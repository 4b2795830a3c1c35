import * as vscode from 'vscode';
import {
  FIELD_EXAMPLES,
  fieldLabel,
  formatErrors,
  TEXT_FIELDS,
  toEditableInput,
  validateField,
  validateQuery,
  type EventQuery,
  type QueryInput,
  type TextField,
  type ValidQuery,
} from '../core/query';
import type { KnownValues } from '../core/knownValues';
import { presetLabel, TIME_PRESETS } from '../core/presets';
import { formatTime, zoneName, type TimeZone } from '../core/time';
import { inputText, pickMany, pickOne, runSteps, type Step } from './multiStepInput';

/** What the steps fill in; turned into a query by {@link validateQuery} at the end. */
interface Draft {
  range: { readonly minutes: number } | { readonly start: string; readonly end: string };
  filters: Partial<Record<TextField, string>>;
  limit: string;
}

/**
 * The multi-step query input: time range, then the filters the user picks,
 * each validated as typed, then the limit. Back returns to the previous step;
 * Escape cancels and returns undefined. `initial` pre-fills every step.
 */
export async function promptForQuery(options: {
  readonly initial: EventQuery | undefined;
  readonly defaultLimit: number;
  readonly known: KnownValues;
  /** The zone times are shown and typed in. */
  readonly zone: TimeZone;
}): Promise<ValidQuery | undefined> {
  const { zone } = options;
  const draft = toDraft(options.initial, zone);
  const title = options.initial ? vscode.l10n.t('Edit Query') : vscode.l10n.t('Query Connection Events');
  let picked: TextField[] = TEXT_FIELDS.filter((f) => draft.filters[f] !== undefined);

  const totalSteps = () => 1 + ('start' in draft.range ? 2 : 0) + 1 + picked.length + 1;
  let step = 0;

  const timeRange: Step = async () => {
    step = 1;
    const custom = vscode.l10n.t('Custom range…');
    const presets = TIME_PRESETS.map((minutes) => ({ label: presetLabel(minutes), minutes }));
    const customItem: vscode.QuickPickItem & { minutes?: number } = {
      label: custom,
      description: vscode.l10n.t('a start and end with time of day'),
    };
    const items = [...presets, { label: '', kind: vscode.QuickPickItemKind.Separator }, customItem];
    const { range } = draft;
    const active = 'minutes' in range ? presets.find((p) => p.minutes === range.minutes) : customItem;
    const choice = await pickOne(items, {
      title,
      step,
      totalSteps: totalSteps(),
      placeholder: vscode.l10n.t('Time range'),
      active,
      canGoBack: false,
    });
    if (choice.minutes !== undefined) {
      draft.range = { minutes: choice.minutes };
      return filterChoice;
    }
    if (!('start' in draft.range)) {
      const end = Date.now();
      draft.range = { start: formatTime({ ms: end - 3_600_000, ticks: 0 }, zone, false), end: '' };
    }
    return customStart;
  };

  /** The custom range's start (step 2) or end (step 3); the end may be empty for "now" and must follow the start. */
  const customBound =
    (bound: 'start' | 'end'): Step =>
    async () => {
      step = bound === 'start' ? 2 : 3;
      const range = draft.range as { start: string; end: string };
      const value = await inputText({
        title,
        step,
        totalSteps: totalSteps(),
        value: range[bound],
        ...(bound === 'start'
          ? {
              prompt: vscode.l10n.t('Start: {0} time as YYYY-MM-DD HH:mm, or ISO 8601 with Z or an offset', zoneName(zone, Date.now())),
              validate: (text: string) =>
                text.trim() === '' ? vscode.l10n.t('timeStart: enter a start time.') : fieldError('timeStart', text, zone),
            }
          : {
              placeholder: vscode.l10n.t('Empty for now'),
              prompt: vscode.l10n.t('End: {0} time as YYYY-MM-DD HH:mm, or ISO 8601; empty for now', zoneName(zone, Date.now())),
              validate: (text: string) => fieldError('timeEnd', text, zone) ?? rangeError(range.start, text, zone),
            }),
      });
      draft.range = { ...range, [bound]: value };
      return bound === 'start' ? customEnd : filterChoice;
    };
  const customStart = customBound('start');
  const customEnd = customBound('end');

  const filterChoice: Step = async () => {
    step = 'start' in draft.range ? 4 : 2;
    const items = TEXT_FIELDS.map((field) => ({
      label: fieldLabel(field),
      description: draft.filters[field] ?? undefined,
      detail: draft.filters[field] === undefined ? vscode.l10n.t('e.g. {0}', FIELD_EXAMPLES[field]) : undefined,
      field,
      picked: picked.includes(field),
    }));
    const chosen = await pickMany(items, {
      title,
      step,
      totalSteps: totalSteps(),
      placeholder: vscode.l10n.t('Filters to set (none: all events), then Enter'),
    });
    picked = chosen.map((c) => c.field);
    for (const field of TEXT_FIELDS) {
      if (!picked.includes(field)) {
        delete draft.filters[field];
      }
    }
    return picked.length > 0 ? filterValue(0) : limitStep;
  };

  const filterValue =
    (index: number): Step =>
    async () => {
      const field = picked[index]!;
      step = ('start' in draft.range ? 5 : 3) + index;
      const known = options.known[field] ?? [];
      const hint =
        known.length > 0
          ? vscode.l10n.t('In the current results: {0}', abbreviate(known))
          : vscode.l10n.t('e.g. {0}', FIELD_EXAMPLES[field]);
      const value = await inputText({
        title,
        step,
        totalSteps: totalSteps(),
        value: draft.filters[field] ?? '',
        prompt: `${fieldLabel(field)} (${field}): ${hint}`,
        validate: (text) =>
          text.trim() === ''
            ? vscode.l10n.t('{0}: enter a value, or go back and unpick this filter.', field)
            : fieldError(field, text, zone),
      });
      draft.filters[field] = value.trim();
      return index + 1 < picked.length ? filterValue(index + 1) : limitStep;
    };

  const limitStep: Step = async () => {
    step = totalSteps();
    draft.limit = await inputText({
      title,
      step,
      totalSteps: totalSteps(),
      value: draft.limit,
      // Empty means the default, applied (and sent) when the query runs: it follows the setting.
      placeholder: vscode.l10n.t('{0} (default)', options.defaultLimit),
      prompt: vscode.l10n.t('Limit: the most events to return; empty for the default ({0})', options.defaultLimit),
      validate: (text) => fieldError('limit', text, zone),
    });
    return undefined;
  };

  const completed = await runSteps(timeRange);
  if (!completed) {
    return undefined;
  }
  const result = validateQuery(fromDraft(draft), zone);
  if (!result.ok) {
    // Each step validated its own field; this catches what spans fields.
    void vscode.window.showErrorMessage(formatErrors(result.errors));
    return undefined;
  }
  return result.query;
}

function fieldError(field: Parameters<typeof validateField>[0], text: string, zone: TimeZone): string | undefined {
  const result = validateField(field, text, zone);
  return result.ok ? undefined : result.error.message;
}

function rangeError(start: string, end: string, zone: TimeZone): string | undefined {
  const result = validateQuery({ timeStart: start, timeEnd: end }, zone);
  return result.ok ? undefined : result.errors[0]?.message;
}

function abbreviate(values: readonly string[]): string {
  const shown = values.slice(0, 6).join(', ');
  return values.length > 6 ? `${shown}, … (${values.length})` : shown;
}

function toDraft(query: EventQuery | undefined, zone: TimeZone): Draft {
  const filters: Partial<Record<TextField, string>> = {};
  for (const field of TEXT_FIELDS) {
    const value = query?.[field];
    if (value !== undefined) {
      filters[field] = value;
    }
  }
  let range: Draft['range'] = { minutes: query?.minutes ?? 60 };
  if (query?.timeStart || query?.timeEnd) {
    const { timeStart, timeEnd } = toEditableInput(query, zone);
    range = { start: String(timeStart ?? ''), end: String(timeEnd ?? '') };
  }
  return { range, filters, limit: query?.limit === undefined ? '' : String(query.limit) };
}

function fromDraft(draft: Draft): QueryInput {
  const input: QueryInput = { ...draft.filters, limit: draft.limit };
  if ('minutes' in draft.range) {
    input.minutes = draft.range.minutes;
  } else {
    input.timeStart = draft.range.start;
    input.timeEnd = draft.range.end;
  }
  return input;
}
