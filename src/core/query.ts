import * as l10n from '@vscode/l10n';
import { compareInstants, formatInstantUtc, formatTime, parseUserDateTime, zoneName, type Instant, type TimeZone } from './time';

/** The filters that match a field exactly; names are the API's query parameters. */
export const TEXT_FIELDS = ['apiKeyId', 'connectionId', 'serviceName', 'protocolName', 'dataCenter', 'eventType'] as const;
export const TIME_FIELDS = ['timeStart', 'timeEnd'] as const;
export const NUMBER_FIELDS = ['minutes', 'limit'] as const;
export const QUERY_FIELDS = [...TEXT_FIELDS, ...TIME_FIELDS, ...NUMBER_FIELDS] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type TimeField = (typeof TIME_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type QueryField = (typeof QUERY_FIELDS)[number];

/** A validated query of `GET /api/connection-analytics/events/query`. Unset fields are absent. */
export type EventQuery = {
  readonly [K in TextField]?: string;
} & {
  readonly [K in TimeField]?: Instant;
} & {
  readonly [K in NumberField]?: number;
};

declare const validated: unique symbol;

/**
 * A query that passed {@link validateQuery}: the only kind that can be run,
 * so every path into a query (palette, panel, tree, command argument,
 * restored state) goes through the same checks.
 */
export type ValidQuery = EventQuery & { readonly [validated]: true };

/**
 * A query as the API spells it, with every value as text or number: what a
 * command argument carries and what is persisted.
 */
export type QueryInput = Partial<Record<QueryField, string | number>>;

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type FieldResult<T> = { readonly ok: true; readonly value: T | undefined } | { readonly ok: false; readonly error: FieldError };
export type QueryResult =
  { readonly ok: true; readonly query: ValidQuery } | { readonly ok: false; readonly errors: readonly FieldError[] };

export const INT32_MAX = 2_147_483_647;
/** Longer than any identifier the API uses; keeps pasted logs out of the URL. */
export const MAX_TEXT_LENGTH = 256;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * What is wrong with a trimmed text a user typed (a filter, a name): longer than `max`, or holding
 * control characters; undefined when neither. The one home of these two checks and their words.
 */
export function textProblem(text: string, max: number): string | undefined {
  if (text.length > max) {
    return l10n.t('is too long ({0} characters; at most {1}).', text.length, max);
  }
  return CONTROL_CHARS.test(text) ? l10n.t('contains control characters.') : undefined;
}

/** A field's label in the user's language (read when shown, after the host or the page has set the language up). */
export function fieldLabel(field: QueryField): string {
  const labels: Readonly<Record<QueryField, string>> = {
    apiKeyId: l10n.t('API key ID'),
    connectionId: l10n.t('Connection ID'),
    serviceName: l10n.t('Service'),
    protocolName: l10n.t('Protocol'),
    dataCenter: l10n.t('Data center'),
    eventType: l10n.t('Event type'),
    timeStart: l10n.t('Start time'),
    timeEnd: l10n.t('End time'),
    minutes: l10n.t('Minutes back'),
    limit: l10n.t('Limit'),
  };
  return labels[field];
}

export const FIELD_EXAMPLES: Readonly<Record<QueryField, string>> = {
  apiKeyId: 'f1e2d3c4-b5a6-9879-8765-4321dcba0987',
  connectionId: 'conn_7f9a8b2c1d3e4f5a',
  serviceName: 'coinapi-ws',
  protocolName: 'WebSocket',
  dataCenter: 'us-east-1',
  eventType: 'disconnect',
  timeStart: '2026-04-20 19:30',
  timeEnd: '2026-04-20T20:00:00Z',
  minutes: '60',
  limit: '1000',
};

export function isQueryField(name: string): name is QueryField {
  return (QUERY_FIELDS as readonly string[]).includes(name);
}

function fail(field: string, message: string): { ok: false; error: FieldError } {
  return { ok: false, error: { field, message: `${field}: ${message}` } };
}

/**
 * Validates one parameter as typed or passed. Empty text means unset. The
 * message starts with the field's API name, so it reads the same in the
 * palette, the panel and an error for a command argument.
 */
export function validateField(field: TextField, raw: unknown, zone: TimeZone): FieldResult<string>;
export function validateField(field: TimeField, raw: unknown, zone: TimeZone): FieldResult<Instant>;
export function validateField(field: NumberField, raw: unknown, zone: TimeZone): FieldResult<number>;
export function validateField(field: QueryField, raw: unknown, zone: TimeZone): FieldResult<string | Instant | number>;
/** `zone`: the zone a date-time without `Z` or an offset is in (the `timeZone` setting). */
export function validateField(field: QueryField, raw: unknown, zone: TimeZone): FieldResult<string | Instant | number> {
  if (raw === undefined || raw === null) {
    return { ok: true, value: undefined };
  }
  if ((NUMBER_FIELDS as readonly string[]).includes(field)) {
    return validateInteger(field, raw);
  }
  if (typeof raw !== 'string') {
    return fail(field, l10n.t('must be text.'));
  }
  const text = raw.trim();
  if (text === '') {
    return { ok: true, value: undefined };
  }
  const problem = textProblem(text, MAX_TEXT_LENGTH);
  if (problem) {
    return fail(field, problem);
  }
  if (field === 'timeStart' || field === 'timeEnd') {
    const instant = parseUserDateTime(text, zone);
    return instant
      ? { ok: true, value: instant }
      : fail(
          field,
          l10n.t(
            'is not a date-time. Use ISO 8601, e.g. {0} ({1} unless it ends in Z or an offset).',
            FIELD_EXAMPLES[field],
            zoneName(zone, Date.now()),
          ),
        );
  }
  if (field === 'apiKeyId' && !UUID.test(text)) {
    return fail(field, l10n.t('must be a UUID, e.g. {0}.', FIELD_EXAMPLES.apiKeyId));
  }
  return { ok: true, value: text };
}

function validateInteger(field: QueryField, raw: unknown): FieldResult<number> {
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') {
      return { ok: true, value: undefined };
    }
    if (!/^[+-]?\d+(\.\d+)?$/.test(text)) {
      return fail(field, l10n.t('must be a whole number.'));
    }
    value = Number(text);
  } else {
    return fail(field, l10n.t('must be a whole number.'));
  }
  if (!Number.isInteger(value)) {
    return fail(field, l10n.t('must be a whole number.'));
  }
  if (value < 1) {
    return fail(field, l10n.t('must be at least {0}.', 1));
  }
  if (value > INT32_MAX) {
    return fail(field, l10n.t('must be at most {0}.', INT32_MAX));
  }
  return { ok: true, value };
}

