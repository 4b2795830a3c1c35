import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { ConsoleApiClient, type ClientOptions } from '../../src/api/client';
import { ApiError, ServerError } from '../../src/api/errors';
import { NO_RETRY, type RetryPolicy } from '../../src/api/retry';

const KEY = 'ck-5e0c-error-status-key';

/**
 * An error status whose body cannot be read (an encoding the extension does
 * not decode, a body that does not decompress): the status decides what
 * happens, the body only loses the server's words.
 */
describe('api/client: an error status with a body it cannot read', () => {
  let server: http.Server;
  let dispatcher: Agent;
  /** What the next answers are, first to last; `[]` with 200 once they run out. */
  let answers: { status: number; encoding: string; body: Buffer }[] = [];
  let requests = 0;
  const FAST: RetryPolicy = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 1000, random: () => 0.5 };
  const client = (options: Partial<ClientOptions> = {}) =>
    new ConsoleApiClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiKey: KEY,
      dispatcher,
      retry: NO_RETRY,
      ...options,
    });

  before(async () => {
    server = http.createServer((_req, res) => {
      requests++;
      const answer = answers.shift();
      if (!answer) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
        return;
      }
      res
        .writeHead(answer.status, {
          'content-type': 'application/json',
          'content-encoding': answer.encoding,
          'content-length': String(answer.body.length),
        })
        .end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    dispatcher = new Agent({ connections: 2 });
  });
  beforeEach(() => {
    answers = [];
    requests = 0;
  });
  after(async () => {
    await dispatcher.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const unreadable = (status: number) => [
    { status, encoding: 'zstd', body: Buffer.alloc(70_000, 1) },
    { status, encoding: 'gzip', body: Buffer.from('{"error":"not gzip at all"}') },
  ];

  it('a 503 in zstd or broken gzip is retried like any 503, and the query succeeds when the server recovers', async () => {
    answers = unreadable(503);
    const result = await client({ retry: FAST }).queryEvents({ limit: 1 });
    assert.equal(result.records.length, 0);
    assert.equal(requests, 3);
  });

  it('without retries it is a ServerError for the status, with no server message, and the connections stay usable', async () => {
    for (let round = 0; round < 5; round++) {
      for (const answer of unreadable(502)) {
        answers = [answer];
        const error = await client()
          .queryEvents({ limit: 1 })
          .then(
            () => assert.fail('expected a failure'),
            (e: unknown) => e,
          );
        assert.ok(error instanceof ServerError, `${answer.encoding}: ${String(error)}`);
        assert.ok(error instanceof ApiError && error.status === 502);
        assert.equal(error.message, 'The Console API failed (502).');
      }
    }
    assert.equal((await client().queryEvents({ limit: 1 })).records.length, 0);
  });
});
