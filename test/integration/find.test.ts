import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShowConnectionResult } from '../../src/commands/showConnection';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import type { FakeConsoleApi } from '../fake-api/server';
import { EXTENSION_ID, logLines, run, useFakeApi, waitFor } from './host';

/**
 * Show Connection and the empty result's explanation in the real extension host: Show Connection from
 * whatever the user has, and an empty result that says why, with at most two
 * extra requests counted by the fake API.
 */
const KEY = 'find-key-8c41d2e7b9a0';
const NOW = Date.now();
const DAY = 86_400_000;
const MINUTE = 60_000;

describe('finding a connection, and an empty result that says why (real extension host)', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  let api: FakeConsoleApi;
  const tree = () => extension.exports.connectionsTree;
  const items = async (element?: unknown) =>
    Promise.all(((await tree().getChildren(element)) ?? []).map(async (node) => ({ node, item: await tree().getTreeItem(node) })));
  const show = (argument?: unknown) => run<ShowConnectionResult>('connectionAnalytics.showConnection', argument);
  /** The requests made since `from`, as their query parameters. */
  const since = (from: number) => api.eventRequests.slice(from).map((r) => r.query);

  const fakeApi = useFakeApi(KEY, { seed: 7, connections: 200, now: NOW, clock: () => NOW });
  before(() => {
    api = fakeApi();
  });

  describe('Show Connection', () => {
    it('finds the connection in a pasted log line and shows it from connect to disconnect', async () => {
      const target = api.dataset.connections.find((c) => c.closed && c.events.length > 20 && c.events[0]!.ms > NOW - 6 * DAY)!;
      assert.ok(target, 'the seed has a closed connection with heartbeats in the last 6 days');
      const line = `2026-04-20T19:58:38.551Z ERROR [feed] <b>closed</b> {"eventId":"${target.events[0]!.record.eventId}","connectionId":"${target.connectionId}"}\n    at Socket.onClose (client.js:42:7)`;
      const before = api.eventRequests.length;
      const result = await show({ text: line });
      assert.deepEqual(result, {
        status: 'ok',
        kind: 'connection',
        id: target.connectionId,
        found: true,
        lookbackDays: 7,
        events: target.events.length,
      });
      const sent = since(before);
      assert.deepEqual(Object.keys(sent[0]!).sort(), ['connectionId', 'limit', 'timeStart'], 'the connection ID alone, over the window');
      const [connection] = await items();
      assert.equal(connection?.item.label, target.connectionId);
      const types = (await items(connection!.node)).map((e) => String(e.item.label));
      assert.deepEqual(
        types,
        target.events.map((e) => e.record.eventType),
      );
      assert.equal(types[0], 'connect');
      assert.equal(types.at(-1), 'disconnect');
      // The log names the command that ran.
      const ran = () => logLines().filter((l) => l.includes(`: ${target.connectionId} over 7 days`));
      await waitFor(() => ran().length > 0, 'the log line of the run');
      assert.match(ran()[0]!, new RegExp(`Show Connection: ${target.connectionId} over 7 days, \\d+ page`));
    });

    it('queries an API key ID found in the text by the key over the same window', async () => {
      const keyId = api.dataset.apiKeyIds[0]!;
      const before = api.eventRequests.length;
      const result = await show({ text: `{"apikeyId": "${keyId.toUpperCase()}", "eventId": "${crypto.randomUUID()}"}`, lookbackDays: 2 });
      assert.equal(result?.status, 'ok');
      assert.ok(result.status === 'ok' && result.kind === 'apiKey' && result.found && result.events > 0, JSON.stringify(result));
      const [sent] = since(before);
      assert.equal(sent?.apiKeyId, keyId);
      assert.equal(sent?.connectionId, undefined);
      assert.ok(Math.abs(Date.parse(sent!.timeStart!) - (Date.now() - 2 * DAY)) < MINUTE, `${sent?.timeStart} is 2 days back`);
    });

    it('says when a connection matches nothing, with the window searched, and searches a wider one when asked', async () => {
      const before = api.eventRequests.length;
      const result = await show({ connectionId: 'conn_0000000000000000' });
      assert.ok(result?.status === 'ok' && !result.found && result.lookbackDays === 7, JSON.stringify(result));
      // What the notification's button runs.
      const wider = await show({ connectionId: 'conn_0000000000000000', lookbackDays: 30 });
      assert.ok(wider?.status === 'ok' && !wider.found && wider.lookbackDays === 30, JSON.stringify(wider));
      const starts = since(before).map((q) => Math.round((Date.now() - Date.parse(q.timeStart!)) / DAY));
      assert.deepEqual(starts, [7, 30]);
    });

    it('refuses a wrong argument, or text with no ID in it, naming the field, before any request', async () => {
      const before = api.eventRequests.length;
      const field = async (argument: unknown) => {
        const result = await show(argument);
        assert.equal(result?.status, 'invalid', JSON.stringify(result));
        return result.status === 'invalid' ? result.errors.map((e) => e.field) : [];
      };
      assert.deepEqual(await field({ text: 42 }), ['text']);
      assert.deepEqual(await field({ lookbackDays: 0 }), ['lookbackDays']);
      assert.deepEqual(await field({ connectionId: '' }), ['connectionId']);
      assert.deepEqual(await field({ text: 'the socket closed again, no idea why' }), ['text']);
      assert.deepEqual(await field('conn_1'), ['argument']);
      assert.deepEqual(await field({ connectionId: 'conn_1', conectionId: 'conn_2' }), ['conectionId'], 'the unknown key is the field');
      assert.equal(api.eventRequests.length, before, 'nothing sent');
    });

    it('words each refusal of its argument as before, word for word', async () => {
      const words = async (argument: unknown) => {
        const result = await show(argument);
        return result?.status === 'invalid' ? result.errors.map((e) => e.message) : [JSON.stringify(result)];
      };
      assert.deepEqual(await words({ lookbackDays: 0 }), ['lookbackDays: Too small: expected number to be >=1']);
      assert.deepEqual(await words({ lookbackDays: 366 }), ['lookbackDays: Too big: expected number to be <=365']);
      assert.deepEqual(await words({ lookbackDays: 1.5 }), ['lookbackDays: expected int, got number']);
      assert.deepEqual(await words({ lookbackDays: '7' }), ['lookbackDays: expected number, got string']);
      assert.deepEqual(await words({ connectionId: '   ' }), ['connectionId: empty']);
      assert.deepEqual(await words({ connectionId: 'conn_1', other: 1, more: 2 }), ['argument: Unrecognized keys: "other", "more"']);
      assert.deepEqual(await words('conn_1'), ['argument: expected object, got string']);
    });
  });

  describe('an empty result', () => {
    it('names the filter that excluded everything, offers the nearest value, and Use Suggested Query runs it', async () => {
      const before = api.eventRequests.length;
      const result = await run('connectionAnalytics.queryEvents', { minutes: 60, serviceName: 'coinapi-wss' });
      assert.ok(result?.status === 'ok' && result.events === 0, JSON.stringify(result));
      const extra = since(before).slice(1);
      assert.ok(extra.length >= 1 && extra.length <= 2, `${extra.length} extra requests`);
      assert.ok(
        extra.every((q) => q.serviceName === undefined || q.limit === '1'),
        'the extra requests leave the filter out, or ask for one event',
      );
      const inWindow = api.dataset.events.filter((e) => e.ms >= NOW - 60 * MINUTE);
      const ws = inWindow.filter((e) => e.record.serviceName === 'coinapi-ws').length;
      assert.ok(ws > 0 && inWindow.length < 1000, 'the seed has coinapi-ws events in the last hour, fewer than the sample');
      assert.equal(
        result.explanation?.message,
        `No events for Service "coinapi-wss" in last 60 min; "coinapi-ws" had ${ws} events: use it?`,
      );
      assert.deepEqual(result.explanation.correction, { serviceName: 'coinapi-ws', minutes: '60' });

      // A refresh of the same query spends no extra request: the explanation stays.
      const beforeRefresh = api.eventRequests.length;
      const refreshed = await run('connectionAnalytics.refresh');
      assert.ok(refreshed?.status === 'ok' && refreshed.explanation !== undefined);
      assert.equal(api.eventRequests.length, beforeRefresh + 1);

      const beforeUse = api.eventRequests.length;
      const used = await run('connectionAnalytics.runSuggestedQuery');
      assert.ok(used?.status === 'ok' && used.events === ws, JSON.stringify(used));
      assert.deepEqual(since(beforeUse), [{ minutes: '60', serviceName: 'coinapi-ws', limit: '1000' }]);
      assert.equal((await run('connectionAnalytics.runSuggestedQuery'))?.status, 'cancelled', 'nothing to suggest for results');
    });

    it('with no filter, says when the newest event was, with one extra request, and offers a window that holds it', async () => {
      const start = new Date(NOW - 30 * DAY).toISOString();
      const end = new Date(NOW - 20 * DAY).toISOString();
      const before = api.eventRequests.length;
      const result = await run('connectionAnalytics.queryEvents', { timeStart: start, timeEnd: end });
      assert.ok(result?.status === 'ok' && result.events === 0, JSON.stringify(result));
      assert.deepEqual(since(before).slice(1), [{ limit: '1' }]);
      assert.match(result.explanation?.message ?? '', /^No events at all in .*; the newest is from /);
      const used = await run('connectionAnalytics.runSuggestedQuery');
      assert.ok(used?.status === 'ok' && used.events > 0, JSON.stringify(used));
    });
  });
});
