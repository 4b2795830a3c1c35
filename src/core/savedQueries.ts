import * as l10n from '@vscode/l10n';
import { textProblem, validateQuery, type FieldError, type QueryInput, type QueryResult } from './query';
import type { TimeZone } from './time';

/** The longest name a saved query may be given. */
export const MAX_NAME_LENGTH = 100;

/** Where a saved query is kept: the user's settings, or the workspace's (shared in a repository). */
export type SavedQueryScope = 'user' | 'workspace';

/**
 * A saved query as the `savedQueries` setting holds it. `query` is data, not yet a
 * query: it is validated when it runs, so a broken one can say what is wrong.
 */
export interface SavedQuery {
  readonly name: string;
  readonly query: unknown;
  readonly scope: SavedQueryScope;
  /**
   * Set on an entry of the setting that cannot be a saved query (not an object, no text name):
   * its place in its scope's list (0-based) and what is wrong. It is listed to say so, so that it
   * can be found and fixed; it is never run, replaced or deleted by name (its `name` is empty).
   */
  readonly malformed?: { readonly index: number; readonly error: FieldError };
}

/** Why `text` cannot name a saved query (naming the field `name`), or undefined when it can; the name is `text` trimmed. */
export function checkQueryName(text: string): string | undefined {
  const name = text.trim();
  if (name === '') {
    return `name: ${l10n.t('must not be empty.')}`;
  }
  const problem = textProblem(name, MAX_NAME_LENGTH);
  return problem === undefined ? undefined : `name: ${problem}`;
}

/**
 * The saved queries of both scopes, by name. A workspace's query hides the user's of the
 * same name, as a workspace setting overrides a user's. Entries that are not objects with a
 * text name cannot be named: they are not here, but in {@link malformedSavedQueries}.
 */
export function parseSavedQueries(user: unknown, workspace: unknown): ReadonlyMap<string, SavedQuery> {
  const byName = new Map<string, SavedQuery>();
  const add = (raw: unknown, scope: SavedQueryScope) => {
    for (const entry of Array.isArray(raw) ? (raw as unknown[]) : []) {
      const name = nameOf(entry);
      if (name !== undefined) {
        byName.set(name, { name, query: (entry as { query?: unknown }).query, scope });
      }
    }
  };
  add(user, 'user');
  add(workspace, 'workspace');
  return byName;
}

/**
 * The entries of both scopes that cannot be named (not an object, a name missing, not text or
 * empty), each with its place and what is wrong with it, naming the field: so that the user
 * learns which entry of the setting is broken instead of it being dropped without a word.
 */
export function malformedSavedQueries(user: unknown, workspace: unknown): SavedQuery[] {
  const found: SavedQuery[] = [];
  const add = (raw: unknown, scope: SavedQueryScope) => {
    (Array.isArray(raw) ? (raw as unknown[]) : []).forEach((entry, index) => {
      const error = nameOf(entry) === undefined ? entryProblem(entry) : undefined;
      if (error) {
        found.push({ name: '', query: undefined, scope, malformed: { index, error } });
      }
    });
  };
  add(user, 'user');
  add(workspace, 'workspace');
  return found;
}

function entryProblem(entry: unknown): FieldError {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { field: 'entry', message: `entry: ${l10n.t('must be an object: {0}.', '{"name": "…", "query": {…}}')}` };
  }
  const name = Object.hasOwn(entry, 'name') ? (entry as { name: unknown }).name : undefined;
  if (name === undefined) {
    return { field: 'name', message: `name: ${l10n.t('is missing.')}` };
  }
  return typeof name === 'string'
    ? { field: 'name', message: `name: ${l10n.t('must not be empty.')}` }
    : { field: 'name', message: `name: ${l10n.t('must be text.')}` };
}

/** How a malformed entry is named where it is listed: its place (from 1) in its scope's list. */
export function malformedLabel(entry: SavedQuery): string {
  const place = (entry.malformed?.index ?? 0) + 1;
  return entry.scope === 'workspace'
    ? l10n.t('Unnamed entry {0} (workspace settings)', place)
    : l10n.t('Unnamed entry {0} (user settings)', place);
}

function nameOf(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || !Object.hasOwn(entry, 'name')) {
    return undefined;
  }
  const { name } = entry as { name: unknown };
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
}

/**
 * Validates a saved query as `queryEvents` validates its argument. Each problem names the
 * saved query and the field, so a broken entry in the setting can be found and fixed.
 */
export function validateSavedQuery(saved: SavedQuery, zone: TimeZone): QueryResult {
  const result = checkSavedQuery(saved, zone);
  return result.ok ? result : { ok: false, errors: result.errors.map((error) => namedError(saved.name, error)) };
}

/** Like {@link validateSavedQuery}, each problem naming its field only: for a list that shows the name beside it. */
export function checkSavedQuery(saved: SavedQuery, zone: TimeZone): QueryResult {
  const { query } = saved;
  if (typeof query === 'object' && query !== null && !Array.isArray(query)) {
    return validateQuery(query, zone);
  }
  const message =
    query === undefined
      ? `query: ${l10n.t('is missing.')}`
      : `query: ${l10n.t('must be an object of query parameters, e.g. {0}.', '{"minutes": 60}')}`;
  return { ok: false, errors: [{ field: 'query', message }] };
}

function namedError(name: string, error: FieldError): FieldError {
  return { field: error.field, message: l10n.t('Saved query "{0}": {1}', shownName(name), error.message) };
}

/** A name as shown: a name longer than names may be (written in the setting by hand) is cut, with an ellipsis. */
export function shownName(name: string): string {
  return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH)}…` : name;
}

/**
 * The setting's value in one scope with `name` saved as `query`: in the place of the first
 * entry of that name (any later one, which would hide it, is dropped), or else at the end.
 * Every other entry is kept as it was, broken or not: nothing the user wrote is lost.
 */
export function withSavedQuery(raw: unknown, name: string, query: QueryInput): unknown[] {
  const entries = Array.isArray(raw) ? (raw as unknown[]) : [];
  const index = entries.findIndex((entry) => nameOf(entry) === name);
  const others = withoutSavedQuery(entries, name);
  const at = index >= 0 ? index : others.length;
  return [...others.slice(0, at), { name, query }, ...others.slice(at)];
}

/** The setting's value in one scope without the query named `name` (every entry of that name). */
export function withoutSavedQuery(raw: unknown, name: string): unknown[] {
  return (Array.isArray(raw) ? (raw as unknown[]) : []).filter((entry) => nameOf(entry) !== name);
}
