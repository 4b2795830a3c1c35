import { MAX_RESPONSE_SETTING } from '../core/settings';

/**
 * What can go wrong with a request, as types a caller can act on: an
 * authentication error asks for a new key, a rate limit says when to retry,
 * a cancellation is silent. No message here ever holds the API key: the
 * client removes it from anything the server sends back.
 */
export type ApiErrorKind =
  'authentication' | 'rateLimit' | 'badRequest' | 'http' | 'server' | 'network' | 'timeout' | 'invalidResponse' | 'cancelled';

export abstract class ApiError extends Error {
  abstract readonly kind: ApiErrorKind;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.status = status;
  }
}

/** 401 or 403: the key is missing, wrong or not allowed here. */
export class AuthenticationError extends ApiError {
  readonly kind = 'authentication';
}

/** 429: too many requests. */
export class RateLimitError extends ApiError {
  readonly kind = 'rateLimit';
  constructor(
    message: string,
    /** Seconds to wait, from `Retry-After` (seconds or an HTTP date); undefined when absent. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message, 429);
  }
}

/** 400: the server refused the query; its own words are in the message. */
export class BadRequestError extends ApiError {
  readonly kind = 'badRequest';
}

/** Any other status outside 2xx and 5xx: 404, 405, a redirect that is not followed. */
export class HttpError extends ApiError {
  readonly kind = 'http';
}

/** 5xx. */
export class ServerError extends ApiError {
  readonly kind = 'server';
  constructor(
    message: string,
    status?: number,
    /** Seconds to wait, from `Retry-After` (a 503 may say how long the service is down); undefined when absent. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message, status);
  }
}

/** How long the server asked to be left alone (`Retry-After` on a 429 or a 5xx), in seconds; undefined when it did not say. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  return error instanceof RateLimitError || error instanceof ServerError ? error.retryAfterSeconds : undefined;
}

/** No answer: refused, unresolved host, reset, TLS failure. */
export class NetworkError extends ApiError {
  readonly kind = 'network';
  /** True when it failed before any of the response arrived, so a GET may safely be sent again. */
  readonly beforeResponse: boolean;
  constructor(
    message: string,
    /** The system or undici code, e.g. `ECONNREFUSED`. */
    readonly code: string | undefined,
    options?: { cause?: unknown; beforeResponse?: boolean },
  ) {
    super(message, undefined, options);
    this.beforeResponse = options?.beforeResponse ?? false;
  }
}

/** The request took longer than the configured timeout. */
export class TimeoutError extends ApiError {
  readonly kind = 'timeout';
  constructor(readonly timeoutMs: number) {
    super(`The request did not complete within ${Math.round(timeoutMs / 1000)} s.`);
  }
}

/** The server answered 2xx with something that is not what the API returns. */
export class InvalidResponseError extends ApiError {
  readonly kind = 'invalidResponse';
}

/**
 * The response is larger than `connectionAnalytics.maxResponseMegabytes`
 * allows, or too large to read at all; `bytes` is its size when the server said.
 */
export class ResponseTooLargeError extends InvalidResponseError {
  /** The setting that allows larger responses; lowering the query's limit is the other way out. */
  readonly setting = MAX_RESPONSE_SETTING;
  constructor(
    message: string,
    /** The size the server announced (`Content-Length`), when it did. */
    readonly bytes?: number,
  ) {
    super(message);
  }
}

/** The caller aborted the request. */
export class CancelledError extends ApiError {
  readonly kind = 'cancelled';
  constructor() {
    super('The request was cancelled.');
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
