import type { Dispatcher } from 'undici';
import type * as z from 'zod/mini';
import { toApiParams, type EventQuery } from '../core/query';
import {
  connectionEventSchema,
  connectionStatusSchema,
  connectionSummarySchema,
  type ConnectionEvent,
  type ConnectionStatus,
  type ConnectionSummary,
  type RecordsResult,
} from '../core/records';
import type { AuthHeader } from '../core/settings';
import type { SummaryQuery } from '../core/summary';
import { ApiError, CancelledError, InvalidResponseError, TimeoutError } from './errors';
import { isTimeout, statusError, transportError } from './failures';
import { RecordReader } from './recordParser';
import { readBody, streamBody } from './responseBody';
import { DEFAULT_RETRY, retryDelay, sleep, untilAborted, type RetryPolicy } from './retry';
import { undici } from './undici';

export const EVENTS_PATH = '/api/connection-analytics/events/query';
export const STATUS_PATH = '/api/connection-analytics/query';
export const SUMMARY_PATH = '/api/connection-analytics/summary';

export interface ClientOptions {
  /** Origin (and optional path prefix) of the Console API, e.g. `https://api-console.apibricks.io`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The undici dispatcher to reuse across requests; undici's global one when absent. */
  readonly dispatcher?: Dispatcher;
  readonly authHeader?: AuthHeader;
  /** The whole request, headers and body, must finish within this; default 30 s. */
  readonly timeoutMs?: number;
  /** Bodies larger than this are refused while streaming; default 64 MiB. */
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
  /** When and how often to retry 429 and 5xx answers; {@link DEFAULT_RETRY} when absent. */
  readonly retry?: RetryPolicy;
  /** Called once per attempt that got an answer or failed, for logging. Never sees the key. */
  readonly onRequest?: (log: RequestLog) => void;
  /** Cancels every request of this client, in flight or later, beside each call's own signal (e.g. its profile is no longer current). */
  readonly signal?: AbortSignal;
}

export interface RequestLog {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Set when another attempt follows after this many milliseconds. */
  readonly retryInMs: number | undefined;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status: number | undefined;
  readonly durationMs: number;
  readonly bytes: number;
  readonly records: number | undefined;
  readonly invalid: number | undefined;
  readonly error: ApiError | undefined;
}

/** Filters of the connection status endpoint. */
export interface StatusQuery extends Omit<EventQuery, 'eventType'> {
  readonly activeOnly?: boolean;
}

export type { SummaryQuery } from '../core/summary';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The Console API's connection analytics over undici. Stateless but for its
 * options: build one per key and base URL, share the dispatcher.
 */
