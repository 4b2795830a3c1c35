import type * as z from 'zod';

/**
 * What was wrong with a value zod refused, field by field: missing, of the
 * wrong type, empty, or the schema's own words ("not a timestamp"). The one
 * way the extension words validation failures, for records and messages alike.
 */
export function describeIssues(
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
  options: { readonly subject?: string; readonly max?: number } = {},
): string {
  return issues
    .slice(0, options.max ?? 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.') || (options.subject ?? 'record');
      const parent = issue.path.slice(0, -1).reduce<unknown>((value, key) => ownValue(value, key), input);
      const last = issue.path[issue.path.length - 1];
      const present = last === undefined || (typeof parent === 'object' && parent !== null && Object.hasOwn(parent, last));
      if (!present) {
        return `${path}: missing`;
      }
      if (issue.code === 'invalid_type') {
        const value = last === undefined ? input : ownValue(parent, last);
        return `${path}: expected ${issue.expected}, got ${typeName(value)}`;
      }
      if (issue.code === 'too_small' && issue.origin === 'string') {
        return `${path}: empty`;
      }
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

/** `value[key]` when `value` is an object that has `key` as its own property; never an inherited member. */
export function ownValue(value: unknown, key: PropertyKey): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<PropertyKey, unknown>)[key]
    : undefined;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
