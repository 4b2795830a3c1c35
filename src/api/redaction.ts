import { MIN_API_KEY_LENGTH } from '../core/apiKeyForm';

/**
 * Keeping the API key out of everything a server sends back: the raw body (for
 * the log and excerpts in messages) and the parsed records (for the tree, the
 * panel, copies and exports), whatever JSON escapes the server used.
 */

const REDACTED = '[redacted]';

/** The longest spelling of one character: `%F0%9F%98%80` (12) outdoes `&#x1F600;` and `\\uD83D`. */
const LONGEST_SPELLING = 12;

/** What a backslash escape stands for in JSON, besides `\\uXXXX`. */
const SHORT_ESCAPES = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/** Named HTML entities for the characters a key may hold that HTML escapes. */
const NAMED_ENTITIES = new Map([
  ['quot', '"'],
  ['amp', '&'],
  ['apos', "'"],
  ['lt', '<'],
  ['gt', '>'],
  ['plus', '+'],
  ['sol', '/'],
  ['equals', '='],
  ['bsol', '\\'],
]);

const ESCAPE_AT =
  /\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))|&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));|&([a-zA-Z]{2,6});|((?:%[0-9a-fA-F]{2}){1,4})/y;

/** Characters where a spelling other than the character itself can start. */
const ESCAPE_START = /[\\&%]/;

/**
 * Replaces every run of `text` that spells `secret`: as it is, JSON-escaped
 * (`\\"`, `\\\\`, `\\/`, `\\u002B` or `\\u002b`), as HTML entities (`&#43;`,
 * `&#x2B;`, `&plus;`) or percent-encoded (`%2B`), each character spelt any of
 * these ways. A run is matched from every position, so a server cannot hide
 * the key behind an escape that a left-to-right reading would pair
 * differently (`\\\\u0041`). Every message built from server text, and every
 * log line, goes through this. A secret shorter than the shortest key the
 * key form allows ({@link MIN_API_KEY_LENGTH}) is not searched for: no stored
 * key is that short.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < MIN_API_KEY_LENGTH) {
    return text;
  }
  const plain = text.includes(secret) ? text.split(secret).join(REDACTED) : text;
  if (!ESCAPE_START.test(plain)) {
    return plain;
  }
  let out = '';
  let copied = 0;
  for (let at = 0; at < plain.length;) {
    const end = plain[at] === secret[0] || ESCAPE_START.test(plain[at]!) ? spells(plain, at, secret) : -1;
    if (end > at) {
      out += plain.slice(copied, at) + REDACTED;
      copied = at = end;
    } else {
      at++;
    }
  }
  return out + plain.slice(copied);
}

/**
 * Whether any string in the JSON document `text` can spell `secret` once
 * parsed: only if the text holds it as it is, or a character where another
 * spelling begins (a JSON escape, an HTML entity, percent-encoding). Most
 * bodies hold neither, and then their records need no walk at all.
 */
export function mayHoldSecret(text: string, secret: string | undefined): boolean {
  return secret !== undefined && secret.length >= MIN_API_KEY_LENGTH && (text.includes(secret) || ESCAPE_START.test(text));
}

/**
 * The first `length` characters of `text`, key removed in every spelling, with
 * `…` when cut. Only a window is searched (a spelling of the key that starts in
 * the excerpt ends within it), so a large body costs no more than its excerpt.
 */
export function redactedExcerpt(text: string, secret: string | undefined, length: number): string {
  const window = text.slice(0, excerptLength(length, secret));
  const clean = redactSecret(window, secret);
  return clean.length > length || window.length < text.length ? `${clean.slice(0, length)}…` : clean;
}

/** How much of a text {@link redactedExcerpt} reads for an excerpt of `length`: room for every spelling of the key that starts within it. */
export function excerptLength(length: number, secret: string | undefined): number {
  return length + LONGEST_SPELLING * (secret?.length ?? 0);
}

/**
 * Where a spelling of `secret` that starts at `start` in `text` ends; -1 if
 * none does. At a backslash, `&` or `%` both readings are tried (the escape
 * and the character itself), each state once, without recursion.
 */
function spells(text: string, start: number, secret: string): number {
  const seen = new Set<number>();
  const pending: [number, number][] = [[start, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [at, from] = next;
    if (from === secret.length) {
      return at;
    }
    const state = at * (secret.length + 1) + from;
    if (seen.has(state)) {
      continue;
    }
    seen.add(state);
    if (text[at] === secret[from]) {
      pending.push([at + 1, from + 1]);
    }
    const escaped = escapeAt(text, at);
    if (escaped && escaped.end > at && secret.startsWith(escaped.value, from)) {
      pending.push([escaped.end, from + escaped.value.length]);
    }
  }
  return -1;
}

/** The escape that starts at `at`, if any: what it stands for and where it ends. */
function escapeAt(text: string, at: number): { value: string; end: number } | undefined {
  if (!ESCAPE_START.test(text[at] ?? '')) {
    return undefined;
  }
  ESCAPE_AT.lastIndex = at;
  const match = ESCAPE_AT.exec(text);
  if (!match) {
    return undefined;
  }
  const [whole, unicode, short, hex, decimal, name, percent] = match;
  let value: string | undefined;
  let end = at + whole.length;
  if (unicode !== undefined) {
    value = String.fromCharCode(parseInt(unicode, 16));
  } else if (short !== undefined) {
    value = SHORT_ESCAPES.get(short);
  } else if (hex !== undefined || decimal !== undefined) {
    const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    value = code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  } else if (name !== undefined) {
    value = NAMED_ENTITIES.get(name);
  } else if (percent !== undefined) {
    ({ value, end } = percentDecoded(percent, at));
  }
  return value === undefined ? undefined : { value, end };
}

/** The character that `%XX` bytes at `at` encode in UTF-8: one byte for ASCII, up to four. */
function percentDecoded(run: string, at: number): { value: string | undefined; end: number } {
  const bytes = run.match(/%[0-9a-fA-F]{2}/g)!.map((b) => parseInt(b.slice(1), 16));
  const lead = bytes[0]!;
  const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length === 0 || bytes.length < length) {
    return { value: undefined, end: at };
  }
  const value = Buffer.from(bytes.slice(0, length)).toString('utf8');
  return { value: value.includes('\uFFFD') ? undefined : value, end: at + length * 3 };
}

/**
 * Replaces `secret` in every string of freshly parsed JSON, key or value, at
 * any depth, in place, and returns it. Walks with its own stack, so that deep
 * nesting (which `JSON.parse` accepts) cannot overflow the call stack; renamed
 * keys are defined as own data properties, so that `__proto__` stays a key.
 */
export function redactParsedJson(root: unknown, secret: string | undefined): unknown {
  if (!secret || secret.length < MIN_API_KEY_LENGTH) {
    return root;
  }
  if (typeof root === 'string') {
    return redactSecret(root, secret);
  }
  const pending: object[] = typeof root === 'object' && root !== null ? [root] : [];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      let child = record[key];
      let name = key;
      if (!Array.isArray(record) && redactSecret(key, secret) !== key) {
        name = redactSecret(key, secret);
        delete record[key];
      }
      if (typeof child === 'string') {
        child = redactSecret(child, secret);
      } else if (typeof child === 'object' && child !== null) {
        pending.push(child);
      }
      if (name !== key || child !== record[key]) {
        Object.defineProperty(record, name, { value: child, writable: true, enumerable: true, configurable: true });
      }
    }
  }
  return root;
}
