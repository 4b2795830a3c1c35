import * as vscode from 'vscode';
import { pickText } from '../core/notificationText';
import * as z from 'zod/mini';
import { updateSavedQueries } from '../config';
import { fieldErrors } from '../core/issues';
import { lazy } from '../core/lazy';
import { validateQuery, type FieldError, type QueryInput, type ValidQuery } from '../core/query';
import { queryChoices, type QueryChoice } from '../core/queryChoices';
import { canonicalInput } from '../core/queryIdentity';
import {
  checkQueryName,
  shownName,
  validateSavedQuery,
  withoutSavedQuery,
  withSavedQuery,
  type SavedQuery,
  type SavedQueryScope,
} from '../core/savedQueries';
import type { TimeZone } from '../core/time';

/** What the saved-query commands need from the rest of the extension; `R` is what running a query returns. */
export interface SavedQueryDependencies<R> {
  /** The current query, saved by Save Query. */
  readonly current: () => ValidQuery | undefined;
  /** The `savedQueries` setting's queries, both scopes (core/savedQueries). */
  readonly saved: () => readonly SavedQuery[];
  readonly history: { readonly entries: readonly QueryInput[]; clear(): Promise<number> };
  readonly timeZone: () => TimeZone;
  readonly defaultLimit: () => number;
  readonly run: (query: ValidQuery) => Promise<R>;
  /** Shows refused input, each problem naming its field. */
  readonly invalid: (errors: readonly FieldError[]) => void;
}

export type SavedQueryResult =
  | { readonly status: 'saved'; readonly name: string; readonly scope: SavedQueryScope; readonly replaced: boolean }
  | { readonly status: 'deleted'; readonly name: string; readonly scope: SavedQueryScope }
  | { readonly status: 'cleared'; readonly count: number }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly status: 'cancelled' };

const nameSchema = lazy(() => z.string().check(z.maxLength(100_000)));
/** Save Query's argument: `{ name, overwrite? }`; without it, an input box asks for the name. */
const saveArgument = lazy(() => z.optional(z.strictObject({ name: nameSchema(), overwrite: z.optional(z.boolean()) })));
/** Run and Delete Saved Query's argument: `{ name }`; without it, a quick pick. */
const nameArgument = lazy(() => z.optional(z.strictObject({ name: nameSchema() })));

