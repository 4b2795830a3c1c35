import * as os from 'node:os';
import * as vscode from 'vscode';
import { eventsText } from '../core/counts';
import { isUriText, parseExportArgument, type ExportScope } from '../core/exportArguments';
import { defaultFileName, distinctRecords, EXPORT_FORMATS, exportText, formatInfo, type ExportFormat } from '../core/exportFormats';
import type { FieldError } from '../core/query';
import type { QueryOutcome, QueryState } from '../core/queryState';
import type { ConnectionEvent } from '../core/records';
import { isFiltering, isShown, rowFilter, type TableView } from '../core/table';
import type { TimeZone } from '../core/time';
import type { ErrorPresenter } from '../services/errorPresenter';
import type { OutcomeIndex } from '../views/outcomeIndex';

/** What Export Results and Open Results as JSON return to a caller (a keybinding, another extension, a test). */
export type ExportCommandResult =
  | {
      readonly status: 'ok';
      readonly format: ExportFormat;
      readonly scope: ExportScope;
      /** Where the file was written; absent for Open Results as JSON. */
      readonly uri?: string;
      readonly events: number;
    }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] }
  /** There is no result to export: no query has succeeded yet. */
  | { readonly status: 'noResults' }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'cancelled' };

export interface ExportDependencies {
  readonly state: QueryState;
  /** The events panel's filters as its page last said: what "shown" holds. */
  readonly panelFilter: () => Pick<TableView, 'text' | 'excludedTypes'>;
  /** The zone the panel shows times in: its quick filter matches the time as shown. */
  readonly timeZone: () => TimeZone;
  readonly errors: ErrorPresenter;
  /** The outcome's index (views/outcomeIndex), passed in: the extension's one cache, not a second in the commands bundle. */
  readonly index: (outcome: QueryOutcome) => OutcomeIndex;
}

/**
 * Export Results: the current result, or only the events the panel's filters show, as JSON,
 * NDJSON or CSV (core/exportFormats), written through the workspace file system, so a remote
 * or virtual workspace's files work as local ones do. Without `format` a quick pick asks; without
 * `uri` a save dialog; run from the palette while the panel's filters hide events, it asks which.
 */
export async function exportResults(deps: ExportDependencies, argument?: unknown): Promise<ExportCommandResult> {
  const parsed = parseExportArgument(argument);
  if (!parsed.ok) {
    deps.errors.invalidArgument(vscode.l10n.t('Export Results'), parsed.errors);
    return { status: 'invalid', errors: parsed.errors };
  }
  const outcome = resultOf(deps);
  if (!outcome) {
    return { status: 'noResults' };
  }
  const format = parsed.value.format ?? (await pickFormat());
  const scope = parsed.value.scope ?? (argument === undefined ? await pickScope(deps, outcome) : 'all');
  if (!format || !scope) {
    return { status: 'cancelled' };
  }
  const uri = parsed.value.uri === undefined ? await askWhere(outcome, format) : toUri(parsed.value.uri);
  if (!uri) {
    return { status: 'cancelled' };
  }
  const records = scope === 'all' ? distinctRecords(outcome.records) : shownRecords(deps, outcome);
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(exportText(records, format)));
  } catch (error) {
    deps.errors.show(vscode.l10n.t('Export failed'), error);
    return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
  const open = vscode.l10n.t('Open');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Exported {0} to {1}', eventsText(records.length), uri.path.split('/').pop() ?? ''), open)
    .then((picked) => (picked === open ? vscode.window.showTextDocument(uri) : undefined));
  return { status: 'ok', format, scope, uri: uri.toString(), events: records.length };
}

/** Open Results as JSON: the whole result, exactly as Export Results writes it as JSON, in an untitled editor. */
export async function openResultsAsJson(deps: ExportDependencies): Promise<ExportCommandResult> {
  const outcome = resultOf(deps);
  if (!outcome) {
    return { status: 'noResults' };
  }
  const records = distinctRecords(outcome.records);
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: exportText(records, 'json') });
  await vscode.window.showTextDocument(document);
  return { status: 'ok', format: 'json', scope: 'all', events: records.length };
}

/** The current result, or undefined after saying there is none. */
function resultOf(deps: ExportDependencies): QueryOutcome | undefined {
  const outcome = deps.state.snapshot.outcome;
  if (!outcome) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no results to export: run a query first.'));
  }
  return outcome;
}

/** The records of the rows the panel's table shows, by the table's own rule, in the order received. */
function shownRecords(deps: ExportDependencies, outcome: QueryOutcome): ConnectionEvent[] {
  const filter = rowFilter(deps.panelFilter());
  const zone = deps.timeZone();
  const shown = new Set(
    deps
      .index(outcome)
      .rows.filter((row) => isShown(row, filter, zone))
      .map((row) => row.id),
  );
  return distinctRecords(outcome.records).filter((record) => shown.has(record.eventId));
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((format) => ({ format, label: formatInfo(format).label, detail: formatInfo(format).detail })),
    { title: vscode.l10n.t('Export Results'), placeHolder: vscode.l10n.t('Export the results as') },
  );
  return picked?.format;
}

/** All events, unless the panel's filters hide some: then which. */
async function pickScope(deps: ExportDependencies, outcome: QueryOutcome): Promise<ExportScope | undefined> {
  const filter = rowFilter(deps.panelFilter());
  if (!isFiltering(filter)) {
    return 'all';
  }
  const shown = shownRecords(deps, outcome).length;
  const all = distinctRecords(outcome.records).length;
  const picked = await vscode.window.showQuickPick(
    [
      { scope: 'shown' as const, label: vscode.l10n.t('The events the panel shows'), description: eventsText(shown) },
      { scope: 'all' as const, label: vscode.l10n.t('Every event of the result'), description: eventsText(all) },
    ],
    { title: vscode.l10n.t('Export Results'), placeHolder: vscode.l10n.t("The panel's filters hide some events: export which?") },
  );
  return picked?.scope;
}

/** A save dialog in the workspace (or the home folder), with a file name of the result's time and the format's filter. */
function askWhere(outcome: QueryOutcome, format: ExportFormat): Thenable<vscode.Uri | undefined> {
  const name = defaultFileName(outcome.completedAt, format);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const { label, extension } = formatInfo(format);
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Results'),
    saveLabel: vscode.l10n.t('Export'),
    defaultUri: vscode.Uri.joinPath(folder, name),
    filters: { [label]: [extension] },
  });
}

/** A URI as given, or a local path as a file URI. */
function toUri(text: string): vscode.Uri {
  return isUriText(text) ? vscode.Uri.parse(text, true) : vscode.Uri.file(text);
}
