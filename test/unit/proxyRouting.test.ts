import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Dispatcher } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { createDispatcher, type NetworkSettings } from '../../src/api/dispatcher';
import { NO_RETRY } from '../../src/api/retry';
import { FakeConsoleApi } from '../fake-api/server';
import { networkSettings, PrivateCa, startSocksProxy, startTlsApi, TestProxy } from '../fixtures/network';

const KEY = 'SECRETKEY-0123456789abcdef';
const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

/** Runs `body` with the proxy variables of the environment set to `values` only, restoring them after. */
async function withEnvironment<T>(values: Partial<Record<(typeof PROXY_VARIABLES)[number], string>>, body: () => Promise<T>): Promise<T> {
  const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of PROXY_VARIABLES) {
    delete process.env[name];
  }
  Object.assign(process.env, values);
  try {
    return await body();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  }
}

describe('network: which proxy a request takes', function () {
  this.timeout(20_000);
  const dispatchers: Dispatcher[] = [];
  /** The query, from building the dispatcher to the answer: a refusal at either step is an outcome. */
  const attempt = async (changes: Partial<NetworkSettings>, baseUrl: string): Promise<unknown> => {
    try {
      const dispatcher = createDispatcher(networkSettings(changes));
      dispatchers.push(dispatcher);
      return await new ConsoleApiClient({ baseUrl, apiKey: KEY, dispatcher, retry: NO_RETRY, timeoutMs: 5000 }).queryEvents({ limit: 1 });
    } catch (error) {
      return error;
    }
  };
  after(() => Promise.all(dispatchers.map((d) => d.close())));

  describe('a SOCKS proxy (http.proxy or the environment)', () => {
    let trusted: PrivateCa;
    let rogue: PrivateCa;
    let untrusted: Awaited<ReturnType<typeof startTlsApi>>;
    let wrongName: Awaited<ReturnType<typeof startTlsApi>>;
    let socks: Awaited<ReturnType<typeof startSocksProxy>>;
    let certificates: string[];

    before(async () => {
      trusted = PrivateCa.create('Trusted Test Root CA');
      rogue = PrivateCa.create('Rogue Root CA');
      untrusted = await startTlsApi(rogue.issue('127.0.0.1', 'IP:127.0.0.1'));
      wrongName = await startTlsApi(trusted.issue('elsewhere.example', 'DNS:elsewhere.example'));
      // SOCKS inside TLS, with a certificate the settings trust: the proxy itself is not the problem.
      socks = await startSocksProxy({ tls: trusted.issue('127.0.0.1', 'IP:127.0.0.1') });
      certificates = [fs.readFileSync(trusted.certificateFile, 'utf8')];
    });
    after(async () => {
      await Promise.all([untrusted.close(), wrongName.close(), socks.close()]);
      trusted.dispose();
      rogue.dispose();
    });

    for (const scheme of ['socks5', 'socks']) {
      it(`${scheme}:// in http.proxy is refused before anything is sent; the key never reaches a server whose certificate does not verify`, async () => {
        for (const target of [untrusted, wrongName]) {
          const outcome = await withEnvironment({}, () => attempt({ proxy: socks.url(scheme), certificates }, target.url));
          assert.deepEqual(target.requests, [], `the key reached ${target.url}, whose certificate does not verify`);
          assert.deepEqual(socks.seen, [], 'nothing goes to the SOCKS proxy');
          assert.ok(outcome instanceof Error, `not refused: ${JSON.stringify(outcome)}`);
          assert.match(
            outcome.message,
            new RegExp(
              `^http\\.proxy is a SOCKS proxy \\(${scheme}://127\\.0\\.0\\.1:\\d+\\), which this extension does not support\\. Set http\\.proxy to an http:// or https:// proxy`,
            ),
          );
        }
      });
    }

    it('socks5:// in HTTPS_PROXY or HTTP_PROXY is refused the same way, naming the variable', async () => {
      for (const variable of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY'] as const) {
        const outcome = await withEnvironment({ [variable]: socks.url() }, () => attempt({ certificates }, untrusted.url));
        assert.deepEqual(untrusted.requests, [], `the key reached an untrusted server through ${variable}`);
        assert.deepEqual(socks.seen, []);
        assert.ok(outcome instanceof Error, `not refused: ${JSON.stringify(outcome)}`);
        assert.match(
          outcome.message,
          new RegExp(
            `^The environment variable ${variable} is a SOCKS proxy \\(socks5://127\\.0\\.0\\.1:\\d+\\), which this extension does not support\\. Set http\\.proxy to an http:// or https:// proxy \\(it takes precedence\\), or change ${variable}\\.$`,
          ),
        );
      }
    });

    it('an HTTP proxy in http.proxy takes precedence over a SOCKS one in the environment', async () => {
      const outcome = await withEnvironment({ HTTPS_PROXY: socks.url() }, () =>
        attempt({ proxy: 'http://127.0.0.1:1', certificates }, untrusted.url),
      );
      assert.ok(outcome instanceof Error);
      assert.doesNotMatch(outcome.message, /SOCKS/);
    });
  });

  describe('a loopback base URL (http is allowed for it because the key stays on this machine)', () => {
    let api: FakeConsoleApi;
    let proxy: TestProxy;
    before(async () => {
      api = await FakeConsoleApi.start({ key: KEY, seed: 3, connections: 5 });
      proxy = await TestProxy.start();
    });
    after(async () => {
      await proxy.close();
      await api.close();
    });

    it('never goes through http.proxy, HTTPS_PROXY or HTTP_PROXY, even when not in the no-proxy list', async () => {
      const port = new URL(api.url).port;
      const reachable = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
      // Nothing listens there (the API binds 127.0.0.1 only): these fail, but must fail here, not at the proxy.
      const unreachable = [`http://127.0.0.2:${port}`, `http://[::1]:${port}`, `http://127.255.255.254:${port}`];
      const ways: [string, Partial<NetworkSettings>, Record<string, string>][] = [
        ['http.proxy', { proxy: proxy.url }, {}],
        ['http.proxy with a no-proxy list', { proxy: proxy.url, noProxy: ['example.com'] }, {}],
        ['HTTP_PROXY and HTTPS_PROXY', {}, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }],
      ];
      for (const [way, changes, env] of ways) {
        for (const baseUrl of [...reachable, ...unreachable]) {
          proxy.seen.length = 0;
          const outcome = await withEnvironment(env, () => attempt(changes, baseUrl));
          assert.deepEqual(proxy.seen, [], `${baseUrl} went through ${way}, which could read the key in clear text`);
          if (reachable.includes(baseUrl)) {
            assert.ok(!(outcome instanceof Error), `${baseUrl} through ${way}: ${String(outcome)}`);
          }
        }
      }
    });
  });
});
