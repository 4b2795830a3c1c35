import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Agent } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { mayHoldSecret, redactParsedJson, redactSecret } from '../../src/api/redaction';
import { NO_RETRY } from '../../src/api/retry';
import { apiKeyFormProblem, MIN_API_KEY_LENGTH } from '../../src/core/apiKeyForm';

/** `\uXXXX` for each UTF-16 unit of `char`. */
const unicodeEscape = (char: string, upper: boolean): string =>
  [...Array(char.length).keys()]
    .map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`)
    .join('');
const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/' };

/** Every way a server may write one character of the key back: raw, JSON escapes, HTML entities, percent-encoding. */
const SPELLINGS: ((char: string) => string)[] = [
  (c) => c,
  (c) => unicodeEscape(c, false),
  (c) => unicodeEscape(c, true),
  (c) => SHORT[c] ?? JSON.stringify(c).slice(1, -1),
  (c) => `&#${c.codePointAt(0)};`,
  (c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`,
  (c) => encodeURIComponent(c).replace(/%[0-9A-F]{2}/g, (p) => p.toLowerCase()),
  (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''),
];

/** Keys with the characters that escape differently, and non-ASCII ones (the redaction does not trust the key's form). */
const keyChars = [...'aZ09-_+/=\\"', 'é', '中', '😀'];
const key = fc.array(fc.constantFrom(...keyChars), { minLength: MIN_API_KEY_LENGTH, maxLength: 20 }).map((chars) => chars.join(''));
/** Text around the key, backslashes and ampersands included, so that a spelling can start after one. */
const around = fc.array(fc.constantFrom(...'ab {}":,\\&%;#u0'), { maxLength: 12 }).map((chars) => chars.join(''));

describe('api/redaction: the key in every spelling a server may echo it in', () => {
  it('removes the key however each of its characters is written, wherever it sits (property)', () => {
    fc.assert(
      fc.property(
        key,
        around,
        around,
        fc.array(fc.nat(SPELLINGS.length - 1), { minLength: 20, maxLength: 20 }),
        (secret, before, after, picks) => {
          const spelled = [...secret].map((char, i) => SPELLINGS[picks[i]!]!(char)).join('');
          const text = `${before}${spelled}${after}`;
          const clean = redactSecret(text, secret);
          assert.ok(clean.includes('[redacted]'), `not redacted: ${JSON.stringify(text)} -> ${JSON.stringify(clean)}`);
          assert.ok(!clean.includes(spelled) && !clean.includes(secret), `${JSON.stringify(text)} -> ${JSON.stringify(clean)}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves text that does not spell the key alone (property)', () => {
    fc.assert(
      fc.property(key, around, (secret, text) => {
        fc.pre(!text.includes(secret) && !secret.split('').every((c) => 'ab {}":,\\&%;#u0'.includes(c)));
        assert.equal(redactSecret(text, secret), text);
      }),
    );
  });

  it('the shortest key the form allows is the shortest one redacted: one number for both', () => {
    const shortest = 'k3Y!'.slice(0, MIN_API_KEY_LENGTH);
    assert.equal(apiKeyFormProblem(shortest), undefined);
    assert.equal(redactSecret(`bad key ${shortest}`, shortest), 'bad key [redacted]');
    for (let length = 1; length < MIN_API_KEY_LENGTH; length++) {
      const problem = apiKeyFormProblem('k3Y!'.slice(0, length));
      assert.match(
        problem ?? 'accepted',
        new RegExp(`^The API key is ${length} characters? long; a key has at least ${MIN_API_KEY_LENGTH}\\.`),
      );
    }
  });
});

describe('api/client: an echoed key never reaches a message built from server text', () => {
  let answer = { status: 200, body: '' };
  let server: http.Server;
  const dispatcher = new Agent();
  const failure = async (secret: string): Promise<ApiError> => {
    const client = new ConsoleApiClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiKey: secret,
      dispatcher,
      retry: NO_RETRY,
    });
    const error = await client.queryEvents({ limit: 1 }).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError, String(error));
    return error;
  };

  before(async () => {
    server = http.createServer((_req, res) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await dispatcher.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const KEY = 'ABCD+EF/GH-1234-5678';
  const every = [...KEY].map((c) => unicodeEscape(c, false)).join('');
  const cases: [string, string, number, string][] = [
    ['truncated JSON, every character \\u-escaped', KEY, 401, `{"error":"bad key ${every}"`],
    ['truncated JSON, + as \\u002B', KEY, 400, `{"error":"bad key ${KEY.replace('+', '\\u002B')}`],
    ['HTML with &#43;', KEY, 401, `<p>bad key ${KEY.replace('+', '&#43;')}</p>`],
    ['HTML with &#x2B;', KEY, 503, `<p>bad key ${KEY.replace('+', '&#x2B;')}</p>`],
    ['percent-encoded', KEY, 401, `bad key ${encodeURIComponent(KEY)}`],
    [
      'truncated JSON, a key with a backslash, escaped',
      'abc\\def-1234-xyz',
      401,
      `{"error":"bad key ${JSON.stringify('abc\\def-1234-xyz').slice(1, -1)}"`,
    ],
    [
      'truncated JSON, a key with a quote, escaped',
      'abc"def-1234-xyz',
      401,
      `{"error":"bad key ${JSON.stringify('abc"def-1234-xyz').slice(1, -1)}"`,
    ],
    ['a 200 that is not JSON, starting with a key with a backslash', 'abc\\def-1234-xyz', 200, 'abc\\def-1234-xyz is not JSON'],
    ['a 200 that is not JSON, starting with a key with a quote', 'abc"def-1234-xyz', 200, 'abc"def-1234-xyz is not JSON'],
  ];
  for (const [name, secret, status, body] of cases) {
    it(`${name} (${status})`, async () => {
      answer = { status, body };
      const error = await failure(secret);
      const spelled = [
        secret,
        JSON.stringify(secret).slice(1, -1),
        every,
        encodeURIComponent(secret),
        secret.replace('+', '&#43;'),
        secret.replace('+', '&#x2B;'),
        secret.replace('+', '\\u002B'),
      ];
      for (const form of spelled) {
        assert.ok(!error.message.includes(form), `the key (${JSON.stringify(form)}) is in: ${error.message}`);
      }
      assert.match(error.message, /\[redacted\]/);
    });
  }
});

describe('the records of a body that cannot spell the key are not walked', () => {
  it('when mayHoldSecret says no, no parsed string holds the key in any spelling; when the body holds one, it says yes', () => {
    const key = 'AB+C/d=e';
    const piece = fc.constantFrom('AB', '+C', '/d', '=e', 'x', ' ', 'AB+C/d=e', '\\u0041', '&#43;', '%2B', '"', '\\');
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')),
          { maxLength: 5 },
        ),
        (texts) => {
          const body = JSON.stringify(texts.map((text, i) => ({ eventId: `e${i}`, [text]: text })));
          const parsed: unknown = JSON.parse(body);
          const walked = redactParsedJson(JSON.parse(body), key);
          if (!mayHoldSecret(body, key)) {
            assert.deepEqual(walked, parsed, 'the walk would have changed nothing');
          }
          if (JSON.stringify(walked) !== JSON.stringify(parsed)) {
            assert.ok(mayHoldSecret(body, key), 'a body whose records held the key was recognised');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
