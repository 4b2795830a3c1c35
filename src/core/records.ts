/**
 * The records the Console API returns, as the rest of the extension sees them:
 * their schemas (checked where they cross into the extension) and the result
 * of reading a page of them.
 */
import * as z from 'zod';
import { parseTimestamp, type Instant } from './time';

// The service is .NET: optional text may arrive as null as well as absent.
const text = z.string().nullish();
const NOT_A_TIMESTAMP = 'not a timestamp (ISO 8601 date-time expected)';
const timestamp = z.string().refine((value) => parseTimestamp(value) !== undefined, NOT_A_TIMESTAMP);
const count = z.number().nullish();

/** What every record says about the connection it belongs to. */
const connectionFields = {
  organizationId: text,
  apikeyId: text,
  host: text,
  ipAddress: text,
  protocolName: text,
  serviceName: text,
  dataCenter: text,
};

/** The fields an event must have: they identify it and its connection, and say what happened. */
const requiredText = z.string().min(1);

const eventShape = {
  eventId: requiredText,
  connectionId: requiredText,
  eventType: requiredText,
  eventTimestamp: z.string(),
  eventDescription: text,
  ...connectionFields,
};

/**
 * One record of `GET /api/connection-analytics/events/query`. The four fields
 * that identify and order an event are required; unknown fields are kept, so
 * that a newer service's additions still reach the raw JSON view.
 */
export const connectionEventSchema = z.looseObject(eventShape).transform((event, context) => {
  // The timestamp is parsed here, once, and its instant travels with the record (see eventInstant).
  const at = parseTimestamp(event.eventTimestamp);
  if (!at) {
    context.issues.push({ code: 'custom', message: NOT_A_TIMESTAMP, input: event.eventTimestamp, path: ['eventTimestamp'] });
    return z.NEVER;
  }
  instants.set(event, at);
  return event;
});
export type ConnectionEvent = z.infer<typeof connectionEventSchema>;

/** The instants of the records the schema accepted, parsed when they were checked. */
const instants = new WeakMap<ConnectionEvent, Instant>();

/**
 * The instant of an event: the one parsed when the schema checked the record,
 * or parsed now for a record made elsewhere (tests, restored state); undefined
 * when its timestamp does not parse.
 */
export function eventInstant(event: ConnectionEvent): Instant | undefined {
  return instants.get(event) ?? parseTimestamp(event.eventTimestamp);
}

const EVENT_KEYS = Object.keys(eventShape) as (keyof typeof eventShape)[];
const EVENT_KEY_SET = new Set<string>(EVENT_KEYS);

/**
 * {@link connectionEventSchema} for the records nearly every response is made
 * of (the known fields as strings or null, unknown fields of any other name),
 * several times quicker than zod: the same record, keys in the same order,
 * the same instant. Undefined for anything else, which the schema then judges
 * and words, so a bad record is reported exactly as the schema reports it.
 */
function quickConnectionEvent(input: unknown): ConnectionEvent | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return undefined;
  }
  const record = input as Record<string, unknown>;
  const event: Record<string, unknown> = {};
  for (const key of EVENT_KEYS) {
    const rule = eventShape[key];
    if (!Object.hasOwn(record, key)) {
      if (rule !== text) {
        return undefined;
      }
      continue;
    }
    const value = record[key];
    if (typeof value === 'string' ? rule === requiredText && value.length === 0 : value !== null || rule !== text) {
      return undefined;
    }
    event[key] = value;
  }
  for (const key of Object.keys(record)) {
    if (!EVENT_KEY_SET.has(key)) {
      if (key === '__proto__') {
        return undefined;
      }
      event[key] = record[key];
    }
  }
  const at = parseTimestamp(event.eventTimestamp as string);
  if (!at) {
    return undefined;
  }
  instants.set(event as ConnectionEvent, at);
  return event as ConnectionEvent;
}

const QUICK_PARSERS = new Map<z.ZodType, (input: unknown) => unknown>([[connectionEventSchema, quickConnectionEvent]]);

/** The quick path of a record schema, if it has one: the parsed record, or undefined to leave the record to the schema. */
export function quickParser<S extends z.ZodType>(schema: S): ((input: unknown) => z.infer<S> | undefined) | undefined {
  return QUICK_PARSERS.get(schema) as ((input: unknown) => z.infer<S> | undefined) | undefined;
}

/** One record of `GET /api/connection-analytics/query`. */
export const connectionStatusSchema = z.looseObject({
  connectionId: z.string().min(1),
  ...connectionFields,
  lastHeartbeat: timestamp.nullish(),
  connectionStartTime: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
  connectionDurationSeconds: count,
  isActive: z.boolean().nullish(),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

/** One record of `GET /api/connection-analytics/summary`. */
export const connectionSummarySchema = z.looseObject({
  organizationId: text,
  serviceName: text,
  protocolName: text,
  dataCenter: text,
  totalConnections: count,
  newConnectionsInPeriod: count,
  uniqueApiKeys: count,
  averageConnectionDurationSeconds: count,
  totalConnectionTimeSeconds: count,
  firstConnection: timestamp.nullish(),
  lastConnection: timestamp.nullish(),
  lastActivity: timestamp.nullish(),
});
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;

/** A record the schema refused: where it was and why. */
export interface InvalidRecord {
  readonly index: number;
  readonly id: string | undefined;
  readonly reason: string;
}

export interface RecordsResult<T> {
  /** The valid records, in the server's order. */
  readonly records: T[];
  /** How many records the server sent, valid or not. */
  readonly received: number;
  readonly invalidCount: number;
  /** The first few invalid records, for the log and the user. */
  readonly invalidSamples: readonly InvalidRecord[];
}
