import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Dispatcher } from 'undici';
import { ConsoleApiClient, NO_RETRY } from '../../src/api/client';
import { createDispatcher } from '../../src/api/dispatcher';
import { ApiError, AuthenticationError, NetworkError } from '../../src/api/errors';
import { FakeConsoleApi } from '../fake-api/server';

/**
 * The network as users have it: a corporate proxy (a real one, on 127.0.0.1,
 * that tunnels CONNECT and forwards absolute-form requests) and endpoints
 * whose certificate does not verify.
 */
class TestProxy {
  readonly seen: string[] = [];
  private readonly sockets = new Set<net.Socket>();
  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<TestProxy> {
    const server = http.createServer();
    const proxy = new TestProxy(server);
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      proxy.seen.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url ?? '').split(':');
      if (host !== '127.0.0.1') {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      proxy.seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      if (target.hostname !== '127.0.0.1') {
        res.writeHead(403).end();
        return;
      }
      const forward = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
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

describe('network: proxies and TLS', function () {
  this.timeout(20_000);
  let api: FakeConsoleApi;
  let proxy: TestProxy;
  const dispatchers: Dispatcher[] = [];
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };

  const query = (dispatcher: Dispatcher, baseUrl = api.url) => new ConsoleApiClient({ baseUrl, apiKey: 'demo', dispatcher, retry: NO_RETRY }).queryEvents({ limit: 2 });
  const make = (...args: Parameters<typeof createDispatcher>) => {
    const dispatcher = createDispatcher(...args);
    dispatchers.push(dispatcher);
    return dispatcher;
  };

  before(async () => {
    api = await FakeConsoleApi.start({ seed: 5, connections: 20 });
    proxy = await TestProxy.start();
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    delete process.env.HTTP_PROXY;
    delete process.env.HTTPS_PROXY;
    delete process.env.NO_PROXY;
  });
  after(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
    await Promise.all(dispatchers.map((d) => d.close()));
    await proxy.close();
    await api.close();
  });

  it('goes direct when no proxy is configured', async () => {
    const result = await query(make({ proxy: '', noProxy: [], strictSSL: true }));
    assert.equal(result.records.length, 2);
    assert.deepEqual(proxy.seen, []);
  });

  it('goes through http.proxy when it is set', async () => {
    const result = await query(make({ proxy: proxy.url, noProxy: [], strictSSL: true }));
    assert.equal(result.records.length, 2);
    assert.equal(proxy.seen.length, 1);
    assert.match(proxy.seen[0]!, new RegExp(`^(CONNECT 127\\.0\\.0\\.1:${new URL(api.url).port}|GET ${api.url}/api/)`));
  });

  it('bypasses the proxy for hosts in http.noProxy', async () => {
    await query(make({ proxy: proxy.url, noProxy: ['127.0.0.1'], strictSSL: true }));
    assert.deepEqual(proxy.seen, []);
  });

  it('uses HTTP_PROXY / NO_PROXY from the environment when http.proxy is empty', async () => {
    process.env.HTTP_PROXY = proxy.url;
    await query(make({ proxy: '', noProxy: [], strictSSL: true }));
    assert.equal(proxy.seen.length, 1);
    proxy.seen.length = 0;
    process.env.NO_PROXY = '127.0.0.1';
    await query(make({ proxy: '', noProxy: [], strictSSL: true }));
    assert.deepEqual(proxy.seen, []);
  });

  it('a proxy that refuses says so as a network error, without the key', async () => {
    const error = await query(make({ proxy: 'http://127.0.0.1:1', noProxy: [], strictSSL: true })).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.ok(!error.message.includes('demo'));
  });

  describe('a self-signed endpoint', () => {
    let server: https.Server;
    let url: string;

    before(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-tls-'));
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
      server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"error":"Invalid API key"}');
      });
      fs.rmSync(dir, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is refused with a message that names the TLS problem', async () => {
      const error = await query(make({ proxy: '', noProxy: [], strictSSL: true }), url).catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.match(error.message, /TLS certificate was not accepted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    });

    it('is reached when http.proxyStrictSSL is off', async () => {
      const error = await query(make({ proxy: '', noProxy: [], strictSSL: false }), url).catch((e: unknown) => e);
      assert.ok(error instanceof AuthenticationError, String(error));
      assert.ok(error instanceof ApiError && error.status === 401);
    });
  });
});
