import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { QueryState, type QueryExecutor } from '../../src/core/queryState';
import type { ConnectionEvent } from '../../src/core/records';
import type { Log } from '../../src/log';
import { WatchedConnections } from '../../src/services/watchedConnections';
import { q } from '../fixtures/queries';

/**
 * Watch Connection's notification in the extension host (it shows a real notification), driven by a
 * real QueryState: a watched connection's disconnect that a live tail round brings is told once,
 * however often the state changes afterwards with the same outcome (a query starts, is cancelled).
 */
describe('watched connections (real extension host)', () => {
  const WATCHED = 'conn_watched_1';
  const at = (second: number) => new Date(Date.now() - 60_000 + second * 1000).toISOString();
  const event = (second: number, eventType: string, connectionId = WATCHED): ConnectionEvent => ({
    eventId: `e${second}-${connectionId}`,
    connectionId,
    eventType,
    eventTimestamp: at(second),
    eventDescription: eventType === 'disconnect' ? 'Closed by server: heartbeat timeout' : null,
  });

  it("tells a watched connection's disconnect once, not again when the state changes with the same outcome", async () => {
    const data: ConnectionEvent[] = [event(0, 'connect'), event(1, 'heartbeat'), event(2, 'connect', 'conn_other')];
    const execute: QueryExecutor = (query) => {
      const records = data.filter((e) => !query.timeStart || Date.parse(e.eventTimestamp) >= query.timeStart.ms);
      return Promise.resolve({ records, received: records.length, invalidCount: 0, invalidSamples: [] });
    };
    const told: string[] = [];
    const log = { info: (line: string) => told.push(line) } as unknown as Log;
    const stored = new Map<string, unknown>();
    const memento = {
      keys: () => [...stored.keys()],
      get: (key: string) => stored.get(key),
      update: (key: string, value: unknown) => Promise.resolve(void stored.set(key, value)),
    } as unknown as vscode.Memento;
    const state = new QueryState(() => 1000);
    const watched = new WatchedConnections(memento, state, log, () => undefined);
    try {
      await watched.watch(WATCHED);
      assert.equal((await state.run(q({ minutes: 5 }), execute)).status, 'ok');
      assert.deepEqual(told, [], 'a query is not a live tail round: nothing appended, nothing told');

      data.push(event(10, 'heartbeat', 'conn_other'), event(11, 'disconnect'));
      const round = await state.tail(execute);
      assert.equal(round.status, 'ok');
      assert.deepEqual(state.snapshot.outcome?.appended?.events.map((t) => t.event.eventId).sort(), [`e10-conn_other`, `e11-${WATCHED}`]);
      assert.deepEqual(told, [`Watched connection ${WATCHED} disconnected: heartbeat timeout (Closed by server: heartbeat timeout).`]);

      // A query starts (the state changes, the outcome with its appended round stays) and is cancelled.
      let started!: () => void;
      const isStarted = new Promise<void>((resolve) => (started = resolve));
      const hanging: QueryExecutor = (_query, signal) => {
        started();
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      };
      const cancelled = state.run(q({ minutes: 10 }), hanging);
      await isStarted;
      assert.equal(state.snapshot.running, true);
      state.cancel();
      assert.equal((await cancelled).status, 'cancelled');
      assert.ok(state.snapshot.outcome?.appended, 'the same outcome, its round still appended');
      assert.equal(told.length, 1, `told once, not on every change of the state: ${JSON.stringify(told)}`);
    } finally {
      watched.dispose();
      state.dispose();
    }
  });
});
