import * as l10n from '@vscode/l10n';
import { toCsv } from './csv';
import { stringifyJson } from './jsonText';
import type { ConnectionEvent } from './records';

/**
 * The formats Export Results writes, and how each writes the records: JSON
 * and NDJSON exactly as received (unknown fields included, any depth), CSV
 * for spreadsheets (core/csv).
 */
export const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What each format is called in the pick and the save dialog's filter, and the file name's extension. */
export function formatInfo(format: ExportFormat): { readonly label: string; readonly detail: string; readonly extension: string } {
  switch (format) {
    case 'json':
      return { label: 'JSON', detail: l10n.t('One array of the records, exactly as received'), extension: 'json' };
    case 'ndjson':
      return { label: 'NDJSON', detail: l10n.t('One record per line, exactly as received: for jq and log tools'), extension: 'ndjson' };
    case 'csv':
      return { label: 'CSV', detail: l10n.t('For spreadsheets: one row per event, formulas neutralised'), extension: 'csv' };
  }
}

/** The records in `format`'s text. */
export function exportText(records: readonly ConnectionEvent[], format: ExportFormat): string {
  switch (format) {
    case 'json':
      return `${stringifyJson(records) ?? '[]'}\n`;
    case 'ndjson':
      return records.map((record) => `${stringifyJson(record, 0) ?? 'null'}\n`).join('');
    case 'csv':
      return toCsv(records);
  }
}

/**
 * The events of a result, each once: the records in the order received,
 * without the repeats a later page brings (Load Older asks from the oldest
 * event shown, inclusive), as the tree and the panel show them.
 */
export function distinctRecords(records: readonly ConnectionEvent[]): ConnectionEvent[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const before = seen.size;
    seen.add(record.eventId);
    return seen.size > before;
  });
}

/** `connection-events-20260420-213038.csv`: the result's time (UTC) in the default file name, so exports do not overwrite each other. */
export function defaultFileName(completedAt: Date, format: ExportFormat): string {
  const stamp = completedAt
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replaceAll('-', '')
    .replaceAll(':', '')
    .replace('T', '-');
  return `connection-events-${stamp}.${formatInfo(format).extension}`;
}