/**
 * Validates a whole query given as an object with the API's parameter names
 * (a command argument, the panel's form, a persisted query). Every problem is
 * reported, each naming its field; nothing is sent unless this succeeds.
 */
export function validateQuery(input: unknown, zone: TimeZone): QueryResult {
  if (input === undefined || input === null) {
    return { ok: true, query: {} as ValidQuery };
  }
  if (typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ field: 'query', message: `query: ${l10n.t('must be an object of query parameters, e.g. {0}.', '{"minutes": 60}')}` }],
    };
  }
  const errors: FieldError[] = [];
  const query: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(input)) {
    if (!isQueryField(name)) {
      errors.push({ field: name, message: `${name}: ${l10n.t('is not a query parameter. Known: {0}.', QUERY_FIELDS.join(', '))}` });
      continue;
    }
    const result = validateField(name, raw, zone);
    if (!result.ok) {
      errors.push(result.error);
    } else if (result.value !== undefined) {
      query[name] = result.value;
    }
  }
  const typed = query as ValidQuery;
  errors.push(...crossFieldErrors(typed));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, query: typed };
}

/** The rules that involve two fields; also used by step-by-step input before it finishes. */
export function crossFieldErrors(query: EventQuery): FieldError[] {
  const errors: FieldError[] = [];
  if (query.minutes !== undefined && (query.timeStart !== undefined || query.timeEnd !== undefined)) {
    errors.push({ field: 'minutes', message: `minutes: ${l10n.t('cannot be combined with timeStart/timeEnd; use one or the other.')}` });
  }
  if (query.timeStart && query.timeEnd) {
    const { timeStart: s, timeEnd: e } = query;
    if (compareInstants(s, e) >= 0) {
      errors.push({ field: 'timeEnd', message: `timeEnd: ${l10n.t('must be after timeStart.')}` });
    }
  }
  return errors;
}

/** One message for a failed validation, each problem on its own line. */
export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => e.message).join('\n');
}

/** The query string parameters: only set fields, timestamps as ISO 8601 UTC. */
export function toApiParams(query: EventQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const field of QUERY_FIELDS) {
    const value = query[field];
    if (value === undefined) {
      continue;
    }
    params[field] = typeof value === 'object' ? formatInstantUtc(value) : String(value);
  }
  return params;
}

/** The query as plain data with the API's names, for persisting and for command arguments. */
export function toQueryInput(query: EventQuery): QueryInput {
  return toApiParams(query);
}

/**
 * The query as a person edits it, in the palette's steps and the panel's
 * form: like {@link toQueryInput}, but times in `zone` as typed
 * (`2026-04-20 21:30:38`), which {@link validateQuery} reads back in the same zone.
 */
export function toEditableInput(query: EventQuery, zone: TimeZone): QueryInput {
  const input = toQueryInput(query);
  if (query.timeStart) {
    input.timeStart = formatTime(query.timeStart, zone);
  }
  if (query.timeEnd) {
    input.timeEnd = formatTime(query.timeEnd, zone);
  }
  return input;
}
