/**
 * Keeping the API key out of everything a server sends back: the raw body (for
 * the log and excerpts in messages) and the parsed records (for the tree, the
 * panel, copies and exports), whatever JSON escapes the server used.
 */

/** Replaces every occurrence of `secret` in `text`; secrets shorter than 4 characters are not searched for. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) {
    return text;
  }
  return text.split(secret).join('[redacted]');
}

/**
 * Replaces `secret` in every string of freshly parsed JSON, key or value, at
 * any depth, in place, and returns it. Walks with its own stack, so that deep
 * nesting (which `JSON.parse` accepts) cannot overflow the call stack; renamed
 * keys are defined as own data properties, so that `__proto__` stays a key.
 */
export function redactParsedJson(root: unknown, secret: string | undefined): unknown {
  if (!secret || secret.length < 4) {
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
      if (!Array.isArray(record) && key.includes(secret)) {
        name = redactSecret(key, secret);
        delete record[key];
      }
      if (typeof child === 'string' && child.includes(secret)) {
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

/**
 * A server that echoes the key back must not put it in the log: every
 * occurrence in the raw body is replaced, so that an excerpt of a body that is
 * not JSON cannot show it. The key is matched as it appears inside a JSON string
 * (escaped), so the replacement cannot break the document's structure; other
 * escapings of it are caught after parsing ({@link parseRecords}).
 */
export function redactKey(body: string, key: string): string {
  const escaped = JSON.stringify(key).slice(1, -1);
  if (key.length < 4 || !body.includes(escaped)) {
    return body;
  }
  return body.split(escaped).join('[redacted]');
}
