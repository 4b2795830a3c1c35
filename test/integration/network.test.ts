import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ClientFactory, MalformedApiKeyError } from '../../src/services/clientFactory';
import type { QueryCommandResult } from '../../src/commands';
import { recoveryActions } from '../../src/services/recoveryActions';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import type { Log } from '../../src/log';
import { ApiKeyStore } from '../../src/secrets';
import { EVENTS_PATH, FakeConsoleApi } from '../fake-api/server';
import { PrivateCa, PROXIED_HOST, startSocksProxy, startTlsApi, TestProxy, viaProxy } from '../fixtures/network';
import { EXTENSION_ID, run, settingsProfile } from './host';
import { MAX_EXTRA_REQUESTS } from '../../src/core/emptyResult';

/**
 * A corporate network, through the real extension in a real extension host:
 * VS Code's own `http.*` settings, a real proxy on 127.0.0.1 (one that asks
 * for Basic credentials), an API behind a private CA, and keys of the wrong form.
 */
const KEY = 'net-key-5b7e9a1c3d2f';
const PASSWORD = 'pr0xy-Pa55word';
const ours = () => vscode.workspace.getConfiguration('connectionAnalytics');
const http = () => vscode.workspace.getConfiguration('http');
const failure = (result: QueryCommandResult | undefined) =>
  result?.status === 'failed' ? result.error : `not a failure: ${JSON.stringify(result)}`;

