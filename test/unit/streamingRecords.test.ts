import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Agent } from 'undici';
import { ConsoleApiClient, type RequestLog } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { parseRecords } from '../../src/api/recordParser';
import { connectionEventSchema } from '../../src/core/records';
import { generateDataset } from '../fake-api/data';

/** A server answering every request with `count` copies of `record` as one JSON array, written a record at a time. */
async function repeatingServer(record: string, count: number): Promise<{ url: string; close: () => Promise<void> }> {
  const element = Buffer.from(record);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 + count * element.length + (count - 1)) });
    let written = 0;
    const write = (): void => {
      while (written < count) {
        const ok = res.write(written === 0 ? Buffer.concat([Buffer.from('['), element]) : Buffer.concat([Buffer.from(','), element]));
        written++;
        if (!ok) {
          res.once('drain', write);
          return;
        }
      }
      res.end(']');
    };
    write();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('api/client: records are read as the body streams in', function () {
  this.timeout(120_000);

  it('a body far larger than the heap, within maxResponseMegabytes, is read with memory bounded by the records kept', async () => {
    // 120 MiB of records the schema refuses (an empty eventId): none is kept, so the heap holds a few at a time.
    const record = JSON.stringify({
      eventId: '',
      connectionId: 'c1',
      eventType: 'connect',
      eventTimestamp: '2026-04-20T19:30:38Z',
      pad: 'x'.repeat(8 * 1024),
    });
    const count = Math.ceil((120 * 1024 * 1024) / record.length);
    const server = await repeatingServer(record, count);
    try {
      const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
        execFile(
          process.execPath,
          ['--max-old-space-size=64', path.join(__dirname, '..', 'fixtures', 'boundedLoad.js'), server.url],
          { maxBuffer: 1024 * 1024 },
          (error, out, err) =>
            error
              ? reject(new Error(`the load failed (${String(error.code ?? error.signal)}): ${err.slice(-400)}`))
              : resolve({ stdout: out }),
        ),
      );
      assert.deepEqual(JSON.parse(stdout), { records: 0, received: count, invalid: count });
    } finally {
      await server.close();
    }
  });

  it('an answer that turns out not to be JSON while it streams is logged with its status and the bytes read', async () => {
    const body = `[{"eventId":"e1"}, <html>${'x'.repeat(5000)}`;
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dispatcher = new Agent();
    const logs: RequestLog[] = [];
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new ConsoleApiClient({
        baseUrl: url,
        apiKey: 'k-stream-test-0001',
        dispatcher,
        retry: NO_RETRY,
        onRequest: (l) => logs.push(l),
      });
      await assert.rejects(client.queryEvents({}), /The response is not JSON \(starts with "\[\{"eventId":"e1"\}, <html>/);
      assert.equal(logs.length, 1);
      assert.equal(logs[0]!.status, 200);
      assert.ok(logs[0]!.bytes > 0 && logs[0]!.bytes <= Buffer.byteLength(body), `bytes: ${logs[0]!.bytes}`);
    } finally {
      await dispatcher.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a body arriving a few bytes at a time, split inside characters and escapes, reads as the whole body does', async () => {
    const events = generateDataset({ seed: 5, connections: 3 }).events.slice(0, 20);
    const records = events.map((e, i) => ({ ...e.record, eventDescription: `é 中 😀 \\ " \u2028 ${i}`, ключ: [i, { '"]': '[' }] }));
    const body = JSON.stringify(records).replace(/é/g, '\\u00e9');
    const bytes = Buffer.from(body);
    // Three bytes at a time, each write on its own turn of the loop, so that they arrive apart.
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let at = 0;
      const next = (): void => {
        if (at >= bytes.length) {
          res.end();
          return;
        }
        res.write(bytes.subarray(at, (at += 3)));
        setImmediate(next);
      };
      next();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dispatcher = new Agent();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new ConsoleApiClient({ baseUrl: url, apiKey: 'k-stream-test-0001', dispatcher, retry: NO_RETRY });
      const result = await client.queryEvents({});
      assert.deepStrictEqual(result, parseRecords(body, connectionEventSchema(), 'k-stream-test-0001'));
      assert.equal(result.records.length, 20);
    } finally {
      await dispatcher.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
