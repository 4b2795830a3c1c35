import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeViewCommandResult } from '../../src/commands/treeView';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { formatDuration } from '../../src/core/time';
import type { FakeConnection, FakeEnding, FakeEvent } from '../fake-api/data';
import type { FakeConsoleApi } from '../fake-api/server';
import { config, EXTENSION_ID, run, useFakeApi } from './host';

/**
 * The Connections tree at a glance: each row says how the connection
 * ended before anything else, the view narrows to an outcome and groups by a
 * field without a new request, Reveal in Tree finds an event under every
 * grouping, and a heartbeat gap decorates its row. Expected values come from
 * the fake API's data, never from the extension.
 */
const KEY = 'tree-key-8c41d7e2b9a6';
const NOW = Date.now();
const START = NOW - 1440 * 60_000;

const CAUSE_LABELS: Readonly<Record<Exclude<FakeEnding, 'open'>, string>> = {
  client: 'client closed',
  server: 'server closed',
  timeout: 'heartbeat timeout',
  auth: 'authentication',
};

const at = (e: FakeEvent) => e.ms + e.ticks / 10_000;

describe('the Connections tree: outcomes, narrowing, grouping (real extension host)', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  const tree = () => extension.exports.connectionsTree;
  // Tooltips are made when a row is hovered (resolveTreeItem): resolved here as the hover would.
  const items = async (element?: unknown) =>
    Promise.all(
      ((await tree().getChildren(element)) ?? []).map(async (node) => {
        const item = await tree().getTreeItem(node);
        const resolved = await tree().resolveTreeItem?.(item, node, new vscode.CancellationTokenSource().token);
        return { node, item: resolved ?? item };
      }),
    );
  const fakeApi = useFakeApi(KEY, { seed: 23, connections: 150, now: NOW, clock: () => NOW });
  let api: FakeConsoleApi;
  /** The result's events of each connection, oldest first, as the fake API answers `minutes: 1440` at its fixed clock. */
  let result: Map<string, { fake: FakeConnection; events: FakeEvent[] }>;
  let queriedBetween: [number, number];

  before(async () => {
    api = fakeApi();
    result = new Map();
    for (const fake of api.dataset.connections) {
      const events = fake.events.filter((e) => at(e) >= START);
      if (events.length > 0) {
        result.set(fake.connectionId, { fake, events });
      }
    }
    const before = Date.now();
    const outcome = await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 100_000 });
    queriedBetween = [before, Date.now()];
    assert.ok(outcome?.status === 'ok' && !outcome.limitReached && outcome.connections === result.size, JSON.stringify(outcome));
  });

  afterEach(async () => {
    await run('connectionAnalytics.groupBy', { by: 'connection' });
    await run('connectionAnalytics.showAllConnections');
    await config().update('heartbeatGapSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  /** The outcomes a row may say: an open connection's last heartbeat may cross the 2-minute window while the query runs. */
  function expectedOutcomes(id: string): string[] {
    const { fake, events } = result.get(id)!;
    const first = events[0]!;
    const last = events[events.length - 1]!;
    const duration = formatDuration(at(last) - at(first));
    const shown = first.record.eventType === 'connect' ? duration : `≥ ${duration}`;
    if (fake.ending !== 'open') {
      return [`closed · ${CAUSE_LABELS[fake.ending]} · ${shown}`];
    }
    // Open when the end of the range (some instant in queriedBetween) is within 2 minutes of the last event.
    const [from, to] = queriedBetween;
    const states: string[] = [];
    if (from - at(last) <= 120_000) {
      states.push('open');
    }
    if (to - at(last) > 120_000) {
      states.push('unknown');
    }
    return states.map((state) => `${state} · ${shown}`);
  }

  it('each row says its outcome, close cause and duration before anything else, as the fake API ended it', async () => {
    const rows = await items();
    assert.equal(rows.length, result.size);
    const endings = new Set<FakeEnding>();
    for (const { item } of rows) {
      const id = String(item.label);
      endings.add(result.get(id)!.fake.ending);
      const description = String(item.description);
      const said = expectedOutcomes(id).filter((expected) => description.startsWith(`${expected} · `));
      assert.equal(said.length, 1, `${id}: "${description}" starts with one of ${JSON.stringify(expectedOutcomes(id))}`);
      const { fake } = result.get(id)!;
      if (fake.ending !== 'open') {
        const disconnect = fake.events.find((e) => e.record.eventType === 'disconnect')!;
        // The server's own words stay in the tooltip.
        assert.match(String(item.tooltip), new RegExp(`^Disconnect: ${escape(disconnect.record.eventDescription)}$`, 'm'));
      }
    }
    assert.deepEqual([...endings].sort(), ['auth', 'client', 'open', 'server', 'timeout'], 'the seed has every ending');
  });

  it('narrows to each outcome and close cause without a request, refuses a wrong one naming the field, and shows all again', async () => {
    const requests = api.eventRequests.length;
    const byEnding = new Map<string, string[]>();
    for (const [id, { fake }] of result) {
      const key = fake.ending === 'open' ? 'open' : fake.ending;
      byEnding.set(key, [...(byEnding.get(key) ?? []), id]);
    }
    const causes: [Exclude<FakeEnding, 'open'>, string][] = [
      ['client', 'client'],
      ['server', 'server'],
      ['timeout', 'heartbeatTimeout'],
      ['auth', 'authentication'],
    ];
    for (const [ending, closeCause] of causes) {
      const narrowed = await run<TreeViewCommandResult>('connectionAnalytics.narrowToOutcome', { state: 'closed', closeCause });
      const want = byEnding.get(ending) ?? [];
      assert.ok(narrowed?.status === 'ok' && narrowed.shown === want.length, `${closeCause}: ${JSON.stringify(narrowed)}`);
      assert.deepEqual((await items()).map(({ item }) => String(item.label)).sort(), [...want].sort(), closeCause);
    }
    const closed = await run<TreeViewCommandResult>('connectionAnalytics.narrowToOutcome', { state: 'closed' });
    assert.equal(closed?.status === 'ok' && closed.shown, result.size - (byEnding.get('open')?.length ?? 0));

    const refused = await run<TreeViewCommandResult>('connectionAnalytics.narrowToOutcome', { state: 'open', closeCause: 'client' });
    assert.equal(refused?.status, 'invalid');
    assert.deepEqual(refused?.status === 'invalid' ? refused.errors.map((e) => e.field) : refused, ['closeCause']);
    assert.match(refused?.status === 'invalid' ? refused.errors[0]!.message : '', /^closeCause: /);
    assert.equal((await items()).length, closed?.status === 'ok' ? closed.shown : -1, 'a refused argument changes nothing');

    const all = await run<TreeViewCommandResult>('connectionAnalytics.showAllConnections');
    assert.ok(all?.status === 'ok' && all.narrowed === undefined && all.shown === result.size);
    assert.equal((await items()).length, result.size);
    assert.equal(api.eventRequests.length, requests, 'narrowing is a view state, not a request');
  });

  it('groups by every key, the connections under their groups, and Reveal in Tree finds an event under each grouping', async () => {
    const provider = tree() as unknown as { nodeOfEvent(eventId: string): unknown };
    const sample = [...result.values()].flatMap(({ events }) => [events[0]!, events[events.length - 1]!]).filter((_, i) => i % 7 === 0);
    const expected: Record<string, (fake: FakeConnection, events: FakeEvent[]) => string[]> = {
      service: (fake) => [fake.serviceName],
      apiKey: (fake) => [fake.apikeyId],
      dataCenter: (fake) => [fake.dataCenter],
      eventType: (_fake, events) => [...new Set(events.map((e) => e.record.eventType))],
    };
    const requests = api.eventRequests.length;
    for (const by of ['service', 'apiKey', 'dataCenter', 'eventType', 'closeCause', 'connection']) {
      const grouped = await run<TreeViewCommandResult>('connectionAnalytics.groupBy', { by });
      assert.equal(grouped?.status === 'ok' && grouped.groupBy, by);
      const roots = await items();
      if (by === 'connection') {
        assert.equal(roots.length, result.size);
      } else {
        let memberships = 0;
        for (const { node, item } of roots) {
          const members = (await items(node)).map(({ item: child }) => String(child.label));
          assert.equal(item.description, members.length === 1 ? '1 connection' : `${members.length} connections`);
          memberships += members.length;
          for (const id of members) {
            const { fake, events } = result.get(id)!;
            const keys = expected[by]?.(fake, events);
            if (keys) {
              assert.ok(keys.includes(String(item.label)), `${by}: ${id} is under ${String(item.label)}, not ${JSON.stringify(keys)}`);
            } else {
              // By close cause the group is the row's outcome.
              assert.ok(
                expectedOutcomes(id).some((o) => o.startsWith(`${String(item.label)} · `)),
                `${id} under ${String(item.label)}`,
              );
            }
          }
        }
        const want = [...result.values()].reduce((n, { fake, events }) => n + (expected[by]?.(fake, events).length ?? 1), 0);
        assert.equal(memberships, want, `${by}: every connection under each of its groups`);
      }
      for (const event of sample) {
        const node = provider.nodeOfEvent(event.record.eventId);
        assert.ok(node, `${by}: the node of ${event.record.eventId}`);
        // What TreeView.reveal does: from the node up through getParent, each must be among its parent's children.
        let child: unknown = node;
        for (let depth = 0; child !== undefined; depth++) {
          const parent = await tree().getParent!(child);
          const siblings = await items(parent);
          const id = (await tree().getTreeItem(child)).id;
          assert.ok(
            siblings.some(({ item }) => item.id === id),
            `${by}: ${id} is a child of ${parent ? (await tree().getTreeItem(parent)).id : 'the root'}`,
          );
          assert.ok(depth < 3);
          child = parent;
        }
      }
    }
    assert.equal(api.eventRequests.length, requests, 'grouping is a view state, not a request');
  });

  it('a heartbeat gap above connectionAnalytics.heartbeatGapSeconds decorates the row, with the longest gap in its tooltip', async () => {
    const longestGap = (events: FakeEvent[]) => events.reduce((gap, e, i) => (i === 0 ? 0 : Math.max(gap, at(e) - at(events[i - 1]!))), 0);
    for (const seconds of [120, 240]) {
      await config().update('heartbeatGapSeconds', seconds, vscode.ConfigurationTarget.Global);
      let decorated = 0;
      for (const { item } of await items()) {
        const { events } = result.get(String(item.label))!;
        const gap = longestGap(events);
        const heartbeats = events.some((e) => e.record.eventType === 'heartbeat');
        if (heartbeats && events.length > 1 && gap > seconds * 1000) {
          decorated++;
          assert.equal(item.resourceUri?.scheme, 'connection-analytics-gap', String(item.label));
          assert.match(
            String(item.tooltip),
            new RegExp(`^Heartbeat gap: ${escape(formatDuration(gap))}, above ${formatDuration(seconds * 1000)}$`, 'm'),
          );
          // The same silence is said once.
          assert.doesNotMatch(String(item.tooltip), /^Longest silence/m, String(item.label));
        } else {
          assert.equal(item.resourceUri, undefined, String(item.label));
          assert.doesNotMatch(String(item.tooltip), /^Heartbeat gap/m);
          if (events.length > 1) {
            assert.match(String(item.tooltip), new RegExp(`^Longest silence: ${escape(formatDuration(gap))}$`, 'm'), String(item.label));
          }
        }
      }
      assert.ok(decorated > 0, `${seconds} s: some rows have a gap`);
    }
  });

  it('a new query (Query This Connection, Show Connection) ends the narrowing, so the connection asked for is shown; a refresh keeps it', async () => {
    const ids = (ending: FakeEnding) => [...result].filter(([, { fake }]) => fake.ending === ending).map(([id]) => id);
    const [first, second] = ids('client');
    assert.ok(first && second && ids('server').length > 0, 'the seed has two client-closed connections and a server-closed one');
    const server = { state: 'closed', closeCause: 'server' } as const;
    try {
      for (const [command, argument, id] of [
        ['connectionAnalytics.queryConnection', first, first],
        ['connectionAnalytics.showConnection', { connectionId: second }, second],
      ] as const) {
        const narrowed = await run<TreeViewCommandResult>('connectionAnalytics.narrowToOutcome', server);
        assert.ok(narrowed?.status === 'ok' && narrowed.narrowed !== undefined, JSON.stringify(narrowed));
        const ran = await run<{ status: string }>(command, argument);
        assert.equal(ran?.status, 'ok', command);
        assert.deepEqual(
          (await items()).map(({ item }) => String(item.label)),
          [id],
          `${command}: the connection asked for is shown`,
        );
      }
      // A refresh runs the same query again: the narrowing is the user's view of it and stays.
      await run('connectionAnalytics.narrowToOutcome', server);
      assert.equal((await run('connectionAnalytics.refresh'))?.status, 'ok');
      assert.deepEqual(await items(), [], 'still narrowed after a refresh');
      const all = await run<TreeViewCommandResult>('connectionAnalytics.showAllConnections');
      assert.ok(all?.status === 'ok' && all.shown === 1, JSON.stringify(all));
    } finally {
      // The suite's result again, for any test after this one.
      await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 100_000 });
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
