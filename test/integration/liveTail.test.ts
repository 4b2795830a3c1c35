import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QueryCommandResult } from '../../src/commands';
import type { ToggleLiveTailResult, WatchResult } from '../../src/commands/liveTail';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import type { TailStatus } from '../../src/services/liveTail';
import { compareInstants, parseTimestamp, type Instant } from '../../src/core/time';
import { liveHeartbeats, type FakeEvent } from '../fake-api/data';
import { EVENTS_PATH, SUMMARY_PATH, type FakeConsoleApi, type RecordedRequest } from '../fake-api/server';
import { config, EXTENSION_ID, logLines, run, useFakeApi, waitFor } from './host';

/**
 * The live tail in a real extension host, judged by what the fake Console API was asked and
 * answered: after the query, each request starts at the newest event received (to the 100 ns
 * tick) and gets only what is new; a Load Older page stays through ten rounds; a 503 with
 * Retry-After pauses the tail with one notification, and it recovers by itself.
 */
const KEY = 'tail-key-5d8e1f0a7c3b';
const INTERVAL = 2;

const instantOf = (e: FakeEvent): Instant => ({ ms: e.ms, ticks: e.ticks });
const timeStartOf = (r: RecordedRequest): Instant => parseTimestamp(r.query.timeStart ?? '')!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the live tail (real extension host)', function () {
  this.timeout(120_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  const fakeApi = useFakeApi(KEY, { seed: 31, connections: 80 });
  let api: FakeConsoleApi;
  let serial = 0;

  /** Turns the tail on or off (on again: no change), answering with its status. */
  const tail = async (argument: { enabled?: boolean } = { enabled: true }) => {
    const result = await run<ToggleLiveTailResult>('connectionAnalytics.toggleLiveTail', argument);
    assert.ok(result?.status === 'ok', JSON.stringify(result));
    return result;
  };
  /** What the tail is doing (turning it on again would try again at once when paused). */
  const status = () => extension.exports.liveTailStatus();
  /** Waits until the tail's status says so. */
  const tailUntil = async (condition: (status: TailStatus) => boolean, what: string) => {
    const deadline = Date.now() + 30_000;
    while (!condition(status())) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await sleep(50);
    }
  };
  /** Events that happen now: the server serves them from now on. */
  const happen = (count: number) => api.appendEvents(liveHeartbeats(api.dataset, Date.now(), count, serial++));
  /** The events the tree shows, counted from its connections. */
  const treeEvents = async () => {
    const nodes = ((await extension.exports.connectionsTree.getChildren()) ?? []) as { kind: string; connection?: { events: unknown[] } }[];
    return nodes.reduce((sum, n) => sum + (n.kind === 'connection' ? n.connection!.events.length : 0), 0);
  };
  const treeShows = async (expected: number) => {
    const deadline = Date.now() + 30_000;
    while ((await treeEvents()) !== expected) {
      assert.ok(Date.now() < deadline, `the tree shows ${await treeEvents()} events, expected ${expected}`);
      await sleep(50);
    }
  };

  before(async () => {
    api = fakeApi();
    await config().update('liveTail.intervalSeconds', INTERVAL, vscode.ConfigurationTarget.Global);
    // The tail asks only while the view or the panel can be seen.
    await run('connectionAnalytics.openPanel');
  });

  afterEach(async () => {
    await tail({ enabled: false });
  });

  after(async () => {
    await config().update('liveTail.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('asks from the newest event received, at full precision, and gets only what is new; never the window again', async () => {
    const mark = api.requests.length;
    const query = await run<QueryCommandResult>('connectionAnalytics.queryEvents', { minutes: 1440, limit: 100_000 });
    assert.ok(query?.status === 'ok');
    const first = api.eventRequests.length;
    const summaries = () => api.requests.slice(mark).filter((r) => r.path === SUMMARY_PATH);
    // The query's own summary (one a query): the rounds must ask for none.
    await waitFor(() => summaries().length > 0 && summaries().every((r) => r.finishedAt !== undefined), "the query's summary");
    const summariesBefore = summaries().length;
    // The newest event the extension has after each step: each tail request must start at one of them.
    const newest = [instantOf(api.dataset.events[0]!)];
    await tail();
    for (let round = 0; round < 3; round++) {
      happen(3);
      await treeShows(query.events + 3 * (round + 1));
      newest.push(instantOf(api.dataset.events[0]!));
    }
    assert.equal(summaries().length, summariesBefore, 'no summary request a round');
    const requests = api.eventRequests.slice(first);
    assert.ok(requests.length >= 3, `${requests.length} tail requests`);
    for (const request of requests) {
      assert.equal(request.query.minutes, undefined, 'the window is never asked for again');
      assert.equal(request.query.limit, '100000', "the query's limit");
      const start = timeStartOf(request);
      assert.ok(
        newest.some((n) => compareInstants(n, start) === 0),
        `timeStart ${request.query.timeStart} is the newest event received`,
      );
      if (start.ticks !== 0) {
        assert.match(request.query.timeStart!, /\.\d{7}Z$/, 'all seven fractional digits');
      }
      // The event at the start again, and at most the one batch that happened since.
      assert.ok(request.returned! >= 1 && request.returned! <= 1 + 3, `${request.returned} records for ${request.query.timeStart}`);
    }
  });

  it('keeps a Load Older page through ten rounds', async () => {
    const limit = 40;
    const window = api.dataset.events.slice();
    assert.equal((await run<QueryCommandResult>('connectionAnalytics.queryEvents', { minutes: 1440, limit }))?.status, 'ok');
    const older = await run<QueryCommandResult>('connectionAnalytics.loadOlder');
    assert.ok(older?.status === 'ok' && older.limitReached, JSON.stringify(older));
    const afterOlder = await treeEvents();
    assert.equal(afterOlder, older.events);
    await tail();
    for (let round = 1; round <= 10; round++) {
      const rounds = status().rounds;
      happen(1);
      await tailUntil((s) => s.rounds > rounds, `round ${round}`);
    }
    // Every event the two pages brought is still shown, with the ten the rounds brought.
    await treeShows(afterOlder + 10);
    // Load Older goes on from the oldest event of its own (second) page: page one's last event is its first.
    const before = api.eventRequests.length;
    assert.equal((await run<QueryCommandResult>('connectionAnalytics.loadOlder'))?.status, 'ok');
    const request = api.eventRequests[before]!;
    assert.equal(request.query.limit, String(limit));
    assert.equal(compareInstants(parseTimestamp(request.query.timeEnd!)!, instantOf(window[2 * limit - 2]!)), 0);
  });

  it('pauses on a 503 with Retry-After with one notification, waits what the server asked, and recovers by itself', async () => {
    assert.equal((await run<QueryCommandResult>('connectionAnalytics.queryEvents', { minutes: 1440, limit: 100_000 }))?.status, 'ok');
    const notified = () => logLines().filter((line) => line.includes('Live tail paused: ServerError')).length;
    const notifiedBefore = notified();
    api.setFault({ status: 503, retryAfter: '3', path: EVENTS_PATH });
    const failingFrom = api.eventRequests.length;
    await tail();
    await waitFor(() => api.eventRequests.length - failingFrom >= 8, 'two failed rounds (a request and 3 retries each)', 60_000);
    assert.equal(status().state, 'paused');
    assert.match(status().error ?? '', /503/);
    await waitFor(() => notified() > notifiedBefore, 'the notification, in the log');
    assert.equal(notified() - notifiedBefore, 1, 'one notification for two failed rounds');
    // Retry-After (3 s, longer than the 2 s interval) is waited for between rounds too.
    const ends = api.eventRequests.slice(failingFrom, failingFrom + 5).map((r) => r.finishedAt!);
    assert.ok(ends[4]! - ends[3]! >= 2900, `the next round came ${ends[4]! - ends[3]!} ms after the last failure`);

    api.setFault(undefined);
    await tailUntil((s) => s.state === 'live' && s.rounds > 0, 'the tail to resume by itself');
    assert.equal(notified() - notifiedBefore, 1, 'no more notifications');
    await waitFor(() => logLines().some((line) => line.includes('Live tail resumed')), 'the resume, in the log');
  });

  it('refuses a bad argument naming the field; Watch Connection takes a connection ID, hostile ones too', async () => {
    const bad = await run<ToggleLiveTailResult>('connectionAnalytics.toggleLiveTail', { enabled: 'yes' });
    assert.ok(bad?.status === 'invalid');
    assert.equal(bad.errors[0]!.field, 'enabled');
    const extra = await run<ToggleLiveTailResult>('connectionAnalytics.toggleLiveTail', { enabld: true });
    assert.ok(extra?.status === 'invalid');
    assert.deepEqual(extra.errors, [{ field: 'enabld', message: 'argument: Unrecognized key: "enabld"' }], 'the unknown key is the field');
    assert.equal((await tail({})).enabled, true, 'without enabled: turned the other way');
    const watched = await run<WatchResult>('connectionAnalytics.watchConnection', { connectionId: '__proto__' });
    assert.ok(watched?.status === 'ok' && watched.watched.includes('__proto__'));
    const missing = await run<WatchResult>('connectionAnalytics.watchConnection', { connectionId: ' ' });
    assert.ok(missing?.status === 'invalid' && missing.errors[0]!.field === 'connectionId', JSON.stringify(missing));
    const unwatched = await run<WatchResult>('connectionAnalytics.unwatchConnection', { connectionId: '__proto__' });
    assert.ok(unwatched?.status === 'ok' && !unwatched.watched.includes('__proto__'));
  });
});