/** The saved-query commands: Save Query, Run Saved Query, Delete Saved Query, Clear Query History. */
export function savedQueryHandlers<R>(deps: SavedQueryDependencies<R>) {
  // An entry that cannot be named is listed to say what is wrong with it, never found by a name.
  const byName = () => new Map(deps.saved().flatMap((entry) => (entry.malformed ? [] : [[entry.name, entry] as const])));
  const refuse = (errors: FieldError[]) => {
    deps.invalid(errors);
    return { status: 'invalid', errors } as const;
  };
  const parse = <T>(schema: z.ZodMiniType<T>, argument: unknown): { ok: true; value: T } | { ok: false; errors: FieldError[] } => {
    const parsed = schema.safeParse(argument);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(argument, parsed.error.issues) };
  };
  const runSaved = async (entry: SavedQuery): Promise<R | SavedQueryResult> => {
    const result = validateSavedQuery(entry, deps.timeZone());
    return result.ok ? deps.run(result.query) : refuse([...result.errors]);
  };
  const unknownName = (name: string) =>
    refuse([{ field: 'name', message: `name: ${vscode.l10n.t('no saved query is named "{0}".', shownName(name))}` }]);

  return {
    saveQuery: async (argument?: unknown): Promise<SavedQueryResult> => {
      const parsed = parse(saveArgument(), argument);
      if (!parsed.ok) {
        return refuse(parsed.errors);
      }
      const query = deps.current();
      if (!query) {
        return refuse([{ field: 'query', message: `query: ${vscode.l10n.t('there is no current query to save. Run a query first.')}` }]);
      }
      const existing = byName();
      let name: string;
      if (parsed.value) {
        const problem = checkQueryName(parsed.value.name);
        name = parsed.value.name.trim();
        if (problem) {
          return refuse([{ field: 'name', message: problem }]);
        }
        if (existing.has(name) && parsed.value.overwrite !== true) {
          return refuse([
            {
              field: 'name',
              message: `name: ${vscode.l10n.t('a saved query is named "{0}"; pass "overwrite": true to replace it.', shownName(name))}`,
            },
          ]);
        }
      } else {
        const typed = await askName(existing);
        if (typed === undefined) {
          return { status: 'cancelled' };
        }
        name = typed;
      }
      const replaced = existing.get(name);
      // A name from the workspace's list is replaced there, for everyone who shares it; any other goes to the user's settings.
      const scope = replaced?.scope ?? 'user';
      await updateSavedQueries(scope, (current) => withSavedQuery(current, name, canonicalInput(query)));
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Saved query "{0}".', shownName(name)), 4000);
      return { status: 'saved', name, scope, replaced: replaced !== undefined };
    },

    runSavedQuery: async (argument?: unknown): Promise<R | SavedQueryResult> => {
      const parsed = parse(nameArgument(), argument);
      if (!parsed.ok) {
        return refuse(parsed.errors);
      }
      if (parsed.value) {
        const entry = byName().get(parsed.value.name.trim());
        return entry ? runSaved(entry) : unknownName(parsed.value.name);
      }
      const choices = queryChoices(deps.saved(), deps.history.entries, { zone: deps.timeZone(), defaultLimit: deps.defaultLimit() });
      const picked = await pickChoice(
        choices,
        vscode.l10n.t('Run a saved or recent query'),
        vscode.l10n.t('No saved or recent queries yet. Queries you run are kept here; Save Query names the current one.'),
      );
      if (!picked) {
        return { status: 'cancelled' };
      }
      if (picked.malformed) {
        return refuse([picked.malformed]);
      }
      if (picked.name !== undefined) {
        const entry = byName().get(picked.name);
        return entry ? runSaved(entry) : unknownName(picked.name);
      }
      const result = validateQuery(picked.query, deps.timeZone());
      return result.ok ? deps.run(result.query) : refuse([...result.errors]);
    },

    deleteSavedQuery: async (argument?: unknown): Promise<SavedQueryResult> => {
      const parsed = parse(nameArgument(), argument);
      if (!parsed.ok) {
        return refuse(parsed.errors);
      }
      let name = parsed.value?.name.trim();
      if (name === undefined) {
        const choices = queryChoices(deps.saved(), [], { zone: deps.timeZone(), defaultLimit: deps.defaultLimit() });
        const picked = await pickChoice(
          choices,
          vscode.l10n.t('Delete a saved query'),
          vscode.l10n.t('No saved queries to delete. Save Query names the current query and keeps it.'),
        );
        if (picked?.malformed) {
          return refuse([picked.malformed]);
        }
        name = picked?.name;
        if (name === undefined) {
          return { status: 'cancelled' };
        }
      }
      const entry = byName().get(name);
      if (!entry) {
        return unknownName(name);
      }
      await updateSavedQueries(entry.scope, (current) => withoutSavedQuery(current, entry.name));
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Deleted saved query "{0}".', shownName(entry.name)), 4000);
      return { status: 'deleted', name: entry.name, scope: entry.scope };
    },

    clearQueryHistory: async (): Promise<SavedQueryResult> => {
      const count = await deps.history.clear();
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Cleared the query history.'), 4000);
      return { status: 'cleared', count };
    },
  };
}

/** Asks for a name, checked as it is typed; a name in use is a warning that Enter replaces it. */
function askName(existing: ReadonlyMap<string, SavedQuery>): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: vscode.l10n.t('Save Query'),
      prompt: vscode.l10n.t('A name for the current query. Saved queries are kept in the connectionAnalytics.savedQueries setting.'),
      ignoreFocusOut: true,
      validateInput: (value) => {
        const problem = checkQueryName(value);
        if (problem) {
          return problem;
        }
        const entry = existing.get(value.trim());
        return entry
          ? {
              message: vscode.l10n.t(
                'A saved query is named "{0}" ({1}): Enter replaces it.',
                shownName(entry.name),
                scopeLabel(entry.scope),
              ),
              severity: vscode.InputBoxValidationSeverity.Warning,
            }
          : undefined;
      },
    })
    .then((value) => value?.trim());
}

function scopeLabel(scope: SavedQueryScope): string {
  return scope === 'workspace' ? vscode.l10n.t('workspace settings') : vscode.l10n.t('user settings');
}

type ChoiceItem = vscode.QuickPickItem & { readonly choice?: QueryChoice };

/**
 * One quick pick of saved queries then recent ones, under "Saved" and "Recent"; each described by its summary.
 * With no choices, `none` is said instead.
 */
async function pickChoice(choices: readonly QueryChoice[], placeHolder: string, none: string): Promise<QueryChoice | undefined> {
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  const items: ChoiceItem[] = [];
  for (const kind of ['saved', 'recent'] as const) {
    const ofKind = choices.filter((choice) => choice.kind === kind);
    if (ofKind.length > 0) {
      items.push({ label: kind === 'saved' ? vscode.l10n.t('Saved') : vscode.l10n.t('Recent'), kind: vscode.QuickPickItemKind.Separator });
    }
    for (const choice of ofKind) {
      items.push({
        label: pickText(choice.label),
        description: pickText(choice.description),
        iconPath: new vscode.ThemeIcon(choice.kind === 'saved' ? (choice.query ? 'bookmark' : 'warning') : 'history'),
        choice,
      });
    }
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  return picked?.choice;
}
