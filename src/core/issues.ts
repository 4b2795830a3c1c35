import type * as z from 'zod/mini';
import type { FieldError } from './query';

/**
 * A refused value's problems as field errors, one per issue, each worded by
 * {@link describeIssues}. The field is the issue's path; a key that does not
 * belong is named by itself (zod puts it in `keys`, not in the path), under the
 * path of the object that holds it; an issue with the value as a whole is
 * `subject`'s.
 */
export function fieldErrors(input: unknown, issues: readonly z.core.$ZodIssue[], subject = 'argument'): FieldError[] {
  return issues.map((issue) => ({
    field: issueField(issue) || subject,
    message: describeIssues(input, [issue], { subject }),
  }));
}

function issueField(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => [...issue.path, key].map(String).join('.')).join(', ');
  }
  return issue.path.map(String).join('.');
}

/**
 * What was wrong with a value zod refused, field by field: missing, of the
 * wrong type, empty, the schema's own words ("not a timestamp"), or else
 * {@link zodWords}. The one way the extension words validation failures, for
 * records, command arguments and messages alike.
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
      return `${path}: ${zodWords(issue)}`;
    })
    .join('; ');
}

/** `value[key]` when `value` is an object that has `key` as its own property; never an inherited member. */
export function ownValue(value: unknown, key: PropertyKey): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<PropertyKey, unknown>)[key]
    : undefined;
}

/** The unit of a size, for the origins zod measures by length. */
const SIZE_UNITS = new Map([
  ['string', 'characters'],
  ['file', 'bytes'],
  ['array', 'items'],
  ['set', 'items'],
  ['map', 'entries'],
]);

/**
 * zod's English for the refusals it words itself, word for word as zod's `en`
 * locale has them (zod/mini loads no locale, and leaves "Invalid input").
 * Written here rather than loading the locale: a fraction of its size, and the
 * one home of these words. Only the codes our schemas can raise; any other
 * issue, and every message a schema writes itself, keeps its own message.
 */
function zodWords(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.length === 1
        ? `Invalid input: expected ${literal(issue.values[0])}`
        : `Invalid option: expected one of ${issue.values.map(literal).join('|')}`;
    case 'too_big':
    case 'too_small': {
      const [word, sign, bound] = issue.code === 'too_big' ? ['big', '<', issue.maximum] : ['small', '>', issue.minimum];
      const relation = issue.exact ? 'exactly ' : issue.inclusive ? `${sign}=` : sign;
      const unit = SIZE_UNITS.get(issue.origin);
      const size = unit ? `to have ${relation}${bound} ${unit}` : `to be ${relation}${bound}`;
      return `Too ${word}: expected ${issue.origin} ${size}`;
    }
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map(literal).join(', ')}`;
    case 'invalid_key':
      return `Invalid key in ${issue.origin}`;
    case 'invalid_union':
      if (issue.inclusive === false) {
        return 'Invalid input: more than one option matched';
      }
      return issue.options?.length
        ? `Invalid discriminator value. Expected ${issue.options.map((o) => `'${String(o)}'`).join(' | ')}`
        : 'Invalid input';
    default:
      return issue.message;
  }
}

/** A value as zod quotes it in a message: text in double quotes, a bigint with its `n`. */
function literal(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : typeof value === 'bigint' ? `${value}n` : String(value);
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
