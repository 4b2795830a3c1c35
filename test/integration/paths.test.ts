import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QueryCommandResult } from '../../src/commands';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { EVENTS_PATH, type FakeConsoleApi } from '../fake-api/server';
import { config, EXTENSION_ID, run, useFakeApi, waitFor } from './host';

/**
 * Every path into a query, in the real extension host against the fake
 * Console API: the limit each request carries, Load Older while a query
 * runs, Query This Connection, and records the tree and the copy commands
 * must survive (prototype-named types, a field nested 100,000 levels deep).
 */
const KEY = 'paths-key-5b7e19c2a4d3';
const NOW = Date.now();
const DAY = 86_400_000;

describe('paths into a query (real extension host)', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  let api: FakeConsoleApi;
  const exports = () => extension.exports;
  const tree = () => exports().connectionsTree;
  const items = async (element?: unknown) =>
    Promise.all(((await tree().getChildren(element)) ?? []).map(async (node) => ({ node, item: await tree().getTreeItem(node) })));
  const within = (minutes: number) => api.dataset.events.filter((e) => e.ms >= NOW - minutes * 60_000).length;

  const fakeApi = useFakeApi(KEY, { seed: 31, connections: 200, now: NOW, clock: () => NOW });
  before(() => {
    api = fakeApi();
  });

  describe('the default limit', () => {
    it('is sent by every path without a limit of its own, and "limit reached" and Load Older agree with it', async () => {
      // A window holding more events than the API's default of 1000 and fewer than 5000.
      const minutes = [720, 360, 240, 120, 60].find((m) => within(m) > 1000 && within(m) < 5000);
      assert.ok(minutes, 'the seed has a window of 1000 to 5000 events');
      await config().update('defaultLimit', 200, vscode.ConfigurationTarget.Global);

      // A command argument without a limit.
      let result = await run('connectionAnalytics.queryEvents', { minutes: 1440 });
      assert.equal(api.eventRequests.at(-1)?.query.limit, '200', 'command argument');
      assert.ok(result?.status === 'ok' && result.limitReached && result.events === 200, JSON.stringify(result));
      const older = (await items()).at(-1)!.item;
      assert.equal(older.label, 'Load older events');
      assert.equal(older.description, 'the limit of 200 was reached');

      // Load Older of it: the same limit.
      result = await run(older.command!.command, ...(older.command!.arguments ?? []));
      assert.equal(api.eventRequests.at(-1)?.query.limit, '200', 'Load Older');
      assert.ok(result?.status === 'ok' && result.events > 200 && result.events <= 400, JSON.stringify(result));

      // The panel's form with the limit left empty.
      const before = api.eventRequests.length;
      await exports().receivePanelMessage({ type: 'runQuery', query: { minutes: '1440', limit: '' } });
      assert.equal(api.eventRequests.length, before + 1);
      assert.equal(api.eventRequests.at(-1)?.query.limit, '200', 'panel form');

      // A default above the API's own: nothing is cut at 1000, and there is nothing older to load.
      await config().update('defaultLimit', 5000, vscode.ConfigurationTarget.Global);
      result = await run('connectionAnalytics.queryEvents', { minutes });
      assert.equal(api.eventRequests.at(-1)?.query.limit, '5000');
      assert.ok(
        result?.status === 'ok' && !result.limitReached && result.events === within(minutes),
        `${JSON.stringify(result)}: ${within(minutes)} events in ${minutes} min`,
      );
      assert.notEqual((await items()).at(-1)?.item.label, 'Load older events');
    });
  });

  describe('Load Older while a newer query runs', () => {
    /**
     * Starts a query whose answer the fake API holds back, and waits until its request has arrived.
     * Wrapped in an object: an async function returning the promise itself would wait for it.
     */
    async function slowQuery(): Promise<{ pending: Promise<QueryCommandResult | undefined> }> {
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 300 }))?.status, 'ok');
      const before = api.eventRequests.length;
      api.setFault({ delayMs: 1500, times: 1, path: EVENTS_PATH });
      const pending = Promise.resolve(run('connectionAnalytics.queryEvents', { minutes: 60, serviceName: 'coinapi-ws' }));
      await waitFor(() => api.eventRequests.length === before + 1, 'the newer query to reach the server');
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      assert.equal(settled, false, 'the newer query is still running');
      return { pending };
    }

    it('is refused from the command: the newer query runs on and stays the current one', async () => {
      const { pending } = await slowQuery();
      const requests = api.eventRequests.length;
      const answer = await run('connectionAnalytics.loadOlder');
      assert.deepEqual(answer, { status: 'busy' }, JSON.stringify(api.eventRequests.slice(-3).map((r) => r.query)));
      assert.equal(api.eventRequests.length, requests, 'no request for older events');
      assert.equal((await pending)?.status, 'ok', 'the newer query was not cancelled');
      assert.equal((await run('connectionAnalytics.refresh'))?.status, 'ok');
      assert.deepEqual(
        api.eventRequests.at(-1)?.query,
        { minutes: '60', serviceName: 'coinapi-ws', limit: '1000' },
        'the current query is the newer one',
      );
    });

    it('is refused from the panel alike', async () => {
      const { pending } = await slowQuery();
      const requests = api.eventRequests.length;
      await exports().receivePanelMessage({ type: 'action', action: 'loadOlder' });
      assert.equal(api.eventRequests.length, requests, 'no request for older events');
      assert.equal((await pending)?.status, 'ok', 'the newer query was not cancelled');
      assert.equal((await run('connectionAnalytics.refresh'))?.status, 'ok');
      assert.deepEqual(api.eventRequests.at(-1)?.query, { minutes: '60', serviceName: 'coinapi-ws', limit: '1000' });
    });
  });

  describe('hostile records', () => {
    const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    const LEVELS = 100_000;
    const stamp = (i: number) => new Date(NOW - 60_000 + i * 1000).toISOString();
    const body = () => {
      const records = [...PROTOTYPE_NAMES, 'connect'].flatMap((connectionId, c) =>
        ['connect', ...PROTOTYPE_NAMES].map((eventType, e) =>
          JSON.stringify({ eventId: `ev-${c}-${e}`, connectionId, eventType, eventTimestamp: stamp(c * 6 + e), serviceName: eventType }),
        ),
      );
      // A record with an unknown field nested deeper than any stack, as text: nothing here may recurse to build it.
      records.push(
        `{"eventId":"deep","connectionId":"conn_deep","eventType":"connect","eventTimestamp":"${stamp(40)}","extra":${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}}`,
      );
      return `[${records.join(',')}]`;
    };
    const depthOfText = (text: string) => {
      let deepest = 0;
      let depth = 0;
      for (const ch of text.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
        depth += ch === '{' || ch === '[' ? 1 : ch === '}' || ch === ']' ? -1 : 0;
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    };

    it('events and connections named like Object.prototype members render in the tree', async () => {
      api.setFault({ status: 200, body: body() });
      const result = await run('connectionAnalytics.queryEvents', { minutes: 60 });
      assert.ok(result?.status === 'ok' && result.events === 37, JSON.stringify(result));
      const connections = await items();
      assert.deepEqual(connections.map((c) => String(c.item.label)).sort(), [...PROTOTYPE_NAMES, 'connect', 'conn_deep'].sort());
      for (const { node, item } of connections) {
        assert.ok(item.iconPath instanceof vscode.ThemeIcon, `${String(item.label)}: a theme icon`);
        for (const event of await items(node)) {
          assert.ok(
            event.item.iconPath instanceof vscode.ThemeIcon,
            `${String(item.label)} › ${String(event.item.label)}: a theme icon, not ${typeof event.item.iconPath}`,
          );
          assert.equal(typeof event.item.id, 'string');
        }
      }
      // The view shows them without an error: revealing an event renders its connection's children.
      await vscode.commands.executeCommand('connectionAnalytics.connections.focus');
    });

    it('Copy Event as JSON and the panel copy a record nested 100,000 levels deep whole', async () => {
      api.setFault({ status: 200, body: body() });
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 60 }))?.status, 'ok');
      const deep = (await items()).find((c) => c.item.label === 'conn_deep')!;
      const [event] = await items(deep.node);
      await vscode.env.clipboard.writeText('');
      await run('connectionAnalytics.copyEventJson', event!.node);
      const copied = await vscode.env.clipboard.readText();
      assert.match(copied.slice(0, 200), /"eventId": "deep"/);
      assert.equal(depthOfText(copied), LEVELS + 1, 'every level copied');
      assert.deepEqual(Object.keys(JSON.parse(copied) as object), ['eventId', 'connectionId', 'eventType', 'eventTimestamp', 'extra']);

      await vscode.env.clipboard.writeText('');
      await exports().receivePanelMessage({ type: 'copyEvent', eventId: 'deep' });
      assert.equal(await vscode.env.clipboard.readText(), copied, 'the panel copies the same text');
      await exports().receivePanelMessage({ type: 'copyEvent', eventId: 'deep', field: 'extra' });
      assert.equal(depthOfText(await vscode.env.clipboard.readText()), LEVELS);
    });
  });

  describe('Query This Connection', () => {
    it('asks for the connection alone over the lookback window and pages back to its connect event', async () => {
      await config().update('defaultLimit', 100, vscode.ConfigurationTarget.Global);
      // A "disconnect only" result first: the connection's query must not inherit its filter.
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 4320, eventType: 'disconnect' }))?.status, 'ok');
      const shown = new Set((await items()).map((c) => String(c.item.label)));
      const target = api.dataset.connections
        .filter(
          (c) =>
            shown.has(c.connectionId) && c.closed && c.events.length > 250 && c.events.length <= 500 && c.events[0]!.ms > NOW - 7 * DAY,
        )
        .sort((a, b) => b.events.length - a.events.length)[0];
      assert.ok(target, 'the seed has a closed connection of 250 to 500 events in the disconnect result');
      const node = (await items()).find((c) => c.item.label === target.connectionId)!.node;

      const before = api.eventRequests.length;
      const result = await run('connectionAnalytics.queryConnection', node);
      assert.equal(result?.status, 'ok', JSON.stringify(result));
      const sent = api.eventRequests.slice(before).map((r) => r.query);
      assert.deepEqual(Object.keys(sent[0]!).sort(), ['connectionId', 'limit', 'timeStart'], 'the connection ID alone, over a window');
      assert.equal(sent[0]!.connectionId, target.connectionId);
      assert.ok(Math.abs(Date.parse(sent[0]!.timeStart!) - (Date.now() - 7 * DAY)) < 60_000, `${sent[0]!.timeStart} is 7 days back`);
      assert.ok(sent.length >= 3, `${sent.length} pages of 100 for ${target.events.length} events`);
      assert.ok(sent.every((q) => q.eventType === undefined && q.connectionId === target.connectionId && q.limit === '100'));

      const [connection] = await items();
      assert.equal(connection!.item.label, target.connectionId);
      const labels = (await items(connection!.node)).map((e) => String(e.item.label));
      assert.deepEqual(
        labels,
        target.events.map((e) => e.record.eventType),
        'from connect to disconnect',
      );
      assert.equal(labels[0], 'connect');
      assert.equal(labels.at(-1), 'disconnect');
    });

    it('takes a connection ID as argument, and validates it like any query', async () => {
      const before = api.eventRequests.length;
      const result = await run('connectionAnalytics.queryConnection', 'x'.repeat(300));
      assert.equal(result?.status, 'invalid');
      assert.equal(api.eventRequests.length, before, 'nothing sent');
    });
  });
});
