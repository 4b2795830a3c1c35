import { stringifyJson } from './jsonText';
import { eventFieldNames } from './records';

/**
 * Records as CSV (RFC 4180): CRLF between rows, a field holding a comma, a
 * quote, CR or LF in quotes with its quotes doubled. The header names the
 * known fields first, in the schema's order, then every other field any
 * record has, in the order first seen. Text a spreadsheet would run as a
 * formula is neutralised (see {@link neutralise}).
 *
 * Written here rather than with a CSV library: the quoting is the few lines
 * of {@link csvField}, and none is among the extension's dependencies.
 */

/** What starts a formula in Excel, LibreOffice and Google Sheets (OWASP's list): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

const NEEDS_QUOTES = /[",\r\n]/;

/** A leading `'` before text a spreadsheet would otherwise run as a formula; other text as it is. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field as RFC 4180 writes it: in quotes, with quotes doubled, when it holds a comma, a quote, CR or LF. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A value of a record as the text of its cell: text neutralised, null and an
 * absent field empty, a number or boolean as JSON writes it, an object or
 * array as compact JSON (at any depth).
 */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return neutralise(value);
  }
  // Numbers and booleans cannot start a formula as JSON writes them; nor can `{` or `[`.
  return stringifyJson(value, 0) ?? '';
}

/** The columns of `records`: the known fields, then the others in the order first seen (own keys only). */
export function csvColumns(records: readonly object[]): string[] {
  // A Set keyed by the server's field names: `__proto__` is a name like any other.
  const columns = new Set<string>(eventFieldNames());
  for (const record of records) {
    for (const key of Object.keys(record)) {
      columns.add(key);
    }
  }
  return [...columns];
}

/** The whole CSV text: the header row, then a row per record, each line ended by CRLF. */
export function toCsv(records: readonly object[]): string {
  const columns = csvColumns(records);
  const lines = [columns.map((name) => csvField(neutralise(name))).join(',')];
  for (const record of records) {
    lines.push(
      columns
        .map((name) => csvField(cellText(Object.hasOwn(record, name) ? (record as Record<string, unknown>)[name] : undefined)))
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
