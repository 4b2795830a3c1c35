import * as assert from 'node:assert/strict';
import { constants as bufferConstants } from 'node:buffer';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { Agent } from 'undici';
import { readBody } from '../../src/api/responseBody';
import { ConsoleApiClient } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { ApiError, ResponseTooLargeError } from '../../src/api/errors';
import { MAX_RESPONSE_MEGABYTES, MAX_RESPONSE_SETTING, sanitizeSettings, SETTINGS_SECTION } from '../../src/core/settings';

const MIB = 1024 * 1024;
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

describe('responses too large to take', () => {
  let server: http.Server;
  let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  let url: string;
  const dispatcher = new Agent();
  const client = (maxResponseBytes: number, timeoutMs = 30_000) =>
    new ConsoleApiClient({ baseUrl: url, apiKey: 'k-size-test-0001', dispatcher, retry: NO_RETRY, maxResponseBytes, timeoutMs });
  async function failure(promise: Promise<unknown>): Promise<ApiError> {
    const error = await promise.then(
      () => assert.fail('expected the request to fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError, String(error));
    return error;
  }

  before(async () => {
    server = http.createServer((req, res) => answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await dispatcher.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a Content-Length over the cap is refused before the body is read, saying how large it is, and the body is dropped', async () => {
    let closed: Promise<void> | undefined;
    answer = (req, res) => {
      closed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(212 * MIB) });
      // A little of the body; the rest would take long, and is never asked for.
      res.write('[');
    };
    const error = await failure(client(64 * MIB, 3_000).queryEvents({}));
    assert.ok(error instanceof ResponseTooLargeError, `${error.name}: ${error.message}`);
    assert.equal(
      error.message,
      'The response is 212 MiB, larger than the 64 MiB allowed by connectionAnalytics.maxResponseMegabytes; narrow the query or lower the limit.',
    );
    assert.equal(error.bytes, 212 * MIB);
    assert.equal(error.setting, MAX_RESPONSE_SETTING);
    await closed;
  });

  it('without a Content-Length, the message names the setting', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`[${'"x",'.repeat(300_000)}"x"]`);
    };
    const error = await failure(client(MIB).queryEvents({}));
    assert.ok(error instanceof ResponseTooLargeError);
    assert.equal(
      error.message,
      'The response is larger than 1 MiB, the most connectionAnalytics.maxResponseMegabytes allows; narrow the query or lower the limit.',
    );
  });

  it('a body too large for a string says it is too large, never "Could not reach"', async () => {
    // What undici hands over, without the cost of sending 520 MiB through a socket on a shared machine.
    const chunk = Buffer.alloc(65 * MIB, 0x20);
    const body = Readable.from(Array.from({ length: 8 }, () => chunk)) as unknown as Parameters<typeof readBody>[0];
    const error = await readBody(body, undefined, 1024 * MIB).then(
      () => assert.fail('expected the read to fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ResponseTooLargeError, String(error));
    assert.equal(error.message, 'The response is 520 MiB, too large to read; narrow the query.');
  });

  it('the setting is capped at what a string can hold, with room to parse: one number in the code and the manifest', () => {
    assert.ok(
      MAX_RESPONSE_MEGABYTES * MIB < bufferConstants.MAX_STRING_LENGTH,
      `${MAX_RESPONSE_MEGABYTES} MiB is more than a string holds`,
    );
    const contributed = manifest.contributes.configuration.properties[`${SETTINGS_SECTION}.maxResponseMegabytes`];
    assert.equal(contributed.maximum, MAX_RESPONSE_MEGABYTES);
    assert.equal(sanitizeSettings({ maxResponseMegabytes: MAX_RESPONSE_MEGABYTES }).maxResponseMegabytes, MAX_RESPONSE_MEGABYTES);
    // A value from before the cap (e.g. 1024) is the most that works, not the default.
    assert.equal(sanitizeSettings({ maxResponseMegabytes: 1024 }).maxResponseMegabytes, MAX_RESPONSE_MEGABYTES);
  });
});
