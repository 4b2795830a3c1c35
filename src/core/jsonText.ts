/**
 * JSON text and copies of server data without recursion: a record may carry
 * an unknown field nested 100,000 levels deep, which `JSON.stringify`, a
 * structured clone or a recursive walk turns into a stack overflow. Every
 * function here keeps its own stack, so depth costs memory, not call frames.
 */

/** Containers nested deeper than this are written compactly: pretty text of a deep value grows with the square of its depth. */
export const MAX_INDENTED_DEPTH = 32;

/** How deep a record is shown (details pane, raw JSON view) and sent to the webview; deeper containers become {@link DEPTH_MARKER}. */
export const DISPLAY_DEPTH = 32;

/** What stands for a container cut off by {@link boundDepth}. */
export const DEPTH_MARKER = '…';

interface Frame {
  readonly value: object;
  readonly isArray: boolean;
  readonly keys: readonly string[];
  index: number;
  wrote: boolean;
  readonly depth: number;
}

/**
 * The same text as `JSON.stringify(value, null, indent)` for data that came
 * from JSON, at any depth; containers deeper than `maxIndentedDepth` are
 * written without whitespace (the same value, parsed back). Cycles throw, as
 * they do for `JSON.stringify`. Undefined for a value JSON cannot hold.
 */
export function stringifyJson(value: unknown, indent = 2, maxIndentedDepth = MAX_INDENTED_DEPTH): string | undefined {
  const out: string[] = [];
  const stack: Frame[] = [];
  const onStack = new Set<object>();
  const pretty = (depth: number) => indent > 0 && depth < maxIndentedDepth;
  const newline = (depth: number) => `\n${' '.repeat(indent * depth)}`;

  /** Writes a leaf, or opens a container (pushed on the stack); false when the value is not JSON (skipped, or null in an array). */
  const open = (raw: unknown, key: string, depth: number): boolean => {
    const v = toJsonValue(raw, key);
    if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') {
      out.push(JSON.stringify(v));
      return true;
    }
    if (typeof v !== 'object') {
      return false;
    }
    if (onStack.has(v)) {
      throw new TypeError('Converting circular structure to JSON');
    }
    const isArray = Array.isArray(v);
    onStack.add(v);
    out.push(isArray ? '[' : '{');
    stack.push({ value: v, isArray, keys: isArray ? [] : Object.keys(v), index: 0, wrote: false, depth });
    return true;
  };

  if (!open(value, '', 0)) {
    return undefined;
  }
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const length = frame.isArray ? (frame.value as unknown[]).length : frame.keys.length;
    if (frame.index >= length) {
      stack.pop();
      onStack.delete(frame.value);
      if (frame.wrote && pretty(frame.depth)) {
        out.push(newline(frame.depth));
      }
      out.push(frame.isArray ? ']' : '}');
      continue;
    }
    const i = frame.index++;
    const separator = `${frame.wrote ? ',' : ''}${pretty(frame.depth) ? newline(frame.depth + 1) : ''}`;
    if (frame.isArray) {
      out.push(separator);
      frame.wrote = true;
      if (!open((frame.value as unknown[])[i], String(i), frame.depth + 1)) {
        out.push('null');
      }
      continue;
    }
    const key = frame.keys[i]!;
    const child = toJsonValue((frame.value as Record<string, unknown>)[key], key);
    if (child === undefined || typeof child === 'function' || typeof child === 'symbol') {
      continue;
    }
    out.push(separator, JSON.stringify(key), pretty(frame.depth) ? ': ' : ':');
    frame.wrote = true;
    open(child, key, frame.depth + 1);
  }
  return out.join('');
}

/** `toJSON` applied, as `JSON.stringify` does (a Date becomes its ISO text). */
function toJsonValue(value: unknown, key: string): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (typeof value === 'bigint') {
    throw new TypeError('Do not know how to serialize a BigInt');
  }
  return value;
}

/**
 * A copy of `value` in which every container at `maxDepth` or deeper is
 * replaced by {@link DEPTH_MARKER}: safe to show, to post to a webview and
 * to clone. Own properties only, `__proto__` and friends kept as data.
 */
export function boundDepth(value: unknown, maxDepth = DISPLAY_DEPTH): { readonly value: unknown; readonly truncated: boolean } {
  let truncated = false;
  const copyOf = (v: unknown, depth: number): { copy: unknown; source?: object } => {
    if (typeof v !== 'object' || v === null) {
      return { copy: v };
    }
    if (depth >= maxDepth) {
      truncated = true;
      return { copy: DEPTH_MARKER };
    }
    return { copy: Array.isArray(v) ? [] : {}, source: v };
  };
  const root = copyOf(value, 0);
  const work: { source: object; target: object; depth: number }[] = root.source
    ? [{ source: root.source, target: root.copy as object, depth: 0 }]
    : [];
  while (work.length > 0) {
    const { source, target, depth } = work.pop()!;
    for (const key of Object.keys(source)) {
      const child = copyOf((source as Record<string, unknown>)[key], depth + 1);
      Object.defineProperty(target, key, { value: child.copy, enumerable: true, writable: true, configurable: true });
      if (child.source) {
        work.push({ source: child.source, target: child.copy as object, depth: depth + 1 });
      }
    }
  }
  return { value: root.copy, truncated };
}

/** Nesting depth of a value (0 for a leaf), counted without recursion. */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const work: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (work.length > 0) {
    const { v, depth } = work.pop()!;
    if (typeof v === 'object' && v !== null) {
      deepest = Math.max(deepest, depth + 1);
      for (const key of Object.keys(v)) {
        work.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1 });
      }
    }
  }
  return deepest;
}
