import { MAX_TEXT_LENGTH } from './query';

/**
 * Finding connection IDs and API key IDs in whatever the user pasted: a log
 * line, a stack trace, JSON (also JSON inside a JSON string), markup.
 *
 * What counts (one home for the rule; README "Show Connection" repeats it for people):
 * - a connection ID is a token `conn_` followed by 4 to 128 letters or digits
 *   (the API's form, `conn_7f9a8b2c1d3e4f5a`), or any value of 1 to 128 of
 *   `A-Z a-z 0-9 _ . : -` written after a `connectionId` / `connection_id` /
 *   `connection-id` label and `:` or `=` (quotes, backslashes and spaces between
 *   are skipped, so `\"connectionId\":\"abc\"` inside a JSON string counts);
 * - an API key ID is a UUID after an `apikeyId` / `apiKeyId` / `api_key_id` /
 *   `api-key-id` label the same way. A bare UUID is not one: event and
 *   organization IDs are UUIDs too, and so may be a key itself.
 * - text that holds none of these but is one token with no space (an ID typed
 *   by hand) is taken as a connection ID.
 * Each ID is listed once, in the order first seen, at most {@link MAX_FOUND} of each kind.
 */

/** The most pasted text read, in UTF-16 code units (16 Mi): a log far larger is refused, naming its length. */
export const MAX_PASTED_TEXT = 16 * 1024 * 1024;
/** The most IDs of one kind kept; the rest are counted. */
export const MAX_FOUND = 50;

export interface FoundIds {
  readonly connectionIds: readonly string[];
  readonly apiKeyIds: readonly string[];
  /** How many distinct IDs of each kind the text held, including those past {@link MAX_FOUND}. */
  readonly connectionIdCount: number;
  readonly apiKeyIdCount: number;
}

// Bounded quantifiers and a lookbehind that allows one start per token: linear on any text.
const CONNECTION_TOKEN = /(?<![\w-])conn_[A-Za-z0-9]{4,128}(?![\w])/g;
const SEPARATOR = String.raw`["'\\\s]{0,8}[:=]["'\\\s]{0,8}`;
const LABELLED_CONNECTION = new RegExp(String.raw`(?<![\w])connection[_-]?id${SEPARATOR}([A-Za-z0-9_.:-]{1,128})`, 'gi');
export const UUID_TEXT = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const LABELLED_KEY = new RegExp(String.raw`(?<![\w])api[_-]?key[_-]?id${SEPARATOR}(${UUID_TEXT})(?![\w-])`, 'gi');
const ONE_TOKEN = /^[A-Za-z0-9_.:-]{1,256}$/;

/** Every connection ID and API key ID in `text`, by the rules above. */
export function findIds(text: string): FoundIds {
  const connections = new Collector();
  const keys = new Collector();
  // In text order, whichever rule found it: the order a person reads them in.
  const hits: { at: number; id: string }[] = [];
  for (const match of text.matchAll(CONNECTION_TOKEN)) {
    hits.push({ at: match.index, id: match[0] });
  }
  for (const match of text.matchAll(LABELLED_CONNECTION)) {
    hits.push({ at: match.index + match[0].length - match[1]!.length, id: trimTrailing(match[1]!) });
  }
  hits.sort((a, b) => a.at - b.at);
  for (const hit of hits) {
    if (hit.id !== '') {
      connections.add(hit.id);
    }
  }
  for (const match of text.matchAll(LABELLED_KEY)) {
    // The API matches key IDs case-insensitively: one ID, however it is spelled.
    keys.add(match[1]!.toLowerCase());
  }
  const trimmed = text.trim();
  if (connections.count === 0 && keys.count === 0 && trimmed.length <= MAX_TEXT_LENGTH && ONE_TOKEN.test(trimmed)) {
    connections.add(trimmed);
  }
  return { connectionIds: connections.kept, apiKeyIds: keys.kept, connectionIdCount: connections.count, apiKeyIdCount: keys.count };
}

/** An ID written in a line of code or terminal output, and where: `start` and `end` are UTF-16 offsets, end exclusive. */
export interface IdToken {
  readonly kind: 'connection' | 'apiKey';
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

const BARE_UUID = new RegExp(String.raw`(?<![\w-])${UUID_TEXT}(?![\w-])`, 'g');

/**
 * The IDs a person can point at in one line (an editor hover, a terminal link): connection IDs by
 * their `conn_` form, and, when `uuids`, any UUID as a possible API key ID (a hover only offers; an
 * event or organization ID shown as a key finds no events, and says so). Labelled values are
 * {@link findIds}'s: a line is pointed at, not pasted. In line order; a line longer than
 * {@link MAX_LINE} is not read (minified code), so no hover or link costs more than that.
 */
export function idTokens(line: string, options: { readonly uuids: boolean }): IdToken[] {
  if (line.length > MAX_LINE) {
    return [];
  }
  const tokens: IdToken[] = [];
  for (const match of line.matchAll(CONNECTION_TOKEN)) {
    tokens.push({ kind: 'connection', id: match[0], start: match.index, end: match.index + match[0].length });
  }
  if (options.uuids) {
    for (const match of line.matchAll(BARE_UUID)) {
      tokens.push({ kind: 'apiKey', id: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
    }
  }
  return tokens.sort((a, b) => a.start - b.start);
}

/** The longest line {@link idTokens} reads, in UTF-16 code units. */
export const MAX_LINE = 10_000;

/** A labelled value may run into the sentence's punctuation: `connectionId=abc.` */
function trimTrailing(value: string): string {
  return value.replace(/[.:-]+$/, '');
}

/** Distinct values in first-seen order; a Set, so no value can be mistaken for a property. */
class Collector {
  private readonly seen = new Set<string>();
  readonly kept: string[] = [];

  get count(): number {
    return this.seen.size;
  }

  add(value: string): void {
    if (this.seen.has(value)) {
      return;
    }
    this.seen.add(value);
    if (this.kept.length < MAX_FOUND) {
      this.kept.push(value);
    }
  }
}
