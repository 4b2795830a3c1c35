import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { liveHeartbeats } from '../fake-api/data';
import { EVENTS_PATH, FakeConsoleApi, STATUS_PATH, SUMMARY_PATH } from '../fake-api/server';

/**
 * The fake Console API checked against the spec with an independent client
 * (node:http, not the extension's undici client), so that the two do not
 * share a mistake.
 */
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: unknown;
}

function get(
  base: string,
  path: string,
  params: Record<string, string | number | boolean> = {},
  headers: Record<string, string> = { Authorization: 'demo' },
): Promise<Answer> {
  const url = new URL(base + path);
  for (const [k, v] of Object.entries(params)) {
    url.searchParams.set(k, String(v));
  }
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : undefined }));
      })
      .on('error', reject);
  });
}

type Row = Record<string, unknown>;
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('fake Console API (independent client)', () => {
  let api: FakeConsoleApi;
  let allEvents: Row[];

  before(async () => {
    api = await FakeConsoleApi.start({ seed: 7, connections: 150, now: NOW, clock: () => NOW });
    allEvents = (await get(api.url, EVENTS_PATH, { limit: 1_000_000 })).json as Row[];
  });
  after(() => api.close());

  it('binds to 127.0.0.1', () => {
    assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  describe('authentication', () => {
    it('401 {"error": "Invalid API key"} without a key or with a wrong one', async () => {
      for (const headers of [{}, { Authorization: 'wrong' }, { Authorization: 'Bearer demo' }] as Record<string, string>[]) {
        const answer = await get(api.url, EVENTS_PATH, {}, headers);
        assert.equal(answer.status, 401);
        assert.deepEqual(answer.json, { error: 'Invalid API key' });
      }
    });

    it('accepts the raw key in Authorization or X-CoinAPI-Key', async () => {
      assert.equal((await get(api.url, EVENTS_PATH, { limit: 1 }, { Authorization: 'demo' })).status, 200);
      assert.equal((await get(api.url, EVENTS_PATH, { limit: 1 }, { 'X-CoinAPI-Key': 'demo' })).status, 200);
    });
  });

  describe(`GET ${EVENTS_PATH}`, () => {
    it('returns the documented fields, with realistic variety', () => {
      assert.ok(allEvents.length > 5000, `only ${allEvents.length} events`);
      const keys = [
        'eventId',
        'connectionId',
        'organizationId',
        'apikeyId',
        'host',
        'ipAddress',
        'protocolName',
        'serviceName',
        'dataCenter',
        'eventType',
        'eventDescription',
        'eventTimestamp',
      ];
      for (const row of allEvents.slice(0, 50)) {
        assert.deepEqual(Object.keys(row).sort(), [...keys].sort());
      }
      const distinct = (field: string) => new Set(allEvents.map((e) => e[field]));
      assert.ok(distinct('serviceName').size >= 4);
      assert.deepEqual([...distinct('protocolName')].sort(), ['FIX', 'REST', 'WebSocket']);
      assert.ok(distinct('dataCenter').size >= 4);
      assert.ok(distinct('apikeyId').size >= 4);
      for (const type of ['connect', 'heartbeat', 'disconnect', 'subscribe', 'auth_failed']) {
        assert.ok(distinct('eventType').has(type), type);
      }
      const ips = [...distinct('ipAddress')] as string[];
      assert.ok(ips.some((ip) => ip.includes(':')) && ips.some((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)), 'IPv4 and IPv6');
      const stamps = allEvents.map((e) => e.eventTimestamp as string);
      assert.ok(stamps.filter((s) => /\.\d{7}Z$/.test(s)).length > stamps.length * 0.9, 'mostly 7 digits');
      assert.ok(
        stamps.some((s) => !/\.\d{7}Z$/.test(s)),
        'a few with fewer digits',
      );
      const reasons = new Set(allEvents.filter((e) => e.eventType === 'disconnect').map((e) => e.eventDescription as string));
      assert.ok(
        [...reasons].some((r) => /by client/.test(r)) &&
          [...reasons].some((r) => /by server/.test(r)) &&
          [...reasons].some((r) => /timeout/.test(r)),
      );
    });

    it('defaults limit to 1000 and honours limit', async () => {
      assert.equal(((await get(api.url, EVENTS_PATH)).json as Row[]).length, 1000);
      assert.equal(((await get(api.url, EVENTS_PATH, { limit: 7 })).json as Row[]).length, 7);
    });

    for (const [param, field] of [
      ['apiKeyId', 'apikeyId'],
      ['connectionId', 'connectionId'],
      ['serviceName', 'serviceName'],
      ['protocolName', 'protocolName'],
      ['dataCenter', 'dataCenter'],
      ['eventType', 'eventType'],
    ] as const) {
      it(`filters ${param} exactly`, async () => {
        const value = allEvents[Math.floor(allEvents.length / 3)]![field] as string;
        const rows = (await get(api.url, EVENTS_PATH, { [param]: value, limit: 1_000_000 })).json as Row[];
        const expected = allEvents.filter((e) => e[field] === value);
        assert.ok(rows.length > 0);
        assert.equal(rows.length, expected.length);
        assert.ok(rows.every((r) => r[field] === value));
        if (param !== 'apiKeyId') {
          const partial = (await get(api.url, EVENTS_PATH, { [param]: value.slice(0, -1), limit: 10 })).json as Row[];
          assert.ok(
            partial.every((r) => r[field] !== value),
            'no prefix matching',
          );
        }
      });
    }

    it('filters timeStart/timeEnd on eventTimestamp, inclusive, to 100 ns', async () => {
      const sorted = [...allEvents].sort((a, b) => byTicks(ticks(a.eventTimestamp as string), ticks(b.eventTimestamp as string)));
      const withSeven = sorted.filter((e) => /\.\d{7}Z$/.test(e.eventTimestamp as string));
      const from = withSeven[100]!.eventTimestamp as string;
      const to = withSeven[400]!.eventTimestamp as string;
      const rows = (await get(api.url, EVENTS_PATH, { timeStart: from, timeEnd: to, limit: 1_000_000 })).json as Row[];
      const expected = allEvents.filter(
        (e) => ticks(e.eventTimestamp as string) >= ticks(from) && ticks(e.eventTimestamp as string) <= ticks(to),
      );
      assert.equal(rows.length, expected.length);
      assert.ok(rows.some((r) => r.eventTimestamp === from) && rows.some((r) => r.eventTimestamp === to));
      // One tick later excludes the first record.
      const later = (await get(api.url, EVENTS_PATH, { timeStart: bumpTick(from), timeEnd: to, limit: 1_000_000 })).json as Row[];
      assert.ok(!later.some((r) => r.eventTimestamp === from));
    });

    it('filters minutes back from the server clock', async () => {
      const rows = (await get(api.url, EVENTS_PATH, { minutes: 30, limit: 1_000_000 })).json as Row[];
      const expected = allEvents.filter((e) => Date.parse(e.eventTimestamp as string) >= NOW - 30 * 60_000);
      assert.ok(rows.length > 0);
      assert.ok(Math.abs(rows.length - expected.length) <= 1, `${rows.length} vs ${expected.length}`);
    });

    it('returns the newest events when the limit cuts', async () => {
      const rows = (await get(api.url, EVENTS_PATH, { limit: 20 })).json as Row[];
      const oldestReturned = rows.map((r) => ticks(r.eventTimestamp as string)).sort(byTicks)[0]!;
      const newer = allEvents.filter((e) => ticks(e.eventTimestamp as string) > oldestReturned);
      assert.ok(newer.length <= 20);
    });

    const badRequests: [string, Record<string, string | number>][] = [
      ['minutes with timeStart', { minutes: 5, timeStart: '2026-11-28T10:00:00Z' }],
      ['minutes with timeEnd', { minutes: 5, timeEnd: '2026-11-28T10:00:00Z' }],
      ['a non-uuid apiKeyId', { apiKeyId: 'abc' }],
      ['a bad date', { timeStart: 'yesterday' }],
      ['a non-integer limit', { limit: '1.5' }],
      ['a non-integer minutes', { minutes: 'ten' }],
      ['a limit beyond int32', { limit: '2147483648' }],
      ['a zero limit', { limit: 0 }],
      ['start after end', { timeStart: '2026-11-28T10:00:00Z', timeEnd: '2026-11-28T09:00:00Z' }],
    ];
    for (const [name, params] of badRequests) {
      it(`400 {"error": ...} for ${name}`, async () => {
        const answer = await get(api.url, EVENTS_PATH, params);
        assert.equal(answer.status, 400);
        assert.equal(typeof (answer.json as { error?: unknown }).error, 'string');
      });
    }
  });

  describe(`GET ${STATUS_PATH}`, () => {
    it('has one record per connection, agreeing with the events', async () => {
      const rows = (await get(api.url, STATUS_PATH, { limit: 1_000_000 })).json as Row[];
      const ids = new Set(allEvents.map((e) => e.connectionId));
      assert.equal(rows.length, ids.size);
      for (const row of rows.slice(0, 40)) {
        const events = allEvents
          .filter((e) => e.connectionId === row.connectionId)
          .sort((a, b) => byTicks(ticks(a.eventTimestamp as string), ticks(b.eventTimestamp as string)));
        assert.equal(ticks(row.connectionStartTime as string), ticks(events[0]!.eventTimestamp as string));
        assert.equal(ticks(row.updatedAt as string), ticks(events[events.length - 1]!.eventTimestamp as string));
        assert.match(row.dataCenter as string, new RegExp(`^${events[0]!.dataCenter as string}/server-\\d\\d$`));
        const closed = events.some((e) => e.eventType === 'disconnect');
        if (closed) {
          assert.equal(row.isActive, false);
        }
      }
    });

    it('activeOnly returns connections with a heartbeat in the last 2 minutes and no disconnect', async () => {
      const rows = (await get(api.url, STATUS_PATH, { activeOnly: true, limit: 1_000_000 })).json as Row[];
      assert.ok(rows.length > 0);
      for (const row of rows) {
        assert.equal(row.isActive, true);
        assert.ok(NOW - Date.parse(row.lastHeartbeat as string) <= 120_000);
      }
      const inactive = (await get(api.url, STATUS_PATH, { activeOnly: false, limit: 1_000_000 })).json as Row[];
      assert.ok(inactive.length > rows.length);
    });

    it('filters on connectionStartTime, text fields and limit; refuses a bad activeOnly', async () => {
      const from = new Date(NOW - 6 * 3_600_000).toISOString();
      const rows = (await get(api.url, STATUS_PATH, { timeStart: from, serviceName: 'coinapi-ws', limit: 1_000_000 })).json as Row[];
      assert.ok(rows.length > 0);
      assert.ok(rows.every((r) => Date.parse(r.connectionStartTime as string) >= Date.parse(from) && r.serviceName === 'coinapi-ws'));
      assert.equal(((await get(api.url, STATUS_PATH, { limit: 3 })).json as Row[]).length, 3);
      assert.equal((await get(api.url, STATUS_PATH, { activeOnly: 'maybe' })).status, 400);
    });

    it('applies a fault with a path to that path only, and keeps it for that path', async () => {
      api.setFault({ status: 503, times: 1, path: EVENTS_PATH });
      try {
        assert.equal((await get(api.url, STATUS_PATH, { limit: 1 })).status, 200);
        assert.equal((await get(api.url, SUMMARY_PATH)).status, 200);
        assert.equal((await get(api.url, EVENTS_PATH, { limit: 1 })).status, 503);
        assert.equal((await get(api.url, EVENTS_PATH, { limit: 1 })).status, 200);
      } finally {
        api.setFault(undefined);
      }
    });

    it('says the opposite of the events for a flipped connection, in isActive and activeOnly', async () => {
      const active = async () =>
        ((await get(api.url, STATUS_PATH, { activeOnly: true, limit: 1_000_000 })).json as Row[]).map((r) => r.connectionId);
      const before = await active();
      const closed = api.dataset.connections.find((c) => c.closed)!.connectionId;
      api.flippedStatus.add(closed).add(before[0] as string);
      try {
        const after = await active();
        assert.deepEqual(new Set(after), new Set([...before.slice(1), closed]));
        const [record] = (await get(api.url, STATUS_PATH, { connectionId: closed })).json as Row[];
        assert.equal(record?.isActive, true);
      } finally {
        api.flippedStatus.clear();
      }
    });
  });

  describe(`GET ${SUMMARY_PATH}`, () => {
    it('groups by service, protocol and data center, agreeing with the status records', async () => {
      const summary = (await get(api.url, SUMMARY_PATH)).json as Row[];
      const status = (await get(api.url, STATUS_PATH, { limit: 1_000_000 })).json as Row[];
      const total = summary.reduce((sum, r) => sum + (r.totalConnections as number), 0);
      assert.equal(total, status.length);
      for (const row of summary) {
        const members = status.filter(
          (s) => s.serviceName === row.serviceName && s.protocolName === row.protocolName && s.dataCenter === row.dataCenter,
        );
        assert.equal(members.length, row.totalConnections);
        assert.equal(new Set(members.map((m) => m.apikeyId)).size, row.uniqueApiKeys);
      }
    });

    it('counts new connections in a period and refuses minutes with a range', async () => {
      const summary = (await get(api.url, SUMMARY_PATH, { minutes: 120 })).json as Row[];
      assert.ok(summary.every((r) => (r.newConnectionsInPeriod as number) <= (r.totalConnections as number)));
      assert.equal((await get(api.url, SUMMARY_PATH, { minutes: 5, timeEnd: '2026-11-28T10:00:00Z' })).status, 400);
    });
  });

  it('is deterministic for a seed and clock', async () => {
    const twin = await FakeConsoleApi.start({ seed: 7, connections: 150, now: NOW, clock: () => NOW });
    try {
      const again = (await get(twin.url, EVENTS_PATH, { limit: 1_000_000 })).json;
      assert.deepEqual(again, allEvents);
    } finally {
      await twin.close();
    }
  });
});

/** Epoch 100 ns ticks from a timestamp with 0 to 7 fractional digits; independent of the extension's parser. */
function ticks(stamp: string): bigint {
  const [whole, fraction = ''] = stamp.replace('Z', '').split('.');
  return BigInt(Date.parse(`${whole!}Z`) / 1000) * 10_000_000n + BigInt(fraction.padEnd(7, '0'));
}

function byTicks(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bumpTick(stamp: string): string {
  const digits = stamp.slice(20, 27);
  return `${stamp.slice(0, 20)}${String(Number(digits) + 1).padStart(7, '0')}Z`;
}

describe('fake Console API: events appended while it runs', () => {
  it('serves appended events newest first with the rest, in process and over POST /__fake/events', async () => {
    const api = await FakeConsoleApi.start({ seed: 3, connections: 20, now: NOW, clock: () => NOW });
    try {
      const before = api.dataset.events.length;
      const first = liveHeartbeats(api.dataset, NOW + 1000, 2, 0);
      api.appendEvents(first);
      const second = liveHeartbeats(api.dataset, NOW + 2000, 2, 1);
      const posted = await new Promise<number>((resolve, reject) => {
        const req = http.request(`${api.url}/__fake/events`, { method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
        req.on('error', reject);
        req.end(JSON.stringify(second));
      });
      assert.equal(posted, 204);
      assert.equal(api.dataset.events.length, before + 4);
      // From the newest of the first batch, at full precision: that event again (inclusive) and the second batch.
      const rows = (await get(api.url, EVENTS_PATH, { timeStart: first[1]!.eventTimestamp })).json as Row[];
      assert.match(first[1]!.eventTimestamp, /\.\d{7}Z$/);
      assert.deepEqual(
        rows.map((r) => r.eventId),
        [...second.map((r) => r.eventId).reverse(), first[1]!.eventId].filter((id, i, all) => all.indexOf(id) === i),
      );
      // A connection's appended heartbeat is its own: the status endpoint counts it active a while later, as the API does.
      const later = await FakeConsoleApi.start({ seed: 3, connections: 20, now: NOW, clock: () => NOW + 600_000 });
      try {
        const activeIds = async () =>
          ((await get(later.url, STATUS_PATH, { activeOnly: true, limit: 1_000_000 })).json as Row[]).map((r) => r.connectionId);
        assert.deepEqual(await activeIds(), [], 'ten minutes without heartbeats: none active');
        const beat = liveHeartbeats(later.dataset, NOW + 590_000, 1, 0);
        later.appendEvents(beat);
        assert.deepEqual(await activeIds(), [beat[0]!.connectionId]);
      } finally {
        await later.close();
      }
    } finally {
      await api.close();
    }
  });
});
