import * as assert from 'node:assert/strict';
import { formatAgo } from '../../src/core/ago';
import type { ConnectionSummary } from '../../src/core/records';
import { dataCenterRegion, describeSummary, serviceAverages, summarize, summaryQueryOf, UNNAMED } from '../../src/core/summary';

function record(serviceName: string, protocolName: string, dataCenter: string, total: number, average?: number): ConnectionSummary {
  return {
    serviceName,
    protocolName,
    dataCenter,
    totalConnections: total,
    newConnectionsInPeriod: Math.floor(total / 2),
    averageConnectionDurationSeconds: average ?? null,
  };
}

describe('core/summary', () => {
  it('describes an empty window by its headline alone: no breakdown is listed without entries', () => {
    const text = describeSummary(summarize([]));
    assert.equal(text.headline, '0 connections in the window, 0 new');
    assert.deepEqual(text.groups, []);
    const one = describeSummary(summarize([{ serviceName: 'coinapi-ws', protocolName: 'FIX', dataCenter: 'eu', totalConnections: 1 }]));
    assert.deepEqual(
      one.groups.map((g) => g.label),
      ['Services', 'Protocols', 'Data centers'],
    );
  });

  it('adds up totals per service, protocol and data center region, most connections first', () => {
    const totals = summarize([
      record('coinapi-ws', 'WebSocket', 'us-east-1/server-01', 10, 100),
      record('coinapi-ws', 'WebSocket', 'us-east-1/server-02', 30, 200),
      record('coinapi-fix', 'FIX', 'eu-central-1/server-01', 5, 50),
      record('coinapi-rest', 'REST', 'eu-central-1/server-03', 7),
    ]);
    assert.equal(totals.connections, 52);
    assert.equal(totals.newConnections, 5 + 15 + 2 + 3);
    assert.deepEqual(totals.byService, [
      // Weighted by connections: (10 × 100 + 30 × 200) / 40.
      { name: 'coinapi-ws', connections: 40, averageDurationSeconds: 175 },
      { name: 'coinapi-rest', connections: 7, averageDurationSeconds: undefined },
      { name: 'coinapi-fix', connections: 5, averageDurationSeconds: 50 },
    ]);
    assert.deepEqual(
      totals.byProtocol.map((t) => [t.name, t.connections]),
      [
        ['WebSocket', 40],
        ['REST', 7],
        ['FIX', 5],
      ],
    );
    assert.deepEqual(
      totals.byDataCenter.map((t) => [t.name, t.connections]),
      [
        ['us-east-1', 40],
        ['eu-central-1', 12],
      ],
    );
    assert.deepEqual(
      [...serviceAverages(totals)],
      [
        ['coinapi-ws', 175],
        ['coinapi-fix', 50],
      ],
    );
  });

  it('counts hostile or missing values as nothing, and keys groups by Map', () => {
    const totals = summarize([
      {
        serviceName: '__proto__',
        protocolName: null,
        dataCenter: undefined,
        totalConnections: -3,
        averageConnectionDurationSeconds: Number.NaN,
      },
      { serviceName: 'constructor', totalConnections: 2, newConnectionsInPeriod: null },
    ]);
    assert.equal(totals.connections, 2);
    assert.equal(totals.newConnections, 0);
    assert.deepEqual(
      totals.byService.map((t) => [t.name, t.connections, t.averageDurationSeconds]),
      [
        ['constructor', 2, undefined],
        ['__proto__', 0, undefined],
      ],
    );
    assert.deepEqual(
      totals.byProtocol.map((t) => t.name),
      [UNNAMED],
    );
  });

  it('reads the region from either form of data center', () => {
    assert.equal(dataCenterRegion('us-east-1/server-01'), 'us-east-1');
    assert.equal(dataCenterRegion('us-east-1'), 'us-east-1');
  });

  it('asks the summary endpoint for the query’s window and the filters it knows, nothing else', () => {
    assert.deepEqual(summaryQueryOf({ minutes: 60, serviceName: 'coinapi-ws', eventType: 'connect', connectionId: 'c', limit: 5 }), {
      serviceName: 'coinapi-ws',
      minutes: 60,
    });
  });

  it('says how long ago in seconds, minutes, hours and days', () => {
    const now = Date.parse('2026-04-21T12:00:00Z');
    assert.equal(formatAgo(now + 500, now), 'just now');
    assert.equal(formatAgo(now - 12_000, now), '12 s ago');
    assert.equal(formatAgo(now - 180_000, now), '3 min ago');
    assert.equal(formatAgo(now - 2 * 3_600_000, now), '2 h ago');
    assert.equal(formatAgo(now - 4 * 86_400_000, now), '4 days ago');
  });
});
