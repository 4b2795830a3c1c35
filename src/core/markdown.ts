/**
 * Server text made safe to put in Markdown: it reads as the text it is,
 * never as markup, a link, an HTML tag, another table cell or another line.
 */

/** The characters CommonMark lets a backslash escape that can start markup inside a table cell. */
const MARKUP = /[\\`*_[\]<>|~&!#]/g;

/** Line breaks, and other control characters that would break a table row or hide text. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The most characters of one value in a report (a table cell, an ID, a close reason), counted
 * before escaping: server text past it is cut with an ellipsis, so a 10 MB description does not
 * reach the clipboard. Export Results and Copy Event as JSON keep values whole.
 */
export const MAX_CELL_TEXT = 500;

/** What a line break in a value becomes: visible, and on the same line. */
export const LINE_BREAK_MARK = '↵';

/**
 * Text for a Markdown table cell or line: cut at {@link MAX_CELL_TEXT}, markup escaped with
 * backslashes, line breaks as {@link LINE_BREAK_MARK}, tabs as spaces.
 */
export function markdownText(text: string): string {
  return cut(text)
    .replace(LINE_BREAK, LINE_BREAK_MARK)
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(MARKUP, (character) => `\\${character}`);
}

/**
 * Text as an inline code span (IDs), cut at {@link MAX_CELL_TEXT}: fenced by more backticks than any run
 * inside it, padded when it starts or ends with a backtick, its pipes escaped
 * (a GFM table splits cells on `|` even inside code), on one line.
 */
export function markdownCode(text: string): string {
  const flat = cut(text).replace(LINE_BREAK, LINE_BREAK_MARK).replace(/\t/g, ' ').replace(CONTROL, '').replaceAll('|', '\\|');
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) {
    longest = Math.max(longest, run.length);
  }
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * `text` cut to {@link MAX_CELL_TEXT} characters, the last an ellipsis; cut before escaping, so
 * that no escape or code span is cut in two, and never between the halves of a surrogate pair.
 */
function cut(text: string): string {
  if (text.length <= MAX_CELL_TEXT) {
    return text;
  }
  let end = MAX_CELL_TEXT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end--;
  }
  return `${text.slice(0, end)}…`;
}

/** A GFM table: a header row, the delimiter row, a row per entry; every cell as given (escape it first). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
