import * as assert from 'node:assert/strict';
import { CLOSE_CAUSES, classifyClose, closeCauseLabel, type CloseCause } from '../../src/core/closeCause';
import { groupByConnection } from '../../src/core/grouping';
import { generateDataset, SERVICES, type FakeEnding } from '../fake-api/data';

/** What each way the fake API ends a connection must be classified as: the generator's own record, not its words. */
const EXPECTED: Readonly<Record<Exclude<FakeEnding, 'open'>, CloseCause>> = {
  client: 'client',
  server: 'server',
  timeout: 'heartbeatTimeout',
  auth: 'authentication',
};

describe('core/closeCause', () => {
  it('classifies every close description of every service the fake API generates', () => {
    for (const service of SERVICES) {
      assert.equal(classifyClose('disconnect', service.closedByClient), 'client', service.closedByClient);
      assert.equal(classifyClose('disconnect', service.closedByServer), 'server', service.closedByServer);
    }
  });

  it('classifies every generated disconnect as the generator ended it, over 800 connections', function () {
    // Generating the data takes seconds on a busy machine.
    this.timeout(60_000);
    const seen = new Set<FakeEnding>();
    for (const seed of [1, 2]) {
      for (const connection of generateDataset({ seed, connections: 400, now: Date.parse('2026-04-21T00:00:00Z') }).connections) {
        const disconnect = [...connection.events].reverse().find((e) => e.record.eventType === 'disconnect');
        seen.add(connection.ending);
        if (connection.ending === 'open') {
          assert.equal(disconnect, undefined);
          continue;
        }
        assert.ok(disconnect, connection.connectionId);
        const { eventType, eventDescription } = disconnect.record;
        assert.equal(classifyClose(eventType, eventDescription), EXPECTED[connection.ending], eventDescription);
      }
    }
    assert.deepEqual([...seen].sort(), ['auth', 'client', 'open', 'server', 'timeout'], 'the seeds cover every ending');
  });

  const phrasings: readonly [string, string, CloseCause][] = [
    ['disconnect', 'WebSocket connection closed by client', 'client'],
    ['disconnect', 'Client disconnected', 'client'],
    ['disconnect', 'closed by server: heartbeat timeout', 'heartbeatTimeout'],
    ['disconnect', 'Ping timeout', 'heartbeatTimeout'],
    ['disconnect', 'Missed heartbeats', 'heartbeatTimeout'],
    ['heartbeat_timeout', '', 'heartbeatTimeout'],
    ['disconnect', 'closed by server (1011 internal error)', 'server'],
    ['disconnect', 'Server shutdown', 'server'],
    ['disconnect', 'Unauthorized (401)', 'authentication'],
    ['auth_failed', 'Connection rejected', 'authentication'],
    ['disconnect', '429 Too Many Requests', 'rateLimit'],
    ['rate_limited', 'Connection dropped', 'rateLimit'],
    ['disconnect', 'Rate limit exceeded, closing', 'rateLimit'],
    ['disconnect', 'Abnormal closure (1006)', 'error'],
    ['disconnect', 'Connection reset', 'error'],
    ['error', 'Upstream feed unavailable', 'error'],
    ['disconnect', 'Bye', 'other'],
    ['disconnect', '', 'other'],
  ];
  for (const [type, description, cause] of phrasings) {
    it(`classifies ${type} "${description}" as ${cause}`, () => {
      assert.equal(classifyClose(type, description), cause);
    });
  }

  it('a missing description is "other", never an error', () => {
    assert.equal(classifyClose('disconnect', null), 'other');
    assert.equal(classifyClose('disconnect', undefined), 'other');
  });

  it('hostile descriptions are matched as text: prototype names, markup, 10 MB', () => {
    for (const text of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      assert.equal(classifyClose(text, text), 'other', text);
    }
    assert.equal(classifyClose('disconnect', '<img src=x onerror=alert(1)>'), 'other');
    assert.equal(classifyClose('disconnect', '<b>closed by server</b>'), 'server');
    const big = 'x'.repeat(10 * 1024 * 1024);
    assert.equal(classifyClose('disconnect', big), 'other');
    assert.equal(classifyClose('disconnect', `${big} closed by client`), 'client');
    assert.equal(classifyClose('disconnect', `closed by server ${'a '.repeat(5 * 1024 * 1024)}`), 'server');
  });

  it('labels every cause', () => {
    const labels = CLOSE_CAUSES.map(closeCauseLabel);
    assert.equal(new Set(labels).size, CLOSE_CAUSES.length);
    assert.equal(closeCauseLabel('heartbeatTimeout'), 'heartbeat timeout');
  });

  it('a connection carries the cause of its disconnect, and none while open or unknown', () => {
    const at = (s: string) => `2026-04-20T19:${s}Z`;
    const record = (connectionId: string, eventType: string, time: string, eventDescription: string) => ({
      eventId: `${connectionId}-${time}`,
      connectionId,
      eventType,
      eventTimestamp: at(time),
      eventDescription,
    });
    const connections = groupByConnection(
      [
        record('a', 'connect', '30:00', 'WebSocket connection established'),
        record('a', 'disconnect', '31:00', 'Connection closed: no heartbeat for 120 s (timeout)'),
        record('b', 'connect', '59:00', 'WebSocket connection established'),
        record('c', 'connect', '00:00', 'WebSocket connection established'),
        record('d', 'disconnect', '10:00', 'mystery'),
      ],
      { rangeEndMs: Date.parse(at('59:30')) },
    );
    const byId = new Map(connections.map((c) => [c.connectionId, c]));
    assert.equal(byId.get('a')?.closeCause, 'heartbeatTimeout');
    assert.equal(byId.get('a')?.disconnectReason, 'Connection closed: no heartbeat for 120 s (timeout)');
    assert.equal(byId.get('b')?.state, 'open');
    assert.equal(byId.get('b')?.closeCause, undefined);
    assert.equal(byId.get('c')?.state, 'unknown');
    assert.equal(byId.get('c')?.closeCause, undefined);
    assert.equal(byId.get('d')?.closeCause, 'other');
  });
});
