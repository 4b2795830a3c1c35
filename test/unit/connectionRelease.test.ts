import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { createDispatcher } from '../../src/api/dispatcher';
import { ApiError, CancelledError, InvalidResponseError, ResponseTooLargeError } from '../../src/api/errors';

const KEY = 'ck-release-test-key-0123';
const GUARD_MS = 5000;

/** Settles with the promise's outcome, or fails the test if it has not settled within the guard. */
async function settled<T>(promise: Promise<T>, what: string): Promise<{ value?: T; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new assert.AssertionError({ message: `${what} did not settle within ${GUARD_MS / 1000} s` })),
      GUARD_MS,
    );
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      guard,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A server whose answers each test shapes; it serves a small valid list unless told otherwise. */
class ShapedServer {
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  };
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: http.Server) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req, res) => this.answer(req, res));
  }

  static async start(): Promise<ShapedServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ShapedServer(server);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A body large enough that it cannot sit in the socket buffers unread: 256 KiB. */
const LARGE = Buffer.alloc(256 * 1024, 0x61);

describe('api/client releases every connection it does not read to the end', () => {
  let server: ShapedServer;
  let dispatcher: Dispatcher;
  const client = (timeoutMs = 2000, maxResponseBytes?: number) =>
    new ConsoleApiClient({ baseUrl: server.url, apiKey: KEY, dispatcher, retry: NO_RETRY, timeoutMs, maxResponseBytes });

  beforeEach(async () => {
    server = await ShapedServer.start();
    // The production pool: 8 connections per origin.
    dispatcher = createDispatcher({ proxy: '', proxyAuthorization: '', noProxy: [], strictSSL: true, certificates: [] });
  });
  afterEach(async () => {
    await dispatcher.destroy();
    await server.close();
  });

  it('20 answers in an encoding it cannot read, then a normal query succeeds within its timeout', async () => {
    server.answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'zstd', 'content-length': String(LARGE.length) });
      res.end(LARGE);
    };
    for (let i = 0; i < 20; i++) {
      const outcome = await settled(client().queryEvents({}), `unreadable answer #${i + 1}`);
      assert.ok(outcome.error instanceof InvalidResponseError, `#${i + 1}: ${String(outcome.error)}`);
      assert.match(outcome.error.message, /encoding this extension cannot read \(zstd\)/);
    }
    server.answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    };
    const outcome = await settled(client().queryEvents({}), 'the normal query after them');
    assert.equal(outcome.error, undefined, String(outcome.error));
    assert.deepEqual(outcome.value?.records, []);
  });

  it('20 error answers and 20 bodies over the cap leave the pool usable', async () => {
    let status = 500;
    server.answer = (_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      // No Content-Length: the cap is found while streaming.
      res.write(LARGE);
      res.end(LARGE);
    };
    for (let i = 0; i < 20; i++) {
      const outcome = await settled(client(2000, 64 * 1024).queryEvents({}), `error answer #${i + 1}`);
      assert.ok(outcome.error instanceof ApiError, String(outcome.error));
    }
    status = 200;
    for (let i = 0; i < 20; i++) {
      const outcome = await settled(client(2000, 64 * 1024).queryEvents({}), `answer over the cap #${i + 1}`);
      assert.ok(outcome.error instanceof ResponseTooLargeError, String(outcome.error));
    }
    server.answer = (_req, res) => res.end('[]');
    assert.deepEqual((await settled(client().queryEvents({}), 'the normal query after them')).value?.records, []);
  });

  /** Makes every connection of the pool (8) busy with an answer that does not come; returns those answers and requests. */
  async function fillThePool(): Promise<{ held: http.ServerResponse[]; busy: Promise<unknown>[] }> {
    const held: http.ServerResponse[] = [];
    server.answer = (_req, res) => void held.push(res);
    const busy = Array.from({ length: 8 }, () =>
      client(60_000)
        .queryEvents({}, AbortSignal.timeout(GUARD_MS * 2))
        .catch(() => undefined),
    );
    await waitFor(() => held.length === 8);
    return { held, busy };
  }

  it('a Cancel while the request waits for a pooled connection settles at once', async () => {
    const { held, busy } = await fillThePool();
    const controller = new AbortController();
    const queued = client(60_000).queryEvents({}, controller.signal);
    controller.abort();
    const outcome = await settled(queued, 'the cancelled queued request');
    assert.ok(outcome.error instanceof CancelledError, String(outcome.error));
    for (const res of held) {
      res.destroy();
    }
    await Promise.all(busy);
  });

  it('a timeout while the request waits for a pooled connection settles', async () => {
    const { held, busy } = await fillThePool();
    const outcome = await settled(client(200).queryEvents({}), 'the queued request past its timeout');
    assert.ok(outcome.error instanceof ApiError && outcome.error.kind === 'timeout', String(outcome.error));
    for (const res of held) {
      res.destroy();
    }
    await Promise.all(busy);
  });
});

/** Polls a condition of the world until it holds (bounded by mocha's timeout). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
