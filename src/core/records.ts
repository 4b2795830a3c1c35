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

/**
 * One record of `GET /api/connection-analytics/events/query`. The four fields
 * that identify and order an event are required; unknown fields are kept, so
 * that a newer service's additions still reach the raw JSON view.
 */
export const connectionEventSchema = z
  .looseObject({
    eventId: z.string().min(1),
    connectionId: z.string().min(1),
    eventType: z.string().min(1),
    eventTimestamp: z.string(),
    eventDescription: text,
    ...connectionFields,
  })
  .transform((event, context) => {
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
