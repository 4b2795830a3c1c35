/**
 * The shortest key accepted, and the shortest one redaction searches for: a
 * shorter one is no Console key (they are 36 characters) and could not be
 * removed from messages without mangling ordinary words, so it is refused
 * rather than sent where it could not be kept out of what is shown.
 */
export const MIN_API_KEY_LENGTH = 4;

/**
 * Whether an ID (an `apiKeyId` filter, a UUID pointed at) is the stored API key itself: keys look like
 * key IDs, and the key is never sent as a filter, offered as a link, or kept in the query history.
 * Key IDs are matched without regard to case, as the API matches them. The one home of this rule.
 */
export function isTheApiKey(id: string, key: string | undefined): boolean {
  return key !== undefined && id.trim().toLowerCase() === key.trim().toLowerCase();
}

/** Whether `id` is one of `keys` (each profile's key this window knows), spelt in any case: never stored or sent as an ID. */
export function isAnApiKey(id: string, keys: readonly string[]): boolean {
  return keys.some((key) => isTheApiKey(id, key));
}

/**
 * The form an API key must have before it is stored or sent: one word of
 * visible ASCII (`!` to `~`). undici refuses control characters and anything
 * above U+00FF in a header, and sends Latin-1 as raw bytes no server expects;
 * a key copied from a document often carries a line break, a non-breaking
 * space or a typographic quote. The problem is named with its position, never
 * with the key's text.
 */
export function apiKeyFormProblem(key: string): string | undefined {
  const text = key.trim();
  if (text === '') {
    return 'The API key is empty.';
  }
  let position = 0;
  for (const character of text) {
    position++;
    const code = character.codePointAt(0) ?? 0;
    if (code >= 0x21 && code <= 0x7e) {
      continue;
    }
    const what =
      code < 0x20 || code === 0x7f
        ? 'a control character (a line break, tab or other invisible character)'
        : code === 0x20
          ? 'a space'
          : `a character outside visible ASCII (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
    return `The API key contains ${what} at position ${position}; a key is one word of letters, digits and ASCII punctuation. Copy it again from the APIBricks Console.`;
  }
  if (position < MIN_API_KEY_LENGTH) {
    return `The API key is ${position} character${position === 1 ? '' : 's'} long; a key has at least ${MIN_API_KEY_LENGTH}. Copy it again from the APIBricks Console.`;
  }
  return undefined;
}
