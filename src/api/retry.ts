import { CancelledError, NetworkError, RateLimitError, ServerError, type ApiError } from './errors';

/**
 * Retries are for answers that say "later": 429 and 5xx, on GET (every request
 * here). Waits grow exponentially with full jitter; a `Retry-After` is honoured
 * when it is short, and a longer one is returned to the caller to show, not slept.
 */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest `Retry-After` that is waited for; longer ones fail at once. */
  readonly maxRetryAfterMs: number;
  /** 0 ≤ x < 1; Math.random by default, fixed in tests. */
  readonly random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000 };
export const NO_RETRY: RetryPolicy = { ...DEFAULT_RETRY, maxRetries: 0 };

/**
 * The wait before the next attempt, or undefined when the error is not worth
 * retrying: 429, 5xx, and a connection reset before any of the answer arrived
 * (a pooled connection the server or a middlebox had already closed).
 */
export function retryDelay(error: ApiError, attempt: number, policy: RetryPolicy): number | undefined {
  if (error instanceof RateLimitError) {
    if (error.retryAfterSeconds !== undefined) {
      const wait = error.retryAfterSeconds * 1000;
      return wait <= policy.maxRetryAfterMs ? wait : undefined;
    }
  } else if (!(error instanceof ServerError) && !isStaleConnection(error)) {
    return undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

function isStaleConnection(error: ApiError): boolean {
  return error instanceof NetworkError && error.beforeResponse && error.code !== undefined && RESET_CODES.has(error.code);
}

/** Waits, or rejects with a cancellation as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

