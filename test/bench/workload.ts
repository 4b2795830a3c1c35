import { connectionEventSchema, type ConnectionEvent } from '../../src/core/records';
import { formatTimestamp, type EventRecord } from '../fake-api/data';

/** Events per connection in the budgets' workload: 100,000 events over 10,000 connections. */
export const EVENTS_PER_CONNECTION = 10;

/**
 * The workload for the tree and panel budgets, made directly rather than by the fake
 * API's generator (which needs minutes for 10,000 connections): `count` events spread evenly over
 * `connections` connections, with one connection far larger than the rest (the "largest
 * connection" whose children the tree builds), newest first as the server answers.
 * Deterministic: the same arguments give the same records.
 */
export function makeRecords(count: number, connections: number, now = Date.UTC(2026, 10, 28, 12)): EventRecord[] {
  const largest = Math.min(count, Math.max(1, Math.floor(count / 20)));
  const records: EventRecord[] = [];
  for (let i = 0; i < count; i++) {
    // The first `largest` events are the big connection's; the rest go round the others.
    const c = i < largest || connections === 1 ? 0 : 1 + ((i - largest) % (connections - 1));
    const ms = now - i * 997;
    const type = i % 50 === 0 ? 'disconnect' : i % 50 === 1 ? 'connect' : i % 17 === 0 ? 'subscribe' : 'heartbeat';
    records.push({
      eventId: `${hex(i, 8)}-4b1d-4c2e-9f00-${hex(i * 2654435761, 12)}`,
      connectionId: `conn_${hex(c * 40503 + 17, 16)}`,
      organizationId: 'c0ffee00-0000-4000-8000-000000000001',
      apikeyId: `f1e2d3c4-b5a6-4879-8765-${hex(c % 6, 12)}`,
      host: `ws-${String((c % 4) + 1).padStart(2, '0')}.us-east-1.coinapi.io`,
      ipAddress: `203.0.113.${(c % 254) + 1}`,
      protocolName: c % 3 === 0 ? 'FIX' : 'WebSocket',
      serviceName: c % 3 === 0 ? 'coinapi-fix' : 'coinapi-ws',
      dataCenter: c % 2 ? 'us-east-1' : 'eu-west-1',
      eventType: type,
      eventDescription: type === 'disconnect' ? 'Connection closed by client' : type === 'heartbeat' ? 'Heartbeat received' : `Event ${i}`,
      eventTimestamp: formatTimestamp(ms, (i * 7919) % 10_000),
    });
  }
  return records;
}

/** About how many bytes of a response's JSON an event of this workload takes. */
export function bodyBytesPerEvent(): number {
  return Buffer.byteLength(JSON.stringify(makeRecords(1000, 100))) / 1000;
}

/**
 * The records as the client hands them on: read from JSON text (so their strings are flat, as
 * the parser makes them), checked by the schema, timestamps parsed once.
 */
export function makeEvents(count: number, connections: number): ConnectionEvent[] {
  const records = JSON.parse(JSON.stringify(makeRecords(count, connections))) as unknown[];
  return records.map((record) => connectionEventSchema().parse(record));
}

function hex(n: number, width: number): string {
  return (Math.abs(Math.trunc(n)) % 16 ** Math.min(width, 12)).toString(16).padStart(width, '0');
}
