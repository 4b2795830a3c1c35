import { errorBodySchema } from './errorBody';
import { ApiError, AuthenticationError, BadRequestError, HttpError, NetworkError, RateLimitError, ServerError } from './errors';
import { proxyAuthenticationMessage } from './proxy';
import { redactedExcerpt, redactParsedJson, redactSecret } from './redaction';
import { parseRetryAfter } from './retry';
import { undici } from './undici';

/**
 * How a failed request becomes one of the typed errors in ./errors: an HTTP
 * status with the server's own words (key removed), or a transport failure
 * named by its system code. Every message says what to do next.
 */
export function statusError(status: number, retryAfter: string | undefined, body: string, apiKey: string): ApiError {
  const detail = serverMessage(body, apiKey);
  const said = detail ? ` The server said: "${detail}".` : '';
  if (status === 401 || status === 403) {
    return new AuthenticationError(
      status === 401
        ? `The API key was not accepted (401).${said}`
        : `The API key is not allowed to read connection analytics (403).${said}`,
      status,
    );
  }
  if (status === 407) {
    return new HttpError(proxyAuthenticationMessage(), status);
  }
  if (status === 429) {
    return new RateLimitError(`Too many requests (429).${said}`, parseRetryAfter(retryAfter));
  }
  if (status === 400) {
    return new BadRequestError(`The server refused the query (400).${said}`, status);
  }
  if (status >= 500) {
    return new ServerError(`The Console API failed (${status}).${said}`, status, parseRetryAfter(retryAfter));
  }
  if (status >= 300 && status < 400) {
    return new HttpError(
      `The server redirected the request (${status}). Redirects are not followed, so the API key goes only to the configured base URL; check connectionAnalytics.baseUrl.`,
      status,
    );
  }
  if (status === 404) {
    return new HttpError(`The endpoint was not found (404). Check connectionAnalytics.baseUrl.${said}`, status);
  }
  return new HttpError(`Unexpected response status ${status}.${said}`, status);
}

/** The server's own words, key removed, short enough for a notification. */
function serverMessage(body: string, apiKey: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') {
    return undefined;
  }
  let message = trimmed;
  try {
    const json = redactParsedJson(JSON.parse(trimmed), apiKey);
    const parsed = errorBodySchema().safeParse(json);
    if (parsed.success) {
      const value = parsed.data;
      message =
        'error' in value ? value.error : 'message' in value ? value.message : [value.title, value.detail].filter(Boolean).join(': ');
    } else {
      // Written again from the parsed value: the key may be in the raw text with its characters escaped.
      message = JSON.stringify(json);
    }
  } catch {
    // Not JSON: the spec says to treat it as text.
  }
  // eslint-disable-next-line no-control-regex
  return redactedExcerpt(message.replace(/[\u0000-\u001f\u007f]+/g, ' '), apiKey, 300);
}

/**
 * A transport failure (undici's or the system's) as a typed error that says
 * what happened in words a user can act on; `host` names where it happened.
 */
export function transportError(error: unknown, host: string, apiKey: string, beforeResponse = false): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  const code = errorCode(error);
  const detail = redactSecret(error instanceof Error ? error.message : String(error), apiKey);
  const where = `Could not reach ${host}`;
  const options = { cause: error, beforeResponse };
  switch (code) {
    case 'ECONNREFUSED':
      return new NetworkError(`${where}: the connection was refused.`, code, options);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetworkError(`${where}: the host name does not resolve.`, code, options);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new NetworkError(`${where}: the connection was closed before the response was complete.`, code, options);
    default:
      if (code && /CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
        return new NetworkError(`${where}: the TLS certificate was not accepted (${code}).`, code, options);
      }
      return new NetworkError(`${where}: ${detail}`, code, options);
  }
}

/** Whether undici gave up waiting for headers, body or the connection. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // undici wraps the system error; the code that says what happened is on the cause.
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === 'object' && current !== null) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string' && code !== 'UND_ERR_CONNECT' && !code.startsWith('UND_ERR_ABORT')) {
        return code;
      }
      current = (current as { cause?: unknown }).cause;
    }
  }
  return undefined;
}

export function isTimeout(error: unknown): boolean {
  return (
    error instanceof undici().errors.HeadersTimeoutError ||
    error instanceof undici().errors.BodyTimeoutError ||
    error instanceof undici().errors.ConnectTimeoutError
  );
}
