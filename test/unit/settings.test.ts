import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkProxyUrl } from '../../src/api/proxy';
import { checkBaseUrl, DEFAULT_SETTINGS, migrateAutoRefresh, sanitizeSettings } from '../../src/core/settings';
import { withoutUserinfo } from '../../src/core/userinfo';

describe('core/settings', () => {
  describe('checkBaseUrl', () => {
    const accepted: [string, string][] = [
      ['https://api-console.apibricks.io', 'https://api-console.apibricks.io'],
      ['https://api-console.apibricks.io/', 'https://api-console.apibricks.io'],
      ['https://gateway.example.com/console/', 'https://gateway.example.com/console'],
      ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
      ['http://localhost:8080', 'http://localhost:8080'],
      ['http://[::1]:8080', 'http://[::1]:8080'],
    ];
    for (const [input, url] of accepted) {
      it(`accepts ${input}`, () => {
        assert.deepEqual(checkBaseUrl(input), { ok: true, url });
      });
    }
    const refused: [string, RegExp][] = [
      ['http://api-console.apibricks.io', /https/],
      ['http://10.0.0.5:3000', /https/],
      ['ftp://example.com', /https/],
      ['https://user:pass@api-console.apibricks.io', /user name or password/],
      ['https://api-console.apibricks.io/?key=x', /query or fragment/],
      ['not a url', /not a URL/],
    ];
    for (const [input, pattern] of refused) {
      it(`refuses ${input}`, () => {
        const result = checkBaseUrl(input);
        assert.equal(result.ok, false);
        assert.match(!result.ok ? result.message : '', pattern);
        assert.match(!result.ok ? result.message : '', /connectionAnalytics\.baseUrl/);
      });
    }
  });

  it('sanitizeSettings falls back to defaults for wrong types and ranges', () => {
    assert.deepEqual(sanitizeSettings({}), DEFAULT_SETTINGS);
    assert.deepEqual(
      sanitizeSettings({
        baseUrl: 42,
        authHeader: 'Bearer',
        defaultLimit: 0,
        requestTimeoutSeconds: 1.5,
        heartbeatGapSeconds: -1,
        maxResponseMegabytes: 0.5,
        'liveTail.intervalSeconds': 1,
        connectionLookbackDays: 0,
        timeZone: 'Europe/Warsaw',
        'hover.enabled': 'no',
        'debugSession.marginSeconds': -1,
      }),
      DEFAULT_SETTINGS,
    );
    // Above the range: the most the setting allows, not the default (a user who raised it gets as much as can be had).
    assert.equal(sanitizeSettings({ maxResponseMegabytes: 2048 }).maxResponseMegabytes, 256);
    assert.deepEqual(
      sanitizeSettings({
        baseUrl: ' http://127.0.0.1:1 ',
        authHeader: 'X-CoinAPI-Key',
        defaultLimit: 50,
        requestTimeoutSeconds: 5,
        heartbeatGapSeconds: 90,
        maxResponseMegabytes: 8,
        'liveTail.intervalSeconds': 30,
        caCertificatesFile: ' /etc/corp/root.pem ',
        connectionLookbackDays: 30,
        timeZone: 'utc',
        'hover.enabled': false,
        'debugSession.marginSeconds': 0,
      }),
      {
        baseUrl: 'http://127.0.0.1:1',
        authHeader: 'X-CoinAPI-Key',
        defaultLimit: 50,
        requestTimeoutSeconds: 5,
        heartbeatGapSeconds: 90,
        maxResponseMegabytes: 8,
        'liveTail.intervalSeconds': 30,
        caCertificatesFile: '/etc/corp/root.pem',
        connectionLookbackDays: 30,
        timeZone: 'utc',
        'hover.enabled': false,
        'debugSession.marginSeconds': 0,
        savedQueries: [],
      },
    );
    assert.equal(sanitizeSettings({ caCertificatesFile: 7 }).caCertificatesFile, '');
  });

  it("moves a user's autoRefreshSeconds to the live tail once: on, at that interval (at least the tail's minimum), unless the interval was set", () => {
    assert.deepEqual(migrateAutoRefresh(30, undefined), { enableTail: true, intervalSeconds: 30 });
    assert.deepEqual(migrateAutoRefresh(1, undefined), { enableTail: true, intervalSeconds: 2 });
    assert.deepEqual(migrateAutoRefresh(30, 15), { enableTail: true, intervalSeconds: undefined });
    for (const off of [0, undefined, -5, 2.5, '30', null]) {
      assert.equal(migrateAutoRefresh(off, undefined), undefined, String(off));
    }
  });

  it('caCertificatesFile is an application setting, like baseUrl: a workspace cannot change what is trusted', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    assert.equal(manifest.contributes.configuration.properties['connectionAnalytics.caCertificatesFile'].scope, 'application');
  });

  describe('user info is never shown', () => {
    const cases: [string, string][] = [
      ['https://user:s3cret@proxy.corp:8080', 'https://proxy.corp:8080/'],
      ['http://s3cret@proxy.corp:8080/', 'http://proxy.corp:8080/'],
      ['https://api-console.apibricks.io', 'https://api-console.apibricks.io'],
      ['https://user:s3cret@host:99999', 'https://host:99999'],
      ['user:s3cret@host', 'host'],
      ['https://us@er:s3c@ret@host', 'https://host/'],
      ['no url at all', 'no url at all'],
    ];
    for (const [input, shown] of cases) {
      it(`withoutUserinfo(${JSON.stringify(input)})`, () => {
        assert.equal(withoutUserinfo(input), shown);
      });
    }

    it('a base URL that is not a URL is named without its password', () => {
      const result = checkBaseUrl('https://user:s3cret@api-console.apibricks.io:99999');
      assert.ok(!result.ok && result.message.includes('https://api-console.apibricks.io:99999'), JSON.stringify(result));
      assert.ok(!JSON.stringify(result).includes('s3cret'));
    });

    it('http.proxy: a broken or wrong-scheme URL is named without its credentials', () => {
      assert.deepEqual(checkProxyUrl(''), { ok: true });
      assert.deepEqual(checkProxyUrl('http://user:s3cret@proxy.corp:3128'), { ok: true });
      for (const [text, pattern] of [
        ['http://user:s3cret@proxy.corp:99999', /^http\.proxy is not a URL: "http:\/\/proxy\.corp:99999"/],
        ['ftp://user:s3cret@proxy.corp', /^http\.proxy must start with http:\/\/ or https:\/\/ \(it is "ftp:\/\/proxy\.corp\/"\)/],
        [
          'socks5://user:s3cret@proxy.corp:1080',
          /^http\.proxy is a SOCKS proxy \(socks5:\/\/proxy\.corp:1080\), which this extension does not support\. Set http\.proxy to an http:\/\/ or https:\/\/ proxy\.$/,
        ],
      ] as const) {
        const result = checkProxyUrl(text);
        assert.ok(!result.ok);
        assert.match(result.message, pattern);
        assert.ok(!result.message.includes('s3cret'));
      }
    });
  });
});
