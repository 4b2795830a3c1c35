import { daysInMonth, utcMs } from '../core/time';
import { CancelledError, NetworkError, RateLimitError, retryAfterSecondsOf, ServerError, type ApiError } from './errors';

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
  const retryAfterSeconds = retryAfterSecondsOf(error);
  if (retryAfterSeconds !== undefined) {
    const wait = retryAfterSeconds * 1000;
    return wait <= policy.maxRetryAfterMs ? wait : undefined;
  }
  if (!(error instanceof RateLimitError) && !(error instanceof ServerError) && !isStaleConnection(error)) {
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

/**
 * Settles with `work`, or rejects as soon as `signal` aborts, whether or not
 * `work` ever notices the abort. A later outcome of `work` is dropped: `work`
 * must release what it holds itself (see the client's late-response check).
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) {
      onAbort();
      void work.catch(() => undefined);
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const MONTH = `(${MONTHS.join('|')})`;
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete RFC 850) */
const RFC850_DATE = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` (ANSI C's asctime) */
const ASCTIME_DATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/**
 * `Retry-After` as seconds from now, as RFC 9110 (section 10.2.3) defines it:
 * delay-seconds (a non-negative integer) or an HTTP-date in one of its three
 * forms. Anything else (`-1`, `1.5`, `+5`, a date in another format) is
 * undefined, so that the backoff policy decides instead.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** An HTTP-date (RFC 9110 section 5.6.7) as epoch milliseconds. */
export function parseHttpDate(text: string, now = Date.now()): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day, month, year, h, m, s] = match;
    return build(Number(year), month!, Number(day), h!, m!, s!);
  }
  match = RFC850_DATE.exec(text);
  if (match) {
    const [, day, month, yy, h, m, s] = match;
    // A two-digit year more than 50 years ahead is the most recent past year with those digits.
    const currentYear = new Date(now).getUTCFullYear();
    let year = currentYear - (currentYear % 100) + Number(yy);
    if (year > currentYear + 50) {
      year -= 100;
    }
    return build(year, month!, Number(day), h!, m!, s!);
  }
  match = ASCTIME_DATE.exec(text);
  if (match) {
    const [, month, day, h, m, s, year] = match;
    return build(Number(year), month!, Number(day!.trim()), h!, m!, s!);
  }
  return undefined;
}

function build(year: number, monthName: string, day: number, h: string, m: string, s: string): number | undefined {
  const month = MONTHS.indexOf(monthName) + 1;
  const [hour, minute, second] = [Number(h), Number(m), Number(s)];
  // 60 is a leap second (RFC 9110 allows it); it is read as the next second.
  if (day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  return utcMs(year, month, day, hour, minute, second);
}
