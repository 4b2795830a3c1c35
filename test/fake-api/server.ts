import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import {
  datasetOfRecords,
  generateDataset,
  formatTimestamp,
  type Dataset,
  type DatasetOptions,
  type EventRecord,
  type FakeConnection,
  type FakeEvent,
} from './data';

/**
 * A local Console API that behaves as ../shared/api/console-api.md says:
 * the three connection-analytics endpoints, every parameter, the same errors.
 * It binds to 127.0.0.1 only. Faults can be switched on per instance, in
 * process ({@link FakeConsoleApi.setFault}) or over HTTP (`POST /__fake/fault`).
 */

export const EVENTS_PATH = '/api/connection-analytics/events/query';
export const STATUS_PATH = '/api/connection-analytics/query';
export const SUMMARY_PATH = '/api/connection-analytics/summary';

const DEFAULT_LIMIT = 1000;
const INT32_MAX = 2_147_483_647;
const ACTIVE_WINDOW_MS = 120_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Fault {
  /** Answer every request with this status (and `body`, or `{"error": ...}`). */
  readonly status?: number;
  readonly body?: string;
  /** A `Retry-After` header value, sent as given (seconds or an HTTP date). */
  readonly retryAfter?: string;
  /** Wait this long before sending headers. */
  readonly delayMs?: number;
  /** Send the body in chunks of this many bytes, `intervalMs` apart. */
  readonly slowBody?: { readonly chunkBytes: number; readonly intervalMs: number };
  /** Answer 200 with a body that is not JSON. */
  readonly malformedJson?: boolean;
  /** Corrupt this fraction of the records (0 to 1): missing required fields, wrong types. */
  readonly drift?: number;
  /** Close the connection before answering at all, as a server that dropped an idle pooled connection does. */
  readonly resetBeforeHeaders?: boolean;
  /** Promise the whole body, send half of it, then reset the connection. */
  readonly truncate?: boolean;
  /** Compress the body this way whatever the client asked for, as a misconfigured proxy might. */
  readonly contentEncoding?: 'gzip' | 'br' | 'deflate';
  /** Put the presented key into every body, as a careless server might. */
  readonly echoKey?: boolean;
  /** Apply to this many requests, then answer normally again; forever when absent. */
  readonly times?: number;
  /**
   * Apply only to requests for this path (e.g. EVENTS_PATH), so that the extension's requests to
   * the other endpoints (Connected Now, the summary) neither see nor use up the fault; every path when absent.
   */
  readonly path?: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: http.IncomingHttpHeaders;
  /** When the server finished sending the response, body included (epoch ms); undefined until then, or if it never did. */
  readonly finishedAt?: number;
  /** How many records a 200 answered with. */
  readonly returned?: number;
}

export interface FakeApiOptions extends DatasetOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The key the server accepts; `demo` by default. */
  readonly key?: string;
  /** The server's clock, for `minutes` and `isActive`; the real clock by default. */
  readonly clock?: () => number;
  /** Serve these events instead of generated ones (see `datasetOfRecords`); the dataset options are then ignored. */
  readonly records?: readonly EventRecord[];
}

class BadRequest extends Error {}

/** Stands in a record for the key spelt with JSON escapes, put in when the body is written. */
const ESCAPED_KEY_MARK = '\u0000escaped-key\u0000';

