import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { ConsoleApiClient, type RequestLog } from '../../src/api/client';
import { ServerError, retryAfterSecondsOf } from '../../src/api/errors';
import { statusError } from '../../src/api/failures';
import { DEFAULT_RETRY, parseRetryAfter, retryDelay, type RetryPolicy } from '../../src/api/retry';
import { FakeConsoleApi } from '../fake-api/server';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('Retry-After as RFC 9110 defines it', () => {
  it('delay-seconds: a non-negative integer', () => {
    assert.equal(parseRetryAfter('0', NOW), 0);
    assert.equal(parseRetryAfter('30', NOW), 30);
    assert.equal(parseRetryAfter(' 120 ', NOW), 120);
  });

  it('an HTTP-date in each of its three forms', () => {
    // Saturday, 28 November 2026, one minute after NOW.
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 12:01:00 GMT', NOW), 60, 'IMF-fixdate');
    assert.equal(parseRetryAfter('Saturday, 28-Nov-26 12:01:00 GMT', NOW), 60, 'obsolete RFC 850');
    assert.equal(parseRetryAfter('Sat Nov 28 12:01:00 2026', NOW), 60, 'asctime');
    assert.equal(parseRetryAfter('Sun Nov  1 12:00:00 2026', NOW), 0, 'asctime with a one-digit day, in the past');
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', NOW), 0, 'a date in the past means now');
  });

  for (const value of [
    '-1',
    '1.5',
    '+5',
    '1e3',
    '0x10',
    '5 s',
    'soon',
    '2026-11-28T12:01:00Z',
    'Sat, 28 Nov 2026 12:01:00 +0000',
    'Sat, 31 Nov 2026 12:01:00 GMT',
    '',
  ]) {
    it(`anything else is not a wait: ${JSON.stringify(value)}`, () => {
      assert.equal(parseRetryAfter(value, NOW), undefined);
    });
  }

  describe('through the client', () => {
    let api: FakeConsoleApi;
    let dispatcher: Agent;
    before(async () => {
      api = await FakeConsoleApi.start({ key: 'k-retry-after-test', seed: 5, connections: 10 });
      dispatcher = new Agent();
    });
    after(async () => {
      await dispatcher.close();
      await api.close();
    });

    for (const value of ['-1', '1.5', '+5']) {
      it(`a 429 with Retry-After: ${value} is retried on the backoff policy, not at once`, async () => {
        const logs: RequestLog[] = [];
        const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 80, maxRetryAfterMs: 2000, random: () => 0.5 };
        api.setFault({ status: 429, retryAfter: value, times: 3 });
        const client = new ConsoleApiClient({
          baseUrl: api.url,
          apiKey: api.key,
          dispatcher,
          retry: policy,
          onRequest: (l) => logs.push(l),
        });
        await client.queryEvents({ limit: 1 });
        assert.deepEqual(
          logs.map((l) => l.retryInMs),
          [10, 20, 40, undefined],
        );
      });
    }
  });
});

describe('Retry-After on a 503', () => {
  it('is kept on the error and waited for, as RFC 9110 says a 503 may ask', () => {
    const error = statusError(503, '7', '{"error":"maintenance"}', 'k');
    assert.ok(error instanceof ServerError);
    assert.equal(error.retryAfterSeconds, 7);
    assert.equal(retryAfterSecondsOf(error), 7);
    assert.equal(retryDelay(error, 1, { ...DEFAULT_RETRY, random: () => 0 }), 7000);
    // Longer than the client waits for: the caller (the live tail) waits it out instead.
    assert.equal(retryDelay(statusError(503, '600', '', 'k'), 1, DEFAULT_RETRY), undefined);
    assert.equal(retryAfterSecondsOf(statusError(500, undefined, '', 'k')), undefined);
  });
});
