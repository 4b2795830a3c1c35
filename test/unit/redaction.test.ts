import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Agent } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { parseRecords } from '../../src/api/recordParser';
import { ApiError } from '../../src/api/errors';
import { connectionEventSchema } from '../../src/core/records';

/**
 * A server that echoes the key may write it with any escaping JSON allows
 * (.NET's default encoder writes `\u002B` for `+` and escapes non-ASCII): no
 * record, key or value, at any depth, may hold it once parsed.
 */

/** JSON text of `value`, each UTF-16 unit of each string written as `escape` picks. */
function serialize(value: unknown, escape: () => number): string {
  if (typeof value === 'string') {
    let out = '"';
    for (const unit of value) {
      for (let i = 0; i < unit.length; i++) {
        const code = unit.charCodeAt(i);
        const hex = code.toString(16).padStart(4, '0');
        const short: Record<string, string> = {
          '"': '\\"',
          '\\': '\\\\',
          '/': '\\/',
          '\b': '\\b',
          '\f': '\\f',
          '\n': '\\n',
          '\r': '\\r',
          '\t': '\\t',
        };
        const char = unit[i]!;
        const mustEscape = char === '"' || char === '\\' || code < 0x20 || (code >= 0xd800 && code <= 0xdfff && unit.length === 1);
        const pick = escape() % 4;
        if (pick === 0 && !mustEscape) {
          out += char;
        } else if (pick === 1 && short[char] !== undefined) {
          out += short[char];
        } else if (pick === 2) {
          out += `\\u${hex.toUpperCase()}`;
        } else if (mustEscape && short[char] !== undefined && pick === 0) {
          out += short[char];
        } else {
          out += `\\u${hex}`;
        }
      }
    }
    return `${out}"`;
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => serialize(v, escape)).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${serialize(k, escape)}:${serialize(v, escape)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Every string in `value`, keys included, at any depth. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    out.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => strings(v, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

/** What a key can hold and still go out in a header (undici sends Latin-1 at most). */
const sendable = [...'abcXYZ0189+/=-_."\\\' éüßÿ'];
const sendableKey = fc.array(fc.constantFrom(...sendable), { minLength: 8, maxLength: 24 }).map((chars) => chars.join(''));
/** Any text at all, for the parser on its own: other scripts, astral characters, separators. */
const anyKey = fc
  .array(fc.constantFrom(...sendable, '中', '文', '😀', '\u2028', '\u0000'), { minLength: 8, maxLength: 24 })
  .map((chars) => chars.join(''));

/** A body of records holding `key`, escaped by `choices`; the records as sent. */
function echoingBody(key: string, places: number[], choices: Iterable<number>): { body: string; records: Record<string, unknown>[] } {
  const records = places.map((where, index) => record(key, index, where));
  const iterator = choices[Symbol.iterator]();
  const body = serialize(records, () => iterator.next().value as number);
  assert.deepEqual(JSON.parse(body), records, 'the body is valid JSON of the records');
  return { body, records };
}

/** A record with the key in the places a careless server puts it. */
function record(key: string, index: number, where: number): Record<string, unknown> {
  const base: Record<string, unknown> = {
    eventId: `ev-${index}`,
    connectionId: `conn-${index}`,
    eventType: 'connect',
    eventTimestamp: '2026-04-20T19:30:38.5509677Z',
    eventDescription: 'ok',
    host: 'h',
  };
  switch (where % 5) {
    case 0:
      base.eventDescription = `rejected key ${key} at the gateway`;
      break;
    case 1:
      base.presentedKey = key;
      break;
    case 2:
      base.details = { headers: [{ name: 'Authorization', value: key }, [`x${key}y`, { deeper: [key] }]] };
      break;
    case 3:
      base[`key:${key}`] = true;
      break;
    default:
      base.nested = { [key]: { [key]: key } };
      break;
  }
  return base;
}

describe('api/client redacts an echoed key in every JSON escaping of it', () => {
  let body = '[]';
  let server: http.Server;
  let url: string;
  const dispatcher = new Agent();

  before(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await dispatcher.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('no record holds the key in any string, key or value, at any depth (property, through the client)', async () => {
    await fc.assert(
      fc.asyncProperty(
        sendableKey,
        fc.array(fc.nat(4), { minLength: 1, maxLength: 6 }),
        fc.infiniteStream(fc.nat()),
        async (key, places, choices) => {
          const echoed = echoingBody(key, places, choices);
          body = echoed.body;
          const client = new ConsoleApiClient({ baseUrl: url, apiKey: key, dispatcher, retry: NO_RETRY });
          const result = await client.queryEvents({});
          assert.equal(result.records.length, echoed.records.length);
          assert.deepEqual(
            strings(result.records).filter((s) => s.includes(key)),
            [],
            `key ${JSON.stringify(key)} in body ${body}`,
          );
          assert.ok(!JSON.stringify(result.records).includes(key));
        },
      ),
      { numRuns: 150, seed: 8 },
    );
  });

  it('the same for keys of any script, astral characters included (property, the parser)', () => {
    fc.assert(
      fc.property(anyKey, fc.array(fc.nat(4), { minLength: 1, maxLength: 6 }), fc.infiniteStream(fc.nat()), (key, places, choices) => {
        const echoed = echoingBody(key, places, choices);
        const result = parseRecords(echoed.body, connectionEventSchema(), key);
        assert.equal(result.records.length, echoed.records.length);
        assert.deepEqual(
          strings(result.records).filter((s) => s.includes(key)),
          [],
          `key ${JSON.stringify(key)} in body ${echoed.body}`,
        );
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('a key named __proto__ in an echoed record changes no prototype', () => {
    const key = 'secret-key-1234';
    const result = parseRecords(
      `[{"eventId":"e","connectionId":"c","eventType":"t","eventTimestamp":"2026-04-20T00:00:00Z","__proto__":{"polluted":"${key}"},"x${key}":1}]`,
      connectionEventSchema(),
      key,
    );
    const first = result.records[0] as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(first), Object.prototype);
    assert.equal(first.polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(first['x[redacted]'], 1);
  });

  it('the key escaped inside an error body of an unknown shape is redacted from the message', async () => {
    const key = 'ab+cd/ef=gh-é';
    const escaped = serialize({ detail: `bad key ${key}`, status: 401 }, () => 2);
    const errorServer = http.createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(escaped);
    });
    await new Promise<void>((resolve) => errorServer.listen(0, '127.0.0.1', resolve));
    try {
      const port = (errorServer.address() as AddressInfo).port;
      const client = new ConsoleApiClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: key, dispatcher, retry: NO_RETRY });
      const error = await client.queryEvents({}).then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ApiError);
      assert.ok(!error.message.includes(key), error.message);
      assert.ok(!error.message.includes(serialize(key, () => 2).slice(1, -1)), error.message);
      assert.match(error.message, /\[redacted\]/);
    } finally {
      await new Promise<void>((resolve) => errorServer.close(() => resolve()));
    }
  });
});
