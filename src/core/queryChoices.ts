import { formatErrors, toEditableInput, validateQuery, type FieldError, type QueryInput } from './query';
import { describeQuery } from './querySummary';
import { shownName, checkSavedQuery, malformedLabel, type SavedQuery } from './savedQueries';
import type { TimeZone } from './time';

/** A saved or recent query as the quick pick and the panel's form offer it. */
export interface QueryChoice {
  readonly kind: 'saved' | 'recent';
  /** The saved query's name; a recent query has none. */
  readonly name: string | undefined;
  /** What is shown: the name as shown, or the summary of a recent query. */
  readonly label: string;
  /** The one-line summary of the query (core/querySummary), or what is wrong with a broken saved query. */
  readonly description: string;
  /** The query as a person edits it, times in the zone; undefined when it does not validate. */
  readonly query: QueryInput | undefined;
  /** An entry of the setting that cannot be a saved query (core/savedQueries): what is wrong, naming the entry and the field. */
  readonly malformed?: FieldError;
}

/**
 * Saved queries (in the setting's order) then the history (newest first), each described
 * with the limit it would carry. A broken saved query is offered too, saying what is wrong:
 * running it says so again, naming the field.
 */
export function queryChoices(
  saved: Iterable<SavedQuery>,
  history: readonly QueryInput[],
  options: { readonly zone: TimeZone; readonly defaultLimit: number },
): QueryChoice[] {
  const { zone, defaultLimit } = options;
  const choices: QueryChoice[] = [];
  for (const entry of saved) {
    if (entry.malformed) {
      const label = malformedLabel(entry);
      const { field, message } = entry.malformed.error;
      choices.push({
        kind: 'saved',
        name: undefined,
        label,
        description: message,
        query: undefined,
        malformed: { field, message: `${label}: ${message}` },
      });
      continue;
    }
    const result = checkSavedQuery(entry, zone);
    choices.push({
      kind: 'saved',
      name: entry.name,
      label: shownName(entry.name),
      description: result.ok ? describeQuery(result.query, result.query.limit ?? defaultLimit, zone) : formatErrors(result.errors),
      query: result.ok ? toEditableInput(result.query, zone) : undefined,
    });
  }
  for (const entry of history) {
    // Kept in UTC (core/queryIdentity); shown and edited in the zone.
    const result = validateQuery(entry, 'utc');
    if (result.ok) {
      const summary = describeQuery(result.query, result.query.limit ?? defaultLimit, zone);
      choices.push({ kind: 'recent', name: undefined, label: summary, description: '', query: toEditableInput(result.query, zone) });
    }
  }
  return choices;
}