export class ConsoleApiClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  queryEvents(query: EventQuery, signal?: AbortSignal): Promise<RecordsResult<ConnectionEvent>> {
    return this.getRecords(EVENTS_PATH, toApiParams(query), connectionEventSchema(), signal);
  }

  queryConnections(query: StatusQuery, signal?: AbortSignal): Promise<RecordsResult<ConnectionStatus>> {
    const { activeOnly, ...rest } = query;
    const params = toApiParams(rest);
    if (activeOnly !== undefined) {
      params.activeOnly = String(activeOnly);
    }
    return this.getRecords(STATUS_PATH, params, connectionStatusSchema(), signal);
  }

  querySummary(query: SummaryQuery, signal?: AbortSignal): Promise<RecordsResult<ConnectionSummary>> {
    return this.getRecords(SUMMARY_PATH, toApiParams(query), connectionSummarySchema(), signal);
  }

  private async getRecords<S extends z.ZodMiniType>(
    path: string,
    params: Record<string, string>,
    schema: S,
    callerSignal: AbortSignal | undefined,
  ): Promise<RecordsResult<z.infer<S>>> {
    const own = this.options.signal;
    const signal = own && callerSignal ? AbortSignal.any([own, callerSignal]) : (own ?? callerSignal);
    const policy = this.options.retry ?? DEFAULT_RETRY;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      // What the log says of an answer that turned out unreadable while it streamed in.
      const seen: Seen = { status: undefined, bytes: 0 };
      try {
        const { status, bytes, result } = await this.get(path, params, schema, signal, seen);
        this.log({
          attempt,
          retryInMs: undefined,
          path,
          params,
          status,
          durationMs: performance.now() - started,
          bytes,
          records: result.records.length,
          invalid: result.invalidCount,
          error: undefined,
        });
        return result;
      } catch (caught) {
        const error = this.toApiError(caught);
        const retryInMs = attempt <= policy.maxRetries ? retryDelay(error, attempt, policy) : undefined;
        this.log({
          attempt,
          retryInMs,
          path,
          params,
          status: error.status ?? seen.status,
          durationMs: performance.now() - started,
          bytes: seen.bytes,
          records: undefined,
          invalid: undefined,
          error,
        });
        if (retryInMs === undefined) {
          throw error;
        }
        await sleep(retryInMs, signal);
      }
    }
  }

  private toApiError(error: unknown, beforeResponse = false): ApiError {
    return transportError(error, new URL(this.baseUrl).host, this.options.apiKey, beforeResponse);
  }

  private log(entry: RequestLog): void {
    this.options.onRequest?.(entry);
  }

  private async get<S extends z.ZodMiniType>(
    path: string,
    params: Record<string, string>,
    schema: S,
    signal: AbortSignal | undefined,
    seen: Seen,
  ): Promise<Answer<S>> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(params)) {
      url.searchParams.set(name, value);
    }
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    try {
      if (signal?.aborted) {
        throw new CancelledError();
      }
      // undici may hold a request in its queue where an abort does not reach it:
      // the caller's promise settles on the abort all the same.
      return await untilAborted(this.exchange(url, schema, combined, timeoutMs, seen), combined);
    } catch (error) {
      if (error instanceof ApiError) {
        throw error;
      }
      if (signal?.aborted) {
        throw new CancelledError();
      }
      if (deadline.signal.aborted || isTimeout(error)) {
        throw new TimeoutError(timeoutMs);
      }
      throw this.toApiError(error, seen.status === undefined);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One request and its whole body, its records read as they arrive; the body
   * is destroyed on every way out that does not read it.
   */
  private async exchange<S extends z.ZodMiniType>(
    url: URL,
    schema: S,
    signal: AbortSignal,
    timeoutMs: number,
    seen: Seen,
  ): Promise<Answer<S>> {
    const response = await undici().request(url, {
      method: 'GET',
      dispatcher: this.options.dispatcher,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      headers: {
        [this.options.authHeader ?? 'Authorization']: this.options.apiKey,
        accept: 'application/json',
        'accept-encoding': 'identity',
        'user-agent': this.options.userAgent ?? 'apibricks-connection-analytics',
      },
    });
    seen.status = response.statusCode;
    if (signal.aborted) {
      // The caller has already been answered; nobody reads this late response.
      response.body.destroy();
      throw new CancelledError();
    }
    const encoding = headerValue(response.headers['content-encoding']);
    const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
    const contentLength = headerValue(response.headers['content-length']);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const reader = new RecordReader(schema, this.options.apiKey);
      // UTF-8 decoded piece by piece (a character split between chunks waits for its rest); a byte-order mark is dropped.
      const decoder = new TextDecoder();
      const bytes = await streamBody(response.body, encoding, maxBytes, contentLength, (chunk) => {
        seen.bytes += chunk.length;
        reader.push(decoder.decode(chunk, { stream: true }));
      });
      reader.push(decoder.decode());
      return { status: response.statusCode, result: reader.finish(), bytes };
    }
    let read: { text: string; bytes: number };
    try {
      read = await readBody(response.body, encoding, maxBytes, contentLength);
    } catch (error) {
      // For an error status the status decides (retry, message): a body that cannot be read
      // (an unknown encoding, too large; readBody has destroyed it) only means no server message.
      if (!(error instanceof InvalidResponseError)) {
        throw error;
      }
      read = { text: '', bytes: 0 };
    }
    throw statusError(response.statusCode, headerValue(response.headers['retry-after']), read.text, this.options.apiKey);
  }
}

/** What an attempt got before it failed, if it failed: the status (once headers came) and the bytes read. */
interface Seen {
  status: number | undefined;
  bytes: number;
}

/** A successful answer: its status, its records and the bytes it took. */
interface Answer<S extends z.ZodMiniType> {
  readonly status: number;
  readonly result: RecordsResult<z.infer<S>>;
  readonly bytes: number;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
