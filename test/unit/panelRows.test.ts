import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CHUNK_ROWS, checkRowColumns, decodeRows, encodeRows, FIRST_CHUNK_ROWS } from '../../src/core/rowColumns';
import { applyView, COLUMNS, countByType, type EventRow, type TableView } from '../../src/core/table';
import { TableModel } from '../../src/core/tableModel';
import { PanelResults } from '../../src/views/panelResults';
import type { QueryOutcome } from '../../src/core/queryState';
import type { HostMessage } from '../../src/shared/protocol';
import { groupByConnection } from '../../src/core/grouping';
import { makeEvents } from '../bench/workload';
import { makeRows } from '../webview/fixtures';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'heartbeat', 'connect', 'a\u0000b', 'Σ', 'T', ''];
const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 }));
const row: fc.Arbitrary<EventRow> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    ms: fc.integer({ min: 0, max: 5 }).map((n) => Date.UTC(2026, 3, 20) + n * 1000),
    ticks: fc.integer({ min: 0, max: 3 }),
    time: fc.constantFrom('2026-04-20T19:00:00Z', '2026-04-20T19:00:00.0000001Z'),
    type: text,
    connectionId: text,
    service: text,
    protocol: text,
    dataCenter: text,
    host: text,
    ip: text,
    description: text,
    apiKeyId: text,
  })
  .map((r) => ({ ...r }));
// Event IDs are unique in a result: grouping drops duplicates.
const rows = fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 40 });
const view: fc.Arbitrary<TableView> = fc.record({
  text: fc.oneof(text, fc.constantFrom(' T ', '2026-04-20 19', 'a\u0000b')),
  excludedTypes: fc.array(text, { maxLength: 2 }),
  sort: fc.record({ column: fc.constantFrom(...COLUMNS), descending: fc.boolean() }),
});

describe('core/rowColumns: the rows the host sends the panel', () => {
  it('decodes what it encodes, hostile words included', () => {
    fc.assert(
      fc.property(rows, (list) => {
        const columns = encodeRows(list);
        assert.equal(checkRowColumns(columns), undefined);
        assert.deepEqual(decodeRows(columns), list);
      }),
    );
  });

  it('refuses a malformed chunk, naming the field', () => {
    const good = encodeRows(makeRows(3));
    assert.equal(checkRowColumns(null), 'rows: must be an object');
    assert.equal(checkRowColumns({ ...good, id: 'x' }), 'rows.id: must be an array');
    assert.equal(checkRowColumns({ ...good, time: ['a', 'b'] }), 'rows.time: must be 3 texts');
    assert.equal(checkRowColumns({ ...good, ms: [1, 2, Number.NaN] }), 'rows.ms: must be 3 numbers');
    assert.equal(checkRowColumns({ ...good, host: [0, 0, good.words.length] }), 'rows.host: must be 3 indexes into rows.words');
    assert.equal(checkRowColumns({ ...good, type: [0, 0, '__proto__'] }), 'rows.type: must be 3 indexes into rows.words');
    assert.equal(checkRowColumns({ ...good, words: [1] }), 'rows.words: must be an array of text');
  });
});

describe('core/tableModel: the table’s rows, kept quick', () => {
  it('shows what applyView shows, for any rows, view and order of arrival', () => {
    fc.assert(
      fc.property(rows, fc.array(view, { minLength: 1, maxLength: 4 }), fc.nat(40), (list, views, split) => {
        const model = new TableModel();
        model.reset(list.slice(0, split));
        model.apply(views[0]!);
        model.append(list.slice(split));
        for (const v of views) {
          assert.deepEqual(model.apply(v), applyView(list, v, 'local'));
        }
        assert.deepEqual(model.countByType(), countByType(list));
      }),
    );
  });

  it('narrows a growing text from the last match, and widens again when it shrinks', () => {
    const list = makeRows(600);
    const model = new TableModel();
    model.reset(list);
    const base = { excludedTypes: [], sort: { column: 'time' as const, descending: true } };
    for (const typed of ['n', 'nu', 'number 5', 'number 59', 'number 5', '']) {
      assert.deepEqual(model.apply({ ...base, text: typed }), applyView(list, { ...base, text: typed }, 'local'), typed);
    }
  });
});

describe('views/panelResults: the rows as the panel receives them', () => {
  const events = makeEvents(30_000, 3_000);
  const outcome = {
    query: { minutes: 60 },
    connections: groupByConnection(events, { rangeEndMs: Date.now() }),
    limit: 30_000,
    limitReached: false,
    pages: 1,
    invalidCount: 0,
    completedAt: new Date(),
  } as unknown as QueryOutcome;

  it('sends the first screen with the result, then the rest in order in small chunks, newest first', async () => {
    const sent: HostMessage[] = [];
    await new PanelResults().send(outcome, 'local', (message) => Promise.resolve(sent.push(message) > 0));
    const [first, ...chunks] = sent;
    assert.equal(first?.type, 'results');
    assert.equal(first.total, 30_000);
    assert.equal(first.rows.id.length, FIRST_CHUNK_ROWS);
    assert.equal(chunks.length, Math.ceil((30_000 - FIRST_CHUNK_ROWS) / CHUNK_ROWS));
    const received = [...decodeRows(first.rows)];
    for (const chunk of chunks) {
      assert.ok(chunk.type === 'rows' && chunk.resultId === first.resultId && chunk.offset === received.length);
      assert.ok(JSON.stringify(chunk).length < 2 * 1024 * 1024, `${JSON.stringify(chunk).length} bytes`);
      received.push(...decodeRows(chunk.rows));
    }
    assert.equal(received.length, 30_000);
    assert.ok(
      received.every((r, i) => i === 0 || r.ms <= received[i - 1]!.ms),
      'newest first',
    );
  });

  it('stops sending a result once a newer one starts, and when the panel is gone', async () => {
    const results = new PanelResults();
    const sent: HostMessage[] = [];
    await results.send(outcome, 'local', (message) => {
      sent.push(message);
      if (sent.length === 2) {
        results.supersede();
      }
      return Promise.resolve(true);
    });
    assert.equal(sent.length, 2);
    const undelivered: HostMessage[] = [];
    await results.send(outcome, 'local', (message) => Promise.resolve(undelivered.push(message) < 0));
    assert.equal(undelivered.length, 1);
  });
});
