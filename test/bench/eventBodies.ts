import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDataset, type EventRecord } from '../fake-api/data';

/**
 * The response bodies the benches read: the fake Console API's events (its
 * seeded generator, so every run reads the same bytes), written once per size
 * and served as they are, with their length, from 127.0.0.1. Sizes past the
 * generated dataset repeat it with new event and connection IDs, so a million
 * events costs the bytes of the body, not a million generated objects.
 */
const BASE_EVENTS = 120_000;
const RECORDS_PER_CHUNK = 5_000;

export interface EventBody {
  readonly events: number;
  readonly bytes: number;
  readonly chunks: readonly Buffer[];
}

let base: readonly EventRecord[] | undefined;

function baseRecords(): readonly EventRecord[] {
  // About 80 events per connection: enough connections for the base size.
  base ??= generateDataset({ seed: 42, connections: Math.ceil(BASE_EVENTS / 60), days: 3, now: Date.UTC(2026, 3, 20) }).events.map(
    (event) => event.record,
  );
  return base;
}

/** `events` records as the server's JSON array, in chunks of a few MiB. */
export function eventBody(events: number): EventBody {
  const records = baseRecords();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for (let from = 0; from < events; from += RECORDS_PER_CHUNK) {
    const parts: string[] = [];
    for (let i = from; i < Math.min(events, from + RECORDS_PER_CHUNK); i++) {
      const copy = Math.floor(i / records.length);
      const record = records[i % records.length]!;
      parts.push(
        JSON.stringify(
          copy === 0 ? record : { ...record, eventId: `${record.eventId}-${copy}`, connectionId: `${record.connectionId}-${copy}` },
        ),
      );
    }
    const text = `${from === 0 ? '[' : ','}${parts.join(',')}${from + RECORDS_PER_CHUNK >= events ? ']' : ''}`;
    const chunk = Buffer.from(text, 'utf8');
    chunks.push(chunk);
    bytes += chunk.length;
  }
  if (events === 0) {
    chunks.push(Buffer.from('[]'));
    bytes = 2;
  }
  return { events, bytes, chunks };
}

/** Serves `bodies` by size: any path, `?limit=N` picks the body of N events (the client's query). */
export class BodyServer {
  private constructor(
    private readonly server: http.Server,
    private readonly bodies: ReadonlyMap<number, EventBody>,
  ) {}

  static async start(bodies: readonly EventBody[]): Promise<BodyServer> {
    const byEvents = new Map(bodies.map((body) => [body.events, body]));
    const server = http.createServer((req, res) => {
      const limit = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('limit'));
      const body = byEvents.get(limit);
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.bytes) });
      let next = 0;
      const write = (): void => {
        while (next < body.chunks.length) {
          if (!res.write(body.chunks[next++])) {
            res.once('drain', write);
            return;
          }
        }
        res.end();
      };
      write();
    });
    // Connections stay open while a round works for seconds between requests: no idle timeout to race with.
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new BodyServer(server, byEvents);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  body(events: number): EventBody {
    const body = this.bodies.get(events);
    if (!body) {
      throw new Error(`no body of ${events} events`);
    }
    return body;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
