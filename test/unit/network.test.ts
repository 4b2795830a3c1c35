import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { promisify } from 'node:util';
import type { Dispatcher } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { createDispatcher, type NetworkSettings } from '../../src/api/dispatcher';
import { readCaFile, trustedCertificates } from '../../src/api/certificates';
import { ApiError, AuthenticationError, NetworkError } from '../../src/api/errors';
import { FakeConsoleApi } from '../fake-api/server';
import { networkSettings, PrivateCa, PROXIED_HOST, selfSignedCertificate, startTlsApi, TestProxy, viaProxy } from '../fixtures/network';

describe('network: proxies and TLS', function () {
  this.timeout(20_000);
  let api: FakeConsoleApi;
  let proxy: TestProxy;
  const dispatchers: Dispatcher[] = [];
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };

  const query = (dispatcher: Dispatcher, baseUrl = api.url) =>
    new ConsoleApiClient({ baseUrl, apiKey: 'demo', dispatcher, retry: NO_RETRY }).queryEvents({ limit: 2 });
  const make = (changes: Partial<NetworkSettings> = {}) => {
    const dispatcher = createDispatcher(networkSettings(changes));
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
    const result = await query(make());
    assert.equal(result.records.length, 2);
    assert.deepEqual(proxy.seen, []);
  });

  it('goes through http.proxy when it is set', async () => {
    const result = await query(make({ proxy: proxy.url }), viaProxy(api.url));
    assert.equal(result.records.length, 2);
    assert.deepEqual(proxy.seen, [`CONNECT ${PROXIED_HOST}:${new URL(api.url).port}`]);
  });

  // Going direct to a name only the proxy resolves fails to resolve: the sign that the proxy was bypassed.
  const direct = /^Could not reach api\.proxied\.test:\d+: the host name does not resolve\.$/;

  it('bypasses the proxy for hosts in http.noProxy', async () => {
    const error = await query(make({ proxy: proxy.url, noProxy: [PROXIED_HOST] }), viaProxy(api.url)).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError && direct.test(error.message), String(error));
    assert.deepEqual(proxy.seen, []);
  });

  it('uses HTTP_PROXY / NO_PROXY from the environment when http.proxy is empty', async () => {
    process.env.HTTP_PROXY = proxy.url;
    await query(make(), viaProxy(api.url));
    assert.equal(proxy.seen.length, 1);
    proxy.seen.length = 0;
    process.env.NO_PROXY = PROXIED_HOST;
    const error = await query(make(), viaProxy(api.url)).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError && direct.test(error.message), String(error));
    assert.deepEqual(proxy.seen, []);
  });

  it('a proxy that refuses says so as a network error, without the key', async () => {
    const error = await query(make({ proxy: 'http://127.0.0.1:1' }), viaProxy(api.url)).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.ok(!error.message.includes('demo'));
  });

  describe('a self-signed endpoint', () => {
    let server: https.Server;
    let url: string;

    before(async () => {
      server = https.createServer(selfSignedCertificate(), (_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"error":"Invalid API key"}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is refused with a message that names the TLS problem, the certificate and the settings that fix it', async () => {
      const error = await query(make(), url).catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(
        error.message,
        /TLS certificate of 127\.0\.0\.1:\d+ \(subject "CN=127\.0\.0\.1", issued by "CN=127\.0\.0\.1"\) was not accepted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
      );
      assert.match(error.message, /connectionAnalytics\.caCertificatesFile or NODE_EXTRA_CA_CERTS; http\.proxyStrictSSL/);
    });

    it('is reached when http.proxyStrictSSL is off', async () => {
      const error = await query(make({ strictSSL: false }), url).catch((e: unknown) => e);
      assert.ok(error instanceof AuthenticationError, String(error));
      assert.ok(error instanceof ApiError && error.status === 401);
    });
  });

  describe('a proxy that asks for Basic credentials', () => {
    let guarded: TestProxy;
    before(async () => {
      guarded = await TestProxy.start({ credentials: 'alice:s3cret-Pa55' });
    });
    beforeEach(() => {
      guarded.seen.length = 0;
    });
    after(() => guarded.close());

    it('without credentials: a 407 that says what to set, and nothing else is sent', async () => {
      const error = await query(make({ proxy: guarded.url }), viaProxy(api.url)).catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(
        error.message,
        /^Could not reach api\.proxied\.test:\d+: The proxy requires authentication \(407\)\. Put the credentials in http\.proxy \(http:\/\/user:password@host:port\) or http\.proxyAuthorization/,
      );
      assert.equal(error.code, 'PROXY_AUTHENTICATION_REQUIRED');
      assert.deepEqual(guarded.seen, [`CONNECT ${PROXIED_HOST}:${new URL(api.url).port} 407`]);
    });

    it('with the credentials in http.proxy', async () => {
      const result = await query(make({ proxy: guarded.urlWithCredentials }), viaProxy(api.url));
      assert.equal(result.records.length, 2);
      assert.deepEqual(guarded.seen, [`CONNECT ${PROXIED_HOST}:${new URL(api.url).port}`]);
    });

    it('with http.proxyAuthorization', async () => {
      const result = await query(make({ proxy: guarded.url, proxyAuthorization: guarded.authorization }), viaProxy(api.url));
      assert.equal(result.records.length, 2);
      assert.deepEqual(guarded.seen, [`CONNECT ${PROXIED_HOST}:${new URL(api.url).port}`]);
    });

    it('with wrong credentials: says they were not accepted, without showing them', async () => {
      const error = await query(make({ proxy: guarded.url.replace('http://', 'http://alice:wrong-Pa55@') }), viaProxy(api.url)).catch(
        (e: unknown) => e,
      );
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(error.message, /The proxy did not accept the credentials \(407\)\. Check them in http\.proxy/);
      assert.ok(!error.message.includes('wrong-Pa55') && !error.message.includes('alice'));
    });

    it('a 407 answered to the request itself says the same', async () => {
      const plain = http.createServer((_req, res) => res.writeHead(407, { 'proxy-authenticate': 'Basic realm="x"' }).end());
      await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
      try {
        const error = await query(make(), `http://127.0.0.1:${(plain.address() as AddressInfo).port}`).catch((e: unknown) => e);
        assert.ok(error instanceof ApiError && error.status === 407, String(error));
        assert.match(
          error.message,
          /^The proxy requires authentication \(407\)\. Put the credentials in http\.proxy .* or http\.proxyAuthorization/,
        );
      } finally {
        await new Promise<void>((resolve) => plain.close(() => resolve()));
      }
    });
  });

  describe('an endpoint signed by a private CA (a TLS-inspecting proxy, an internal gateway)', () => {
    let ca: PrivateCa;
    let other: PrivateCa;
    let endpoint: Awaited<ReturnType<typeof startTlsApi>>;
    let wrongHost: Awaited<ReturnType<typeof startTlsApi>>;
    let otherEndpoint: Awaited<ReturnType<typeof startTlsApi>>;
    const savedExtra = process.env.NODE_EXTRA_CA_CERTS;

    before(async () => {
      ca = PrivateCa.create('Corp Inspection Root CA');
      other = PrivateCa.create('Other Private Root CA');
      endpoint = await startTlsApi(ca.issue('127.0.0.1', `IP:127.0.0.1,DNS:${PROXIED_HOST}`));
      wrongHost = await startTlsApi(ca.issue('api.internal.example', 'DNS:api.internal.example'));
      otherEndpoint = await startTlsApi(other.issue('127.0.0.1', 'IP:127.0.0.1'));
    });
    afterEach(() => {
      if (savedExtra === undefined) {
        delete process.env.NODE_EXTRA_CA_CERTS;
      } else {
        process.env.NODE_EXTRA_CA_CERTS = savedExtra;
      }
    });
    after(async () => {
      await Promise.all([endpoint.close(), wrongHost.close(), otherEndpoint.close()]);
      ca.dispose();
      other.dispose();
    });

    it('is refused without the CA, naming the certificate, its issuer and the setting', async () => {
      const error = await query(make(), endpoint.url).catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(
        error.message,
        /the TLS certificate of 127\.0\.0\.1:\d+ \(subject "CN=127\.0\.0\.1", issued by "CN=Corp Inspection Root CA"\) was not accepted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
      );
      assert.match(error.message, /add its root certificate \(PEM\) with connectionAnalytics\.caCertificatesFile/);
      assert.deepEqual(endpoint.requests, [], 'nothing was sent');
    });

    it('is reached with the CA file, directly and through a proxy', async () => {
      const certificates = readCaFile(ca.certificateFile);
      assert.equal((await query(make({ certificates }), endpoint.url)).records.length, 0);
      assert.equal((await query(make({ certificates, proxy: proxy.url }), viaProxy(endpoint.url))).records.length, 0);
      assert.equal(endpoint.requests.length, 2);
      assert.deepEqual(proxy.seen, [`CONNECT ${PROXIED_HOST}:${new URL(endpoint.url).port}`]);
    });

    it('is refused through a proxy without the CA, with the same message', async () => {
      const error = await query(make({ proxy: proxy.url }), viaProxy(endpoint.url)).catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.deepEqual(proxy.seen, [`CONNECT ${PROXIED_HOST}:${new URL(endpoint.url).port}`]);
      assert.match(error.message, /issued by "CN=Corp Inspection Root CA"\) was not accepted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    });

    it('still checks the host name with the CA trusted, directly and through a proxy', async () => {
      const certificates = readCaFile(ca.certificateFile);
      for (const [changes, url] of [
        [{ certificates }, wrongHost.url],
        [{ certificates, proxy: proxy.url }, viaProxy(wrongHost.url)],
      ] as const) {
        const error = await query(make(changes), url).catch((e: unknown) => e);
        assert.ok(error instanceof NetworkError, String(error));
        assert.match(
          error.message,
          /subject "CN=api\.internal\.example".* was not accepted \(ERR_TLS_CERT_ALTNAME_INVALID\)\. The certificate is for another host name/,
        );
      }
      assert.deepEqual(wrongHost.requests, []);
    });

    it("adds to the trusted roots: Node's own and NODE_EXTRA_CA_CERTS stay trusted", async () => {
      process.env.NODE_EXTRA_CA_CERTS = other.certificateFile;
      const certificates = readCaFile(ca.certificateFile);
      const trusted = trustedCertificates(certificates) ?? [];
      assert.deepEqual(trusted.slice(0, tls.rootCertificates.length), [...tls.rootCertificates]);
      const dispatcher = make({ certificates });
      assert.equal((await query(dispatcher, endpoint.url)).records.length, 0);
      assert.equal((await query(dispatcher, otherEndpoint.url)).records.length, 0, 'the NODE_EXTRA_CA_CERTS root is still trusted');
    });

    it('NODE_EXTRA_CA_CERTS alone works, as Node reads it at start-up (no CA file)', async () => {
      const script = `
        const { createDispatcher } = require(${JSON.stringify(path.resolve(__dirname, '../../src/api/dispatcher.js'))});
        const { ConsoleApiClient } = require(${JSON.stringify(path.resolve(__dirname, '../../src/api/client.js'))});
        const { NO_RETRY } = require(${JSON.stringify(path.resolve(__dirname, '../../src/api/retry.js'))});
        const dispatcher = createDispatcher({ proxy: '', proxyAuthorization: '', noProxy: [], strictSSL: true, certificates: [] });
        new ConsoleApiClient({ baseUrl: process.argv[1], apiKey: 'demo', dispatcher, retry: NO_RETRY }).queryEvents({ limit: 1 })
          .then((r) => { console.log('records', r.records.length); return dispatcher.close(); }, (e) => { console.log(e.message); process.exitCode = 1; });`;
      // Asynchronously: the endpoint answers from this process.
      const child = await promisify(execFile)(process.execPath, ['-e', script, otherEndpoint.url], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: other.certificateFile },
        encoding: 'utf8',
      });
      assert.equal(child.stdout.trim(), 'records 0', child.stderr);
    });

    it('a CA file that cannot be read, holds no certificate or a broken one gives an error naming the setting', () => {
      const broken = ca.file('broken.pem');
      fs.writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
      const empty = ca.file('empty.pem');
      fs.writeFileSync(empty, 'just some text\n');
      const cases: [string, RegExp][] = [
        [ca.file('missing.pem'), /^connectionAnalytics\.caCertificatesFile: the file .*missing\.pem cannot be read \(ENOENT\)\.$/],
        [empty, /^connectionAnalytics\.caCertificatesFile: .*empty\.pem holds no PEM certificate/],
        [broken, /^connectionAnalytics\.caCertificatesFile: certificate 1 of 1 in .*broken\.pem is not a valid certificate\.$/],
      ];
      for (const [file, message] of cases) {
        assert.throws(() => readCaFile(file), { name: 'CaFileError', message });
      }
      const bundle = ca.file('bundle.pem');
      fs.writeFileSync(
        bundle,
        `# two roots\n${fs.readFileSync(ca.certificateFile, 'utf8')}\n${fs.readFileSync(other.certificateFile, 'utf8')}`,
      );
      assert.equal(readCaFile(bundle).length, 2);
    });
  });
});
