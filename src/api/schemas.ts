import * as z from 'zod';
import { parseTimestamp } from '../core/time';

// The service is .NET: optional text may arrive as null as well as absent.
const text = z.string().nullish();
const timestamp = z.string().refine((value) => parseTimestamp(value) !== undefined, 'not a timestamp (ISO 8601 date-time expected)');
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
export const connectionEventSchema = z.looseObject({
  eventId: z.string().min(1),
  connectionId: z.string().min(1),
  eventType: z.string().min(1),
  eventTimestamp: timestamp,
  eventDescription: text,
  ...connectionFields,
});
export type ConnectionEvent = z.infer<typeof connectionEventSchema>;

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

/** An error body as the CoinAPI services send it: `{"error": "Invalid API key"}`. */
export const errorBodySchema = z.union([
  z.object({ error: z.string() }),
  z.object({ message: z.string() }),
  z.object({ title: z.string(), detail: z.string().optional() }),
]);
