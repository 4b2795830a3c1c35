import * as assert from 'node:assert/strict';
import { checkBaseUrl, DEFAULT_SETTINGS, sanitizeSettings } from '../../src/core/settings';

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
    assert.deepEqual(sanitizeSettings({ baseUrl: 42, authHeader: 'Bearer', defaultLimit: 0, requestTimeoutSeconds: 1.5, heartbeatGapSeconds: -1, maxResponseMegabytes: 2048, autoRefreshSeconds: -5, connectionLookbackDays: 0 }), DEFAULT_SETTINGS);
    assert.deepEqual(sanitizeSettings({ baseUrl: ' http://127.0.0.1:1 ', authHeader: 'X-CoinAPI-Key', defaultLimit: 50, requestTimeoutSeconds: 5, heartbeatGapSeconds: 90, maxResponseMegabytes: 8, autoRefreshSeconds: 30, connectionLookbackDays: 30 }), {
      baseUrl: 'http://127.0.0.1:1',
      authHeader: 'X-CoinAPI-Key',
      defaultLimit: 50,
      requestTimeoutSeconds: 5,
      heartbeatGapSeconds: 90,
      maxResponseMegabytes: 8,
      autoRefreshSeconds: 30,
      connectionLookbackDays: 30,
    });
  });
});
