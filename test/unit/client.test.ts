import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { ConsoleApiClient, type ClientOptions, type RequestLog } from '../../src/api/client';
import { NO_RETRY, parseRetryAfter, retryDelay, type RetryPolicy } from '../../src/api/retry';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  CancelledError,
  InvalidResponseError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../src/api/errors';
import { validateQuery, type EventQuery } from '../../src/core/query';
import { groupByConnection } from '../../src/core/grouping';
import { EVENTS_PATH, FakeConsoleApi } from '../fake-api/server';

const KEY = 'ck-7d1f0a6e-secret-key-value';
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

function query(input: Record<string, unknown>): EventQuery {
  const result = validateQuery(input, 'local');
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.query;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('api/client against the fake Console API', () => {
  let api: FakeConsoleApi;
  let dispatcher: Agent;
  const logs: RequestLog[] = [];

  const client = (options: Partial<ClientOptions> = {}) =>
    new ConsoleApiClient({ baseUrl: api.url, apiKey: KEY, dispatcher, retry: NO_RETRY, onRequest: (l) => logs.push(l), ...options });
  /** Retries as in production, with waits short enough for a test. */
  const FAST: RetryPolicy = { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 80, maxRetryAfterMs: 2000, random: () => 0.5 };

  before(async () => {
    api = await FakeConsoleApi.start({ key: KEY, seed: 3, connections: 120, now: NOW, clock: () => NOW });
    dispatcher = new Agent();
  });
  after(async () => {
    await dispatcher.close();
    await api.close();
  });
  beforeEach(() => {
    api.setFault(undefined);
    api.requests.length = 0;
    logs.length = 0;
  });

  it('sends the raw key in Authorization and only the parameters that are set', async () => {
    await client().queryEvents(query({ serviceName: 'coinapi-ws', limit: 5 }));
    const request = api.requests[0]!;
    assert.equal(request.path, EVENTS_PATH);
    assert.equal(request.headers.authorization, KEY);
    assert.deepEqual(request.query, { serviceName: 'coinapi-ws', limit: '5' });
  });

  it('can send the key as X-CoinAPI-Key instead', async () => {
    const result = await client({ authHeader: 'X-CoinAPI-Key' }).queryEvents(query({ limit: 1 }));
    assert.equal(result.records.length, 1);
    assert.equal(api.requests[0]!.headers['x-coinapi-key'], KEY);
    assert.equal(api.requests[0]!.headers.authorization, undefined);
  });

  it('keeps a path prefix in the base URL and ignores a trailing slash', async () => {
    await assert.rejects(
      client({ baseUrl: `${api.url}/prefix/` }).queryEvents({}),
      (e: unknown) => e instanceof ApiError && e.status === 404,
    );
    assert.equal(api.requests[0]!.path, `/prefix${EVENTS_PATH}`);
  });

  it('sends timestamps as ISO 8601 UTC, keeping 7 digits', async () => {
    await client().queryEvents(query({ timeStart: '2026-11-28T13:00:00+02:00', timeEnd: '2026-11-28T11:30:00.1234567Z' }));
    assert.deepEqual(api.requests[0]!.query, { timeStart: '2026-11-28T11:00:00.000Z', timeEnd: '2026-11-28T11:30:00.1234567Z' });
  });

  describe('every filter reaches the server and narrows the result', () => {
    const sample = () => api.dataset.events[Math.floor(api.dataset.events.length / 2)]!.record;
    const cases: [
      string,
      (r: ReturnType<typeof sample>) => Record<string, unknown>,
      (r: ReturnType<typeof sample>, e: Record<string, unknown>) => boolean,
    ][] = [
      ['apiKeyId', (r) => ({ apiKeyId: r.apikeyId }), (r, e) => e.apikeyId === r.apikeyId],
      ['connectionId', (r) => ({ connectionId: r.connectionId }), (r, e) => e.connectionId === r.connectionId],
      ['serviceName', (r) => ({ serviceName: r.serviceName }), (r, e) => e.serviceName === r.serviceName],
      ['protocolName', (r) => ({ protocolName: r.protocolName }), (r, e) => e.protocolName === r.protocolName],
      ['dataCenter', (r) => ({ dataCenter: r.dataCenter }), (r, e) => e.dataCenter === r.dataCenter],
      ['eventType', () => ({ eventType: 'disconnect' }), (_r, e) => e.eventType === 'disconnect'],
    ];
    for (const [name, input, check] of cases) {
      it(name, async () => {
        const record = sample();
        const result = await client().queryEvents(query({ ...input(record), limit: 100_000 }));
        const expected = api.dataset.events.filter((e) => check(record, e.record as unknown as Record<string, unknown>)).length;
        assert.ok(result.records.length > 0);
        assert.equal(result.records.length, expected);
        assert.equal(result.invalidCount, 0);
      });
    }

    it('minutes', async () => {
      const result = await client().queryEvents(query({ minutes: 15, limit: 100_000 }));
      assert.ok(result.records.length > 0);
      assert.ok(result.records.every((e) => Date.parse(e.eventTimestamp) >= NOW - 15 * 60_000 - 1));
    });

    it('timeStart and timeEnd', async () => {
      const result = await client().queryEvents(
        query({ timeStart: new Date(NOW - 7_200_000).toISOString(), timeEnd: new Date(NOW - 3_600_000).toISOString(), limit: 100_000 }),
      );
      assert.ok(result.records.length > 0);
      assert.ok(
        result.records.every((e) => Date.parse(e.eventTimestamp) >= NOW - 7_200_001 && Date.parse(e.eventTimestamp) <= NOW - 3_600_000),
      );
    });

    it('limit', async () => {
      assert.equal((await client().queryEvents(query({ limit: 17 }))).records.length, 17);
      assert.equal((await client().queryEvents({})).records.length, 1000);
    });
  });

  it('orders mixed-precision timestamps to the tick once grouped', async () => {
    const result = await client().queryEvents(query({ limit: 100_000 }));
    const connections = groupByConnection(result.records, { rangeEndMs: NOW });
    const mixed = connections.find((c) => c.events.some((e) => !/\.\d{7}Z$/.test(e.event.eventTimestamp)));
    assert.ok(mixed, 'the seed has a connection with fewer-digit timestamps');
    for (const c of connections) {
      for (let i = 1; i < c.events.length; i++) {
        const [a, b] = [c.events[i - 1]!.at, c.events[i]!.at];
        assert.ok(a.ms < b.ms || (a.ms === b.ms && a.ticks <= b.ticks), `${c.connectionId} out of order at ${i}`);
      }
    }
  });

  it('reads the connection status and summary endpoints', async () => {
    const status = await client().queryConnections({ activeOnly: true });
    assert.ok(status.records.length > 0);
    assert.ok(status.records.every((r) => r.isActive === true));
    assert.equal(api.requests[0]!.query.activeOnly, 'true');
    const summary = await client().querySummary(query({ minutes: 60 }));
    assert.ok(summary.records.length > 0);
    assert.equal(summary.invalidCount, 0);
  });

  describe('errors', () => {
    it('401 is an AuthenticationError with the server message, and the key is never in it', async () => {
      const error = await rejection(client({ apiKey: `${KEY}-wrong` }).queryEvents({}));
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.status, 401);
      assert.match(error.message, /Invalid API key/);
      assert.ok(!error.message.includes(KEY));
    });

    it('403 is an AuthenticationError', async () => {
      api.setFault({ status: 403 });
      const error = await rejection(client().queryEvents({}));
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.status, 403);
    });

    it('a key echoed back by the server is redacted from messages and logs', async () => {
      api.setFault({ status: 500, echoKey: true });
      const error = await rejection(client().queryEvents({}));
      assert.ok(error instanceof ServerError);
      assert.ok(!error.message.includes(KEY), error.message);
      assert.match(error.message, /\[redacted\]/);
      assert.ok(!JSON.stringify(logs.map((l) => ({ ...l, error: l.error?.message }))).includes(KEY));
    });

    it('429 is a RateLimitError with Retry-After in seconds or as an HTTP date', async () => {
      api.setFault({ status: 429, retryAfter: '17' });
      const seconds = await rejection(client().queryEvents({}));
      assert.ok(seconds instanceof RateLimitError);
      assert.equal(seconds.retryAfterSeconds, 17);
      api.setFault({ status: 429, retryAfter: new Date(Date.now() + 42_000).toUTCString() });
      const date = await rejection(client().queryEvents({}));
      assert.ok(date instanceof RateLimitError);
      assert.ok(date.retryAfterSeconds! >= 40 && date.retryAfterSeconds! <= 43, String(date.retryAfterSeconds));
    });

    for (const status of [500, 502, 503, 504]) {
      it(`${status} is a ServerError`, async () => {
        api.setFault({ status });
        const error = await rejection(client().queryEvents({}));
        assert.ok(error instanceof ServerError);
        assert.equal(error.status, status);
      });
    }

    it("400 from the server is a BadRequestError carrying the server's words", async () => {
      // The extension validates first; this is what a server that disagrees would say.
      const error = await rejection(client().queryEvents({ minutes: 5, timeStart: { ms: NOW, ticks: 0 } }));
      assert.ok(error instanceof BadRequestError);
      assert.match(error.message, /either minutes or timeStart/);
    });

    it('a non-JSON error body is treated as text', async () => {
      api.setFault({ status: 502, body: 'upstream connect error or disconnect/reset before headers' });
      const error = await rejection(client().queryEvents({}));
      assert.match(error.message, /upstream connect error/);
    });

    it('a 200 body that is not JSON is an InvalidResponseError', async () => {
      api.setFault({ malformedJson: true });
      const error = await rejection(client().queryEvents({}));
      assert.ok(error instanceof InvalidResponseError);
      assert.match(error.message, /not JSON/);
    });

    it('records that drift from the schema are counted and sampled; the rest are returned', async () => {
      api.setFault({ drift: 0.1 });
      const result = await client().queryEvents(query({ limit: 200 }));
      assert.equal(result.received, 200);
      assert.equal(result.invalidCount, 20);
      assert.equal(result.records.length, 180);
      assert.equal(result.invalidSamples.length, 5);
      assert.match(result.invalidSamples.map((s) => s.reason).join(' | '), /eventId: missing/);
      assert.match(result.invalidSamples.map((s) => s.reason).join(' | '), /eventTimestamp/);
    });

    it('every record invalid still returns, with nothing valid', async () => {
      api.setFault({ drift: 1 });
      const result = await client().queryEvents(query({ limit: 40 }));
      assert.equal(result.records.length, 0);
      assert.equal(result.invalidCount, 40);
    });

    it('keeps unknown fields of valid records, with an echoed key redacted from them', async () => {
      api.setFault({ echoKey: true });
      const result = await client({ apiKey: KEY }).queryEvents(query({ limit: 2 }));
      assert.equal((result.records[0] as Record<string, unknown>).presentedKey, '[redacted]');
      assert.ok(!JSON.stringify(result.records).includes(KEY));
    });

    it('reads a body the server compresses although identity was asked for', async () => {
      for (const encoding of ['gzip', 'br', 'deflate'] as const) {
        api.setFault({ contentEncoding: encoding });
        const result = await client().queryEvents(query({ limit: 25 }));
        assert.equal(result.records.length, 25, encoding);
      }
      assert.equal(api.requests[0]!.headers['accept-encoding'], 'identity');
    });

    it('counts decompressed bytes against the cap', async () => {
      api.setFault({ contentEncoding: 'gzip' });
      const error = await rejection(client({ maxResponseBytes: 50_000 }).queryEvents(query({ limit: 1000 })));
      assert.ok(error instanceof InvalidResponseError);
      assert.match(error.message, /larger than/);
    });

    it('a 200 whose JSON is not a list is an InvalidResponseError', async () => {
      api.setFault({ status: 200, body: '{"events": []}' });
      const error = await rejection(client().queryEvents({}));
      assert.ok(error instanceof InvalidResponseError);
      assert.match(error.message, /not a list of records \(got object\)/);
    });

    it('404 says to check the base URL', async () => {
      const error = await rejection(client({ baseUrl: `${api.url}/wrong` }).queryEvents({}));
      assert.equal(error.status, 404);
      assert.match(error.message, /connectionAnalytics\.baseUrl/);
    });

    it('a host that does not resolve is a NetworkError that says so', async () => {
      const unresolving = new Agent({
        connect: {
          // What the resolver says for a name that does not exist (no DNS server is reachable here).
          lookup: (_hostname, _options, callback) =>
            callback(Object.assign(new Error('getaddrinfo ENOTFOUND api-console.example.invalid'), { code: 'ENOTFOUND' }), ''),
        },
      });
      try {
        const error = await rejection(client({ baseUrl: 'http://api-console.example.invalid', dispatcher: unresolving }).queryEvents({}));
        assert.ok(error instanceof NetworkError);
        assert.equal(error.code, 'ENOTFOUND');
        assert.match(error.message, /does not resolve/);
      } finally {
        await unresolving.close();
      }
    });

    it('a truncated body is a NetworkError', async () => {
      api.setFault({ truncate: true });
      const error = await rejection(client().queryEvents(query({ limit: 500 })));
      assert.ok(error instanceof NetworkError, `${error.name}: ${error.message}`);
    });

    it('a server slower than the timeout gives a TimeoutError', async () => {
      api.setFault({ delayMs: 2000 });
      const error = await rejection(client({ timeoutMs: 200 }).queryEvents({}));
      assert.ok(error instanceof TimeoutError);
    });

    it('a body dripping past the timeout gives a TimeoutError', async () => {
      api.setFault({ slowBody: { chunkBytes: 64, intervalMs: 50 } });
      const error = await rejection(client({ timeoutMs: 300 }).queryEvents(query({ limit: 50 })));
      assert.ok(error instanceof TimeoutError);
    });

    it('a body over the cap is refused while streaming', async () => {
      const error = await rejection(client({ maxResponseBytes: 10_000 }).queryEvents(query({ limit: 1000 })));
      assert.ok(error instanceof InvalidResponseError);
      assert.match(error.message, /larger than/);
    });

    it('a refused connection is a NetworkError that names the host', async () => {
      const server = http.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const error = await rejection(client({ baseUrl: `http://127.0.0.1:${port}` }).queryEvents({}));
      assert.ok(error instanceof NetworkError);
      assert.equal(error.code, 'ECONNREFUSED');
      assert.match(error.message, /refused/);
    });

    it('a redirect is not followed', async () => {
      const server = http.createServer((_req, res) => {
        res.writeHead(302, { location: 'http://127.0.0.1:1/steal' });
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const error = await rejection(client({ baseUrl: `http://127.0.0.1:${port}` }).queryEvents({}));
        assert.equal(error.status, 302);
        assert.match(error.message, /not followed/);
      } finally {
        server.close();
      }
    });
  });

  describe('retries', () => {
    it('retries 5xx with backoff and succeeds when the server recovers', async () => {
      api.setFault({ status: 503, times: 2 });
      const result = await client({ retry: FAST }).queryEvents(query({ limit: 3 }));
      assert.equal(result.records.length, 3);
      assert.equal(api.requests.length, 3);
      assert.deepEqual(
        logs.map((l) => [l.attempt, l.status, l.retryInMs]),
        [
          [1, 503, 10],
          [2, 503, 20],
          [3, 200, undefined],
        ],
      );
    });

    it('sends again a GET whose connection was reset before any answer, but not one reset mid-body', async () => {
      api.setFault({ resetBeforeHeaders: true, times: 1 });
      const result = await client({ retry: FAST }).queryEvents(query({ limit: 3 }));
      assert.equal(result.records.length, 3);
      assert.equal(logs[0]?.error?.kind, 'network');
      assert.equal(logs.length, 2);

      api.requests.length = 0;
      api.setFault({ truncate: true });
      const error = await rejection(client({ retry: FAST }).queryEvents(query({ limit: 500 })));
      assert.ok(error instanceof NetworkError);
      assert.equal(api.requests.length, 1, 'part of the answer had arrived: not retried');
    });

    it('gives up after 3 retries', async () => {
      api.setFault({ status: 500 });
      const error = await rejection(client({ retry: FAST }).queryEvents({}));
      assert.ok(error instanceof ServerError);
      assert.equal(api.requests.length, 4);
    });

    it('honours a short Retry-After and fails at once on a long one', async () => {
      api.setFault({ status: 429, retryAfter: '1', times: 1 });
      const started = Date.now();
      await client({ retry: FAST }).queryEvents(query({ limit: 1 }));
      assert.ok(Date.now() - started >= 950, 'waited the second it was asked to');
      assert.equal(api.requests.length, 2);

      api.requests.length = 0;
      api.setFault({ status: 429, retryAfter: '120' });
      const error = await rejection(client({ retry: FAST }).queryEvents({}));
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.retryAfterSeconds, 120);
      assert.equal(api.requests.length, 1, 'a long wait is shown to the user, not slept through');
    });

    it('does not retry what a retry cannot fix: 400, 401, 403, 404, invalid bodies', async () => {
      for (const status of [400, 401, 403, 404]) {
        api.requests.length = 0;
        api.setFault({ status });
        await rejection(client({ retry: FAST }).queryEvents({}));
        assert.equal(api.requests.length, 1, String(status));
      }
      api.requests.length = 0;
      api.setFault({ malformedJson: true });
      await rejection(client({ retry: FAST }).queryEvents({}));
      assert.equal(api.requests.length, 1);
    });

    it('a wait between attempts is cancelled at once', async () => {
      api.setFault({ status: 503 });
      const controller = new AbortController();
      const slow: RetryPolicy = { ...FAST, baseDelayMs: 60_000, maxDelayMs: 60_000 };
      const pending = client({ retry: slow }).queryEvents({}, controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      controller.abort();
      const error = await rejection(pending);
      assert.ok(error instanceof CancelledError);
      assert.ok(Date.now() - started < 1000);
    });

    it('waits with full jitter, growing exponentially up to the ceiling', () => {
      const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000, random: () => 0.999 };
      const server = new ServerError('x', 503);
      assert.deepEqual(
        [1, 2, 3, 4, 5, 6].map((attempt) => retryDelay(server, attempt, policy)),
        [499, 999, 1998, 3996, 7992, 7992],
      );
      assert.equal(retryDelay(server, 1, { ...policy, random: () => 0 }), 0);
      assert.equal(retryDelay(new RateLimitError('x', undefined), 2, policy), 999);
      assert.equal(retryDelay(new RateLimitError('x', 31), 1, policy), undefined);
      assert.equal(retryDelay(new AuthenticationError('x', 401), 1, policy), undefined);
    });
  });

  describe('cancellation', () => {
    it('an abort signal cancels a request in flight', async () => {
      api.setFault({ delayMs: 5000 });
      const controller = new AbortController();
      const started = Date.now();
      const pending = client().queryEvents({}, controller.signal);
      setTimeout(() => controller.abort(), 50);
      const error = await rejection(pending);
      assert.ok(error instanceof CancelledError);
      assert.ok(Date.now() - started < 2000);
    });

    it('an already aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(client().queryEvents({}, controller.signal));
      assert.ok(error instanceof CancelledError);
      assert.equal(api.requests.length, 0);
    });
  });

  it('logs each request with path, parameters, status and counts, without the key', async () => {
    await client().queryEvents(query({ serviceName: 'coinapi-fix', limit: 3 }));
    const [entry] = logs;
    assert.equal(entry!.path, EVENTS_PATH);
    assert.deepEqual(entry!.params, { serviceName: 'coinapi-fix', limit: '3' });
    assert.equal(entry!.status, 200);
    assert.equal(entry!.records, 3);
    assert.ok(!JSON.stringify(entry).includes(KEY));
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 10, 28, 12, 0, 0);
    assert.equal(parseRetryAfter('30', now), 30);
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 12:01:00 GMT', now), 60);
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
