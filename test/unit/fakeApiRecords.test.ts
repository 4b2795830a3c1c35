import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { formatTimestamp, type EventRecord } from '../fake-api/data';
import { EVENTS_PATH, FakeConsoleApi, STATUS_PATH } from '../fake-api/server';

/**
 * The fake Console API's hooks for benches: serving given records instead of generated ones, and
 * the moment each response finished, read with an independent client (node:http).
 */
const NOW = Date.UTC(2026, 10, 28, 12);

function record(i: number, connection: string, apikeyId: string, ms: number, ticks: number): EventRecord {
  return {
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    connectionId: connection,
    organizationId: 'c0ffee00-0000-4000-8000-000000000001',
    apikeyId,
    host: 'ws-01.us-east-1.coinapi.io',
    ipAddress: '203.0.113.1',
    protocolName: 'WebSocket',
    serviceName: 'coinapi-ws',
    dataCenter: 'us-east-1',
    eventType: 'heartbeat',
    eventDescription: 'Heartbeat received',
    eventTimestamp: formatTimestamp(ms, ticks),
  };
}

function get(base: string, path: string, params: Record<string, string>): Promise<{ status: number; json: unknown }> {
  const url = new URL(base + path);
  for (const [k, v] of Object.entries(params)) {
    url.searchParams.set(k, v);
  }
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { Authorization: 'demo' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

describe('fake Console API: given records, and when a response finished', () => {
  const keyA = 'f1e2d3c4-b5a6-4879-8765-00000000000a';
  const keyB = 'f1e2d3c4-b5a6-4879-8765-00000000000b';
  // Oldest first on purpose: the server answers newest first whatever the order given.
  const records = [
    record(1, 'conn_a1', keyA, NOW - 3000, 5),
    record(2, 'conn_b1', keyB, NOW - 2000, 0),
    record(3, 'conn_a2', keyA, NOW - 2000, 7),
    record(4, 'conn_a1', keyA, NOW - 1000, 0),
  ];
  let api: FakeConsoleApi;

  before(async () => {
    api = await FakeConsoleApi.start({ records, now: NOW, clock: () => NOW });
  });
  after(() => api.close());

  it('serves exactly the given records, newest first (ticks included), filtered as any', async () => {
    const all = await get(api.url, EVENTS_PATH, { limit: '10' });
    assert.deepEqual(all.json, [records[3], records[2], records[1], records[0]]);
    const ofA = await get(api.url, EVENTS_PATH, { apiKeyId: keyA, limit: '2' });
    assert.deepEqual(ofA.json, [records[3], records[2]]);
    const inRange = await get(api.url, EVENTS_PATH, {
      timeStart: formatTimestamp(NOW - 2000, 4),
      timeEnd: formatTimestamp(NOW - 1000, 0),
    });
    assert.deepEqual(inRange.json, [records[3], records[2]]);
  });

  it('has no connections for the status endpoint', async () => {
    assert.deepEqual((await get(api.url, STATUS_PATH, {})).json, []);
  });

  it('records when each response finished, after it was asked for and once the client has it', async () => {
    const asked = Date.now();
    await get(api.url, EVENTS_PATH, { limit: '1' });
    const request = api.eventRequests.at(-1);
    assert.ok(request?.finishedAt !== undefined, 'finishedAt is set once the client has read the body');
    assert.ok(request.finishedAt >= asked && request.finishedAt <= Date.now(), `${request.finishedAt} within the request`);
  });

  it('refuses a record whose timestamp it cannot read, naming the event', async () => {
    await assert.rejects(
      FakeConsoleApi.start({ records: [{ ...records[0]!, eventTimestamp: 'yesterday' }] }),
      /eventTimestamp of 00000000-0000-4000-8000-000000000001 is not of the form/,
    );
  });
});
