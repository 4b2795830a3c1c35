/**
 * A URL as it may be logged or shown: without the user name and password a
 * proxy or base URL can carry (`https://user:password@host`). Text that is not
 * a URL with a host loses everything up to its last `@` after the scheme,
 * since a typo may be exactly what made it unparseable.
 */
export function withoutUserinfo(text: string): string {
  try {
    const url = new URL(text);
    if (url.host === '') {
      // `user:password@host` parses as a scheme and an opaque path.
      throw new TypeError('no authority');
    }
    if (url.username === '' && url.password === '') {
      return text;
    }
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return text.replace(/^([^:/?#@]*:\/\/)?[^]*@/, '$1');
  }
}

/** A base URL's host, without the user name and password it may carry; the text itself when it is not a URL. */
export function hostOf(baseUrl: string): string {
  const clean = withoutUserinfo(baseUrl);
  try {
    return new URL(clean).host || clean;
  } catch {
    return clean;
  }
}