describe('Corporate networks in a real extension host', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  let api: FakeConsoleApi;

  before(async () => {
    await extension.activate();
    api = await FakeConsoleApi.start({ key: KEY, seed: 31, connections: 30 });
    await ours().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('connectionAnalytics.setApiKey', { apiKey: KEY }), true);
  });

  afterEach(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('proxyAuthorization', undefined, vscode.ConfigurationTarget.Global);
    await ours().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    await ours().update('caCertificatesFile', undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await ours().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await api.close();
  });

  describe('proxies', () => {
    // An API under a name only the proxy resolves (loopback addresses are never proxied), over TLS.
    let ca: PrivateCa;
    let endpoint: Awaited<ReturnType<typeof startTlsApi>>;
    before(async () => {
      ca = PrivateCa.create('Proxied API Root CA');
      endpoint = await startTlsApi(ca.issue(PROXIED_HOST, `DNS:${PROXIED_HOST}`));
    });
    beforeEach(async () => {
      await ours().update('baseUrl', viaProxy(endpoint.url), vscode.ConfigurationTarget.Global);
      await ours().update('caCertificatesFile', ca.certificateFile, vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await endpoint.close();
      ca.dispose();
    });

    it("reads VS Code's http.proxy and goes through that proxy", async () => {
      const proxy = await TestProxy.start();
      try {
        await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
        assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 5 }))?.status, 'ok');
        // The query, then the summary of its window: every tunnel to the API's host through the proxy.
        assert.ok(proxy.seen.length > 0, 'the proxy saw the request');
        for (const line of proxy.seen) {
          assert.equal(line, `CONNECT ${PROXIED_HOST}:${new URL(endpoint.url).port}`);
        }
      } finally {
        await proxy.close();
      }
    });

    it('a loopback base URL never goes through http.proxy (the key would cross it in clear text)', async () => {
      const proxy = await TestProxy.start();
      try {
        await ours().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
        await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
        assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 60 }))?.status, 'ok');
        assert.deepEqual(proxy.seen, []);
      } finally {
        await proxy.close();
      }
    });

    it('a SOCKS http.proxy is refused, naming the setting; nothing is sent', async () => {
      const socks = await startSocksProxy();
      try {
        await http().update('proxy', socks.url(), vscode.ConfigurationTarget.Global);
        const sent = endpoint.requests.length;
        assert.match(
          failure(await run('connectionAnalytics.queryEvents', { minutes: 60 })),
          /http\.proxy is a SOCKS proxy \(socks5:\/\/127\.0\.0\.1:\d+\), which this extension does not support/,
        );
        assert.deepEqual(socks.seen, []);
        assert.equal(endpoint.requests.length, sent);
      } finally {
        await socks.close();
      }
    });

    it('a proxy that asks for Basic credentials: 407 says what to set; credentials in http.proxy or http.proxyAuthorization work', async () => {
      const proxy = await TestProxy.start({ credentials: `corp-user:${PASSWORD}` });
      try {
        await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
        const refused = await run('connectionAnalytics.queryEvents', { minutes: 60 });
        assert.match(
          failure(refused),
          /The proxy requires authentication \(407\)\. Put the credentials in http\.proxy .* or http\.proxyAuthorization/,
        );

        await http().update('proxy', proxy.urlWithCredentials, vscode.ConfigurationTarget.Global);
        assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 60 }))?.status, 'ok', 'credentials in http.proxy');

        await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
        await http().update('proxyAuthorization', proxy.authorization, vscode.ConfigurationTarget.Global);
        assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 60 }))?.status, 'ok', 'http.proxyAuthorization');

        await http().update('proxyAuthorization', 'Basic d3Jvbmc6d3Jvbmc=', vscode.ConfigurationTarget.Global);
        assert.match(
          failure(await run('connectionAnalytics.queryEvents', { minutes: 60 })),
          /The proxy did not accept the credentials \(407\)/,
        );
        // Refused, then accepted (each query and the summary after it), then refused again.
        const refusals = proxy.seen.map((line) => line.endsWith(' 407'));
        assert.deepEqual(
          refusals.filter((refused, i) => i === 0 || refused !== refusals[i - 1]),
          [true, false, true],
        );
      } finally {
        await proxy.close();
      }
    });

    it('an http.proxy that is not a URL is named, without its credentials', async () => {
      await http().update('proxy', `http://corp-user:${PASSWORD}@proxy.corp:99999`, vscode.ConfigurationTarget.Global);
      const message = failure(await run('connectionAnalytics.queryEvents', { minutes: 60 }));
      assert.match(message, /http\.proxy is not a URL: "http:\/\/proxy\.corp:99999"/);
      assert.ok(!message.includes(PASSWORD) && !message.includes('corp-user'), message);
    });

    it('logs the proxy without its credentials', async () => {
      const lines: string[] = [];
      const log = {
        info: (m: string) => lines.push(m),
        warn: (m: string) => lines.push(m),
        error: (m: string) => lines.push(m),
        request: () => undefined,
      } as unknown as Log;
      const keys = { get: async () => KEY } as unknown as ApiKeyStore;
      const access = new ClientFactory(keys, settingsProfile, log, 'test');
      try {
        await http().update('proxy', `http://corp-user:${PASSWORD}@127.0.0.1:3128`, vscode.ConfigurationTarget.Global);
        await http().update(
          'proxyAuthorization',
          `Basic ${Buffer.from(`corp-user:${PASSWORD}`).toString('base64')}`,
          vscode.ConfigurationTarget.Global,
        );
        await access.client();
        assert.deepEqual(lines, [
          'Network: proxy http://127.0.0.1:3128/, proxy authorization set, 0 no-proxy hosts, strict SSL true, 1 extra CA certificates from connectionAnalytics.caCertificatesFile',
        ]);
      } finally {
        access.dispose();
      }
    });
  });

  describe('an API behind a private CA (a TLS-inspecting proxy)', () => {
    let ca: PrivateCa;
    let endpoint: Awaited<ReturnType<typeof startTlsApi>>;

    before(async () => {
      ca = PrivateCa.create('Corp Inspection Root CA');
      endpoint = await startTlsApi(ca.issue('127.0.0.1', 'IP:127.0.0.1'));
    });
    after(async () => {
      await endpoint.close();
      ca.dispose();
    });

    it('fails without the CA file, naming the certificate and the setting, and works with it', async () => {
      await ours().update('baseUrl', endpoint.url, vscode.ConfigurationTarget.Global);
      const refused = failure(await run('connectionAnalytics.queryEvents', { minutes: 60 }));
      assert.match(
        refused,
        /subject "CN=127\.0\.0\.1", issued by "CN=Corp Inspection Root CA"\) was not accepted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
      );
      assert.match(refused, /connectionAnalytics\.caCertificatesFile/);
      assert.deepEqual(endpoint.requests, [], 'nothing was sent over the unverified connection');

      await ours().update('caCertificatesFile', ca.certificateFile, vscode.ConfigurationTarget.Global);
      const result = await run('connectionAnalytics.queryEvents', { minutes: 60 });
      assert.equal(result?.status, 'ok', JSON.stringify(result));
      // The query, then what explains its empty answer (core/emptyResult), all over the verified connection
      // (the summary of the window goes to its own path).
      const queries = endpoint.requests.filter((url: string) => url.startsWith(EVENTS_PATH));
      assert.match(queries[0] ?? '', /minutes=60/);
      assert.ok(queries.length <= 1 + MAX_EXTRA_REQUESTS, queries.join(' '));
    });

    it('a CA file that cannot be read or holds no certificate says so, naming the setting; nothing is sent', async () => {
      await ours().update('baseUrl', endpoint.url, vscode.ConfigurationTarget.Global);
      const empty = ca.file('notes.txt');
      fs.writeFileSync(empty, 'the root is on the intranet\n');
      const cases: [string, RegExp][] = [
        [ca.file('missing.pem'), /connectionAnalytics\.caCertificatesFile: the file .*missing\.pem cannot be read \(ENOENT\)/],
        [empty, /connectionAnalytics\.caCertificatesFile: .*notes\.txt holds no PEM certificate/],
      ];
      const sent = endpoint.requests.length;
      for (const [file, message] of cases) {
        await ours().update('caCertificatesFile', file, vscode.ConfigurationTarget.Global);
        assert.match(failure(await run('connectionAnalytics.queryEvents', { minutes: 60 })), message);
      }
      assert.equal(endpoint.requests.length, sent);
    });

    it('the CA file is read from the user settings only', () => {
      const inspected = ours().inspect('caCertificatesFile');
      assert.equal(inspected?.defaultValue, '');
      const property = (extension.packageJSON.contributes.configuration.properties as Record<string, { scope?: string }>)[
        'connectionAnalytics.caCertificatesFile'
      ];
      assert.equal(property?.scope, 'application');
    });
  });

  describe('the form of the API key', () => {
    const malformed = [`${KEY.slice(0, 6)}\u0001${KEY.slice(6)}`, `${KEY}\u2019`, `${KEY.slice(0, 4)}\n${KEY.slice(4)}`];

    it('Set API Key refuses a key with a control character or a character outside visible ASCII, sends nothing and keeps the stored key', async () => {
      for (const key of malformed) {
        const sent = api.requests.length;
        assert.equal(await vscode.commands.executeCommand('connectionAnalytics.setApiKey', { apiKey: key }), false, JSON.stringify(key));
        assert.equal(api.requests.length, sent, 'no check request was sent');
      }
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 60 }))?.status, 'ok', 'the stored key is untouched');
    });

    it('the key store never stores one', async () => {
      const written: string[] = [];
      const secrets = {
        get: async () => undefined,
        store: async (_k: string, v: string) => void written.push(v),
        delete: async () => undefined,
        onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
      } as vscode.SecretStorage;
      const store = new ApiKeyStore(secrets, settingsProfile);
      for (const key of malformed) {
        await assert.rejects(store.set(key), /The API key contains/);
      }
      assert.deepEqual(written, []);
      store.dispose();
    });

    it('a malformed key already in storage is not sent: the message says so and offers Set API Key', async () => {
      const keys = { get: async () => malformed[0] } as unknown as ApiKeyStore;
      const log = { info: () => undefined, request: () => undefined } as unknown as Log;
      const access = new ClientFactory(keys, settingsProfile, log, 'test');
      try {
        const sent = api.requests.length;
        const error = await access.client().then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof MalformedApiKeyError, String(error));
        assert.match(
          error.message,
          /^The stored API key is malformed and was not sent\. The API key contains a control character .* at position 7; .* Set it again with Set API Key\.$/,
        );
        assert.ok(!error.message.includes(KEY.slice(0, 6)) && !error.message.includes(KEY.slice(6)));
        assert.deepEqual(recoveryActions(error), ['setApiKey']);
        assert.equal(api.requests.length, sent);
      } finally {
        access.dispose();
      }
    });

    it('a base URL with a password that does not parse is named without it', async () => {
      await ours().update('baseUrl', `https://user:${PASSWORD}@api-console.apibricks.io:99999`, vscode.ConfigurationTarget.Global);
      const message = failure(await run('connectionAnalytics.queryEvents', { minutes: 60 }));
      assert.match(message, /connectionAnalytics\.baseUrl is not a URL: "https:\/\/api-console\.apibricks\.io:99999"/);
      assert.ok(!message.includes(PASSWORD));
    });
  });
});
