/**
 * The records the Console API returns, as the rest of the extension sees them:
 * their schemas (checked where they cross into the extension) and the result
 * of reading a page of them.
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';
import { parseTimestamp, type Instant } from './time';

/**
 * The record schemas, made on first use (core/lazy): the first response needs them, starting the
 * extension does not.
 */
const schemas = lazy(() => {
  // The service is .NET: optional text may arrive as null as well as absent.
  const text = z.nullish(z.string());
  const timestamp = z.string().check(z.refine((value) => parseTimestamp(value) !== undefined, NOT_A_TIMESTAMP));
  const count = z.nullish(z.number());

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
  const requiredText = z.string().check(z.minLength(1));

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
  const eventFields = z.looseObject(eventShape);
  const connectionEvent = z.pipe(
    eventFields,
    z.transform((event: z.infer<typeof eventFields>, context) => {
      // The timestamp is parsed here, once, and its instant travels with the record (see eventInstant).
      const at = parseTimestamp(event.eventTimestamp);
      if (!at) {
        context.issues.push({ code: 'custom', message: NOT_A_TIMESTAMP, input: event.eventTimestamp, path: ['eventTimestamp'] });
        return z.NEVER;
      }
      return withTimed(event, at);
    }),
  );

  /** One record of `GET /api/connection-analytics/query`. */
  const connectionStatus = z.looseObject({
    connectionId: z.string().check(z.minLength(1)),
    ...connectionFields,
    lastHeartbeat: z.nullish(timestamp),
    connectionStartTime: z.nullish(timestamp),
    updatedAt: z.nullish(timestamp),
    connectionDurationSeconds: count,
    isActive: z.nullish(z.boolean()),
  });

  /** One record of `GET /api/connection-analytics/summary`. */
  const connectionSummary = z.looseObject({
    organizationId: text,
    serviceName: text,
    protocolName: text,
    dataCenter: text,
    totalConnections: count,
    newConnectionsInPeriod: count,
    uniqueApiKeys: count,
    averageConnectionDurationSeconds: count,
    totalConnectionTimeSeconds: count,
    firstConnection: z.nullish(timestamp),
    lastConnection: z.nullish(timestamp),
    lastActivity: z.nullish(timestamp),
  });

  const eventKeys = Object.keys(eventShape) as (keyof typeof eventShape)[];
  return {
    text,
    requiredText,
    eventShape,
    eventKeys,
    eventKeySet: new Set<string>(eventKeys),
    connectionEvent,
    connectionStatus,
    connectionSummary,
  };
});

const NOT_A_TIMESTAMP = 'not a timestamp (ISO 8601 date-time expected)';

/** One record of `GET /api/connection-analytics/events/query`: see {@link schemas}. */
export const connectionEventSchema = () => schemas().connectionEvent;
export type ConnectionEvent = z.infer<ReturnType<typeof connectionEventSchema>>;

/** The fields every event record is checked for, in the schema's order: the known columns of an export. */
export const eventFieldNames = (): readonly string[] => schemas().eventKeys;

/** One record of `GET /api/connection-analytics/query`. */
export const connectionStatusSchema = () => schemas().connectionStatus;
export type ConnectionStatus = z.infer<ReturnType<typeof connectionStatusSchema>>;

/** One record of `GET /api/connection-analytics/summary`. */
export const connectionSummarySchema = () => schemas().connectionSummary;
export type ConnectionSummary = z.infer<ReturnType<typeof connectionSummarySchema>>;

/** An event with its timestamp parsed once, to the full 100 ns precision. */
export interface TimedEvent {
  readonly event: ConnectionEvent;
  readonly at: Instant;
}

/**
 * Where a checked record keeps its {@link TimedEvent}, made when it was checked (the instant its
 * timestamp parsed to): a property no copy, JSON text, message to the webview or equality test sees
 * (a symbol, not enumerable). A WeakMap did the same for a GC cost that grew with every record kept.
 * Made here, while the record is new, grouping allocates nothing per event (a million events' worth of
 * objects made later, in an older and larger heap, cost grouping about a tenth of its time).
 */
const TIMED = Symbol('timed');

function withTimed<T extends object>(event: T, at: Instant): T {
  Object.defineProperty(event, TIMED, { value: { event, at } });
  return event;
}

/**
 * An event with its instant: the one made when the schema checked the record, or made now for a record
 * made elsewhere (tests, restored state, a copy); undefined when its timestamp does not parse.
 */
export function timedEvent(event: ConnectionEvent): TimedEvent | undefined {
  const timed = (event as { [TIMED]?: TimedEvent })[TIMED];
  if (timed) {
    return timed;
  }
  const at = parseTimestamp(event.eventTimestamp);
  return at ? { event, at } : undefined;
}

/** The instant of an event ({@link timedEvent}'s); undefined when its timestamp does not parse. */
export function eventInstant(event: ConnectionEvent): Instant | undefined {
  return timedEvent(event)?.at;
}

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
  const { eventShape, eventKeys, eventKeySet, text, requiredText } = schemas();
  const record = input as Record<string, unknown>;
  let present = 0;
  for (const key of eventKeys) {
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
    present++;
  }
  const event = present === eventKeys.length ? allFields(record) : someFields(record, eventKeys);
  for (const key of Object.keys(record)) {
    if (!eventKeySet.has(key)) {
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
  return withTimed(event as ConnectionEvent, at);
}

/** A record with every field of the shape: one object literal, in the shape's order (the test checks it is), far quicker than keyed stores. */
function allFields(r: Record<string, unknown>): Record<string, unknown> {
  return {
    eventId: r.eventId,
    connectionId: r.connectionId,
    eventType: r.eventType,
    eventTimestamp: r.eventTimestamp,
    eventDescription: r.eventDescription,
    organizationId: r.organizationId,
    apikeyId: r.apikeyId,
    host: r.host,
    ipAddress: r.ipAddress,
    protocolName: r.protocolName,
    serviceName: r.serviceName,
    dataCenter: r.dataCenter,
  };
}

/** A record with some optional fields absent: they stay absent, as zod leaves them. */
function someFields(r: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const key of keys) {
    if (Object.hasOwn(r, key)) {
      event[key] = r[key];
    }
  }
  return event;
}

/** The quick path of a record schema, if it has one: the parsed record, or undefined to leave the record to the schema. */
export function quickParser<S extends z.ZodMiniType>(schema: S): ((input: unknown) => z.infer<S> | undefined) | undefined {
  return (schema as z.ZodMiniType) === schemas().connectionEvent
    ? (quickConnectionEvent as (input: unknown) => z.infer<S> | undefined)
    : undefined;
}

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