/** `\u0070\u0061…`: every character of `text` as a JSON escape. */
function unicodeEscapes(text: string): string {
  return [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

/**
 * A record repeating the presented key every way a careless server might: as a field, inside the
 * description, nested in an object, spelt with JSON escapes in the body, and as escaped text that
 * stays escaped once parsed (a server that encoded its JSON twice).
 */
function echoInRecord(record: unknown, presented: string | undefined): object {
  const r = record as Record<string, unknown>;
  if (presented === undefined) {
    return { ...r, presentedKey: null };
  }
  return {
    ...r,
    eventDescription: `${typeof r.eventDescription === 'string' ? r.eventDescription : ''} (key ${presented})`,
    presentedKey: presented,
    request: { headers: { authorization: presented } },
    presentedKeyEscaped: ESCAPED_KEY_MARK,
    presentedKeyEncodedTwice: unicodeEscapes(presented),
  };
}

export class FakeConsoleApi {
  readonly requests: RecordedRequest[] = [];
  /**
   * Connections whose status record says the opposite of what their events say
   * (`isActive`, and so `activeOnly`): the status endpoint disagreeing with the
   * events endpoint, for tests of how that is shown.
   */
  readonly flippedStatus = new Set<string>();
  private fault: Fault | undefined;
  private faultUses = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    private data: Dataset,
    readonly key: string,
    private readonly clock: () => number,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: FakeApiOptions = {}): Promise<FakeConsoleApi> {
    const dataset = options.records ? datasetOfRecords(options.records, options.now) : generateDataset(options);
    const server = http.createServer();
    const api = new FakeConsoleApi(server, dataset, options.key ?? 'demo', options.clock ?? Date.now);
    server.on('request', (req, res) => api.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return api;
  }

  /** What the server serves: the generated (or given) events, and any appended since. */
  get dataset(): Dataset {
    return this.data;
  }

  /**
   * Adds events as if they had just happened, for data that moves while the server runs (the live
   * tail): the events endpoint serves them from now on, in time order with the rest. Each is a
   * record as the API sends it. An event of a known connection is that connection's too, so the
   * status endpoint's last heartbeat (and `activeOnly`) follows it; the summary does not count them.
   * Over HTTP: `POST /__fake/events` with a JSON array of records.
   */
  appendEvents(records: readonly EventRecord[]): void {
    const added = datasetOfRecords(records).events;
    const events = [...this.data.events, ...added].sort((a, b) => b.ms - a.ms || b.ticks - a.ticks);
    // By connection ID in a Map: an ID is data, `__proto__` included.
    const byConnection = new Map<string, FakeEvent[]>();
    for (const event of added) {
      const id = event.record.connectionId;
      byConnection.set(id, [...(byConnection.get(id) ?? []), event]);
    }
    const connections = this.data.connections.map((c) => {
      const more = byConnection.get(c.connectionId);
      return more ? { ...c, events: [...c.events, ...more].sort((a, b) => a.ms - b.ms || a.ticks - b.ticks) } : c;
    });
    this.data = { ...this.data, events, connections };
  }

  /** The requests for the events endpoint, oldest first: the queries, without the status and summary requests. */
  get eventRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === EVENTS_PATH);
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  setFault(fault: Fault | undefined): void {
    this.fault = fault;
    this.faultUses = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- request handling ----

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    if (url.pathname === '/__fake/fault' && req.method === 'POST') {
      this.readControl(req, res, (text) =>
        this.setFault(text.trim() === '' ? undefined : ((JSON.parse(text) as Fault | null) ?? undefined)),
      );
      return;
    }
    if (url.pathname === '/__fake/events' && req.method === 'POST') {
      this.readControl(req, res, (text) => {
        const records: unknown = JSON.parse(text);
        if (!Array.isArray(records)) {
          throw new Error('events must be a JSON array');
        }
        this.appendEvents(records as EventRecord[]);
      });
      return;
    }
    const recorded: { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] } = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      headers: req.headers,
    };
    this.requests.push(recorded);
    // 'finish': the last byte is handed to the operating system, so the client has it all but what the socket buffers.
    res.once('finish', () => (recorded.finishedAt = Date.now()));
    const presented = headerText(req.headers.authorization) ?? headerText(req.headers['x-coinapi-key']);
    void this.respond(req, res, url, presented, (count) => (recorded.returned = count)).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, { error: `fake api failure: ${String(error)}` });
      }
    });
  }

  private async respond(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    presented: string | undefined,
    returned: (count: number) => void,
  ): Promise<void> {
    const fault = this.takeFault(url.pathname);
    if (fault?.resetBeforeHeaders) {
      req.socket.destroy();
      return;
    }
    if (fault?.delayMs) {
      await sleep(fault.delayMs);
      if (res.destroyed) {
        return;
      }
    }
    // A careless server repeats the key it was given, in its words and as a field.
    const echoed = fault?.echoKey ? ` (key ${presented ?? 'none'})` : '';
    const echo = fault?.echoKey ? { presentedKey: presented ?? null } : {};
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
      const body = fault.body ?? JSON.stringify({ error: `Simulated failure (${fault.status})${echoed}`, ...echo });
      res.writeHead(fault.status, { 'content-type': fault.body ? 'text/plain' : 'application/json', ...headers });
      res.end(body);
      return;
    }
    if (req.method !== 'GET') {
      send(res, 405, { error: 'Method not allowed' });
      return;
    }
    if (presented === undefined || presented !== this.key) {
      send(res, 401, { error: `Invalid API key${echoed}`, ...echo });
      return;
    }
    let records: unknown[];
    try {
      records = this.route(url);
    } catch (error) {
      if (error instanceof BadRequest) {
        send(res, 400, { error: error.message });
        return;
      }
      if (error instanceof NotFound) {
        send(res, 404, { error: 'Not found' });
        return;
      }
      throw error;
    }
    returned(records.length);
    if (fault?.drift) {
      records = drift(records, fault.drift);
    }
    if (fault?.echoKey) {
      records = records.map((r) => echoInRecord(r, presented));
    }
    let body = JSON.stringify(records);
    if (fault?.echoKey && presented !== undefined) {
      // The key spelt with JSON escapes in the body itself: it parses to the key.
      body = body.replaceAll(JSON.stringify(ESCAPED_KEY_MARK), `"${unicodeEscapes(presented)}"`);
    }
    if (fault?.malformedJson) {
      body = `<html><body>502 Bad Gateway</body></html>${body.slice(0, 20)}`;
    }
    let bytes: Buffer = Buffer.from(body, 'utf8');
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (fault?.contentEncoding) {
      bytes = compress(bytes, fault.contentEncoding);
      headers['content-encoding'] = fault.contentEncoding;
    }
    res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
    if (fault?.truncate) {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await sleep(20);
      res.socket?.destroy();
      return;
    }
    if (fault?.slowBody) {
      const { chunkBytes, intervalMs } = fault.slowBody;
      for (let offset = 0; offset < bytes.length && !res.destroyed; offset += chunkBytes) {
        res.write(bytes.subarray(offset, offset + chunkBytes));
        await sleep(intervalMs);
      }
      res.end();
      return;
    }
    res.end(bytes);
  }

  private takeFault(path: string): Fault | undefined {
    const fault = this.fault;
    if (!fault || (fault.path !== undefined && fault.path !== path)) {
      return undefined;
    }
    this.faultUses++;
    if (fault.times !== undefined && this.faultUses >= fault.times) {
      this.fault = undefined;
    }
    return fault;
  }

  /** Reads a control request's body and hands it to `apply`: 204, or 400 with what was wrong. */
  private readControl(req: http.IncomingMessage, res: http.ServerResponse, apply: (text: string) => void): void {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      try {
        apply(text);
        send(res, 204, undefined);
      } catch (error) {
        send(res, 400, { error: `${url(req)}: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  }

  private route(url: URL): unknown[] {
    const params = url.searchParams;
    switch (url.pathname) {
      case EVENTS_PATH:
        return this.queryEvents(params);
      case STATUS_PATH:
        return this.queryStatus(params);
      case SUMMARY_PATH:
        return this.querySummary(params);
      default:
        throw new NotFound();
    }
  }

  // ---- the three endpoints ----

  private queryEvents(params: URLSearchParams): unknown[] {
    const filters = textFilters(params, ['apiKeyId', 'connectionId', 'serviceName', 'protocolName', 'dataCenter', 'eventType']);
    const range = this.timeRange(params);
    const limit = integer(params, 'limit') ?? DEFAULT_LIMIT;
    const out: unknown[] = [];
    // The dataset is newest first: the first `limit` matches are the newest.
    for (const event of this.dataset.events) {
      if (out.length >= limit) {
        break;
      }
      const r = event.record;
      if (
        matches(filters.apiKeyId, r.apikeyId, true) &&
        matches(filters.connectionId, r.connectionId) &&
        matches(filters.serviceName, r.serviceName) &&
        matches(filters.protocolName, r.protocolName) &&
        matches(filters.dataCenter, r.dataCenter) &&
        matches(filters.eventType, r.eventType) &&
        inRange(event, range)
      ) {
        out.push(r);
      }
    }
    return out;
  }

  private queryStatus(params: URLSearchParams): unknown[] {
    const filters = textFilters(params, ['apiKeyId', 'connectionId', 'serviceName', 'protocolName', 'dataCenter']);
    const range = this.timeRange(params);
    const limit = integer(params, 'limit') ?? DEFAULT_LIMIT;
    const activeOnly = boolean(params, 'activeOnly');
    const now = this.clock();
    const rows = this.dataset.connections
      .filter(
        (c) =>
          matches(filters.apiKeyId, c.apikeyId, true) &&
          matches(filters.connectionId, c.connectionId) &&
          matches(filters.serviceName, c.serviceName) &&
          matches(filters.protocolName, c.protocolName) &&
          (matches(filters.dataCenter, c.dataCenterServer) || matches(filters.dataCenter, c.dataCenter)) &&
          inRange(c.events[0]!, range) &&
          (!activeOnly || this.isActive(c, now)),
      )
      .sort((a, b) => b.events[0]!.ms - a.events[0]!.ms);
    return rows.slice(0, limit).map((c) => ({ ...statusRecord(c, now, this.dataset.organizationId), isActive: this.isActive(c, now) }));
  }

  private isActive(c: FakeConnection, now: number): boolean {
    return isActive(c, now) !== this.flippedStatus.has(c.connectionId);
  }

  private querySummary(params: URLSearchParams): unknown[] {
    const filters = textFilters(params, ['serviceName', 'protocolName', 'dataCenter']);
    const range = this.timeRange(params);
    const now = this.clock();
    const groups = new Map<string, FakeConnection[]>();
    for (const c of this.dataset.connections) {
      const first = c.events[0]!;
      const last = c.events[c.events.length - 1]!;
      // A connection counts in a period it overlaps.
      const overlaps =
        (range.start === undefined || (c.closed ? ms(last) : now) >= range.start) && (range.end === undefined || ms(first) <= range.end);
      if (
        overlaps &&
        matches(filters.serviceName, c.serviceName) &&
        matches(filters.protocolName, c.protocolName) &&
        (matches(filters.dataCenter, c.dataCenterServer) || matches(filters.dataCenter, c.dataCenter))
      ) {
        const key = `${c.serviceName}|${c.protocolName}|${c.dataCenterServer}`;
        groups.set(key, [...(groups.get(key) ?? []), c]);
      }
    }
    return [...groups.values()]
      .map((list) => summaryRecord(list, range, now, this.dataset.organizationId))
      .sort((a, b) => b.totalConnections - a.totalConnections);
  }

  /** `timeStart`/`timeEnd` or `minutes` (never both), as an inclusive range in epoch ms with ticks. */
  private timeRange(params: URLSearchParams): Range {
    const minutes = integer(params, 'minutes');
    const start = timestamp(params, 'timeStart');
    const end = timestamp(params, 'timeEnd');
    if (minutes !== undefined && (start !== undefined || end !== undefined)) {
      throw new BadRequest('Specify either minutes or timeStart/timeEnd, not both.');
    }
    if (minutes !== undefined) {
      return { start: this.clock() - minutes * 60_000, end: undefined };
    }
    if (start !== undefined && end !== undefined && start > end) {
      throw new BadRequest('timeStart must be before timeEnd.');
    }
    return { start, end };
  }
}

class NotFound extends Error {}

function url(req: http.IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
}

/** Inclusive bounds, in epoch milliseconds with the 100 ns ticks as a fraction. */
interface Range {
  readonly start: number | undefined;
  readonly end: number | undefined;
}

function ms(event: FakeEvent): number {
  return event.ms + event.ticks / 10_000;
}

function inRange(event: FakeEvent, range: Range): boolean {
  const t = ms(event);
  return (range.start === undefined || t >= range.start) && (range.end === undefined || t <= range.end);
}

function matches(filter: string | undefined, value: string, caseInsensitive = false): boolean {
  if (filter === undefined) {
    return true;
  }
  return caseInsensitive ? filter.toLowerCase() === value.toLowerCase() : filter === value;
}

function textFilters<K extends string>(params: URLSearchParams, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value === null || value === '') {
      continue;
    }
    if (name === 'apiKeyId' && !UUID.test(value)) {
      throw new BadRequest(`The value '${value}' is not valid for apiKeyId.`);
    }
    out[name] = value;
  }
  return out;
}

function integer(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') {
    return undefined;
  }
  if (!/^[+-]?\d+$/.test(value) || Math.abs(Number(value)) > INT32_MAX) {
    throw new BadRequest(`The value '${value}' is not valid for ${name}.`);
  }
  const n = Number(value);
  if (n < 1) {
    throw new BadRequest(`${name} must be greater than zero.`);
  }
  return n;
}

function boolean(params: URLSearchParams, name: string): boolean | undefined {
  const value = params.get(name);
  if (value === null || value === '') {
    return undefined;
  }
  if (!/^(true|false)$/i.test(value)) {
    throw new BadRequest(`The value '${value}' is not valid for ${name}.`);
  }
  return value.toLowerCase() === 'true';
}

/** Its own small ISO 8601 reader, independent of the extension's, so that the two check each other. */
function timestamp(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') {
    return undefined;
  }
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  const base = match ? Date.parse(`${match[1]}${match[3] ?? 'Z'}`) : NaN;
  if (!match || Number.isNaN(base)) {
    throw new BadRequest(`The value '${value}' is not valid for ${name}.`);
  }
  const fraction = (match[2] ?? '').padEnd(7, '0');
  return base + Number(fraction) / 10_000;
}

function isActive(c: FakeConnection, now: number): boolean {
  const heartbeat = lastOfType(c, 'heartbeat') ?? c.events[0]!;
  return !c.closed && now - ms(heartbeat) <= ACTIVE_WINDOW_MS;
}

function lastOfType(c: FakeConnection, type: string): FakeEvent | undefined {
  for (let i = c.events.length - 1; i >= 0; i--) {
    if (c.events[i]!.record.eventType === type) {
      return c.events[i];
    }
  }
  return undefined;
}

function stamp(event: FakeEvent): string {
  return formatTimestamp(event.ms, event.ticks);
}

function statusRecord(c: FakeConnection, now: number, organizationId: string): Record<string, unknown> {
  const first = c.events[0]!;
  const last = c.events[c.events.length - 1]!;
  const heartbeat = lastOfType(c, 'heartbeat');
  return {
    connectionId: c.connectionId,
    organizationId,
    apikeyId: c.apikeyId,
    host: c.host,
    ipAddress: c.ipAddress,
    protocolName: c.protocolName,
    serviceName: c.serviceName,
    dataCenter: c.dataCenterServer,
    lastHeartbeat: heartbeat ? stamp(heartbeat) : null,
    connectionStartTime: stamp(first),
    updatedAt: stamp(last),
    connectionDurationSeconds: Math.floor(((c.closed ? ms(last) : now) - ms(first)) / 1000),
    isActive: isActive(c, now),
  };
}

function summaryRecord(list: FakeConnection[], range: Range, now: number, organizationId: string) {
  const first = list[0]!;
  const durations = list.map((c) => ((c.closed ? ms(c.events[c.events.length - 1]!) : now) - ms(c.events[0]!)) / 1000);
  const starts = list.map((c) => c.events[0]!).sort((a, b) => ms(a) - ms(b));
  const lastEvents = list.map((c) => c.events[c.events.length - 1]!).sort((a, b) => ms(a) - ms(b));
  const total = durations.reduce((sum, d) => sum + d, 0);
  return {
    organizationId,
    serviceName: first.serviceName,
    protocolName: first.protocolName,
    dataCenter: first.dataCenterServer,
    totalConnections: list.length,
    newConnectionsInPeriod: starts.filter((e) => inRange(e, range)).length,
    uniqueApiKeys: new Set(list.map((c) => c.apikeyId)).size,
    averageConnectionDurationSeconds: Math.round(total / list.length),
    totalConnectionTimeSeconds: Math.round(total),
    firstConnection: stamp(starts[0]!),
    lastConnection: stamp(starts[starts.length - 1]!),
    lastActivity: stamp(lastEvents[lastEvents.length - 1]!),
  };
}

/** Records as a drifting schema might send them: fields missing, renamed or of the wrong type. */
function drift(records: unknown[], fraction: number): unknown[] {
  const every = fraction >= 1 ? 1 : Math.max(1, Math.round(1 / fraction));
  return records.map((record, index) => {
    if (index % every !== 0) {
      return record;
    }
    const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
    switch ((index / every) % 4) {
      case 0:
        delete copy.eventId;
        delete copy.connectionId;
        break;
      case 1:
        copy.eventTimestamp = 'yesterday';
        break;
      case 2:
        copy.eventType = 42;
        break;
      default:
        copy.event_timestamp = copy.eventTimestamp;
        delete copy.eventTimestamp;
        break;
    }
    return copy;
  });
}

function compress(bytes: Buffer, encoding: 'gzip' | 'br' | 'deflate'): Buffer {
  return encoding === 'gzip' ? gzipSync(bytes) : encoding === 'br' ? brotliCompressSync(bytes) : deflateSync(bytes);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
