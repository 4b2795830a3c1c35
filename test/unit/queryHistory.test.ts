import * as assert from 'node:assert/strict';
import { validateQuery } from '../../src/core/query';
import { addToHistory, isNewest, MAX_HISTORY, parseHistory } from '../../src/core/queryHistory';
import { canonicalInput, canonicalOf, inputKey, queryKey } from '../../src/core/queryIdentity';
import { QueryState } from '../../src/core/queryState';
import { q } from '../fixtures/queries';

describe('core/queryIdentity: one home for "the same query"', () => {
  it('is blind to key order, spacing, numbers as text and empty (default) fields', () => {
    const a = q({ serviceName: 'coinapi-ws', minutes: 60, limit: 100 });
    const b = q({ limit: '100', minutes: ' 60 ', serviceName: '  coinapi-ws ', dataCenter: '' });
    assert.equal(queryKey(a), queryKey(b));
    assert.deepEqual(Object.keys(canonicalInput(b)), ['serviceName', 'minutes', 'limit']);
    assert.deepEqual(canonicalInput(b), { serviceName: 'coinapi-ws', minutes: 60, limit: 100 });
  });

  it('tells apart queries that ask for different things: another value, a set limit, another instant', () => {
    assert.notEqual(queryKey(q({ minutes: 60 })), queryKey(q({ minutes: 60, limit: 1000 })));
    assert.notEqual(queryKey(q({ serviceName: 'a' })), queryKey(q({ serviceName: 'A' })));
    const utc = validateQuery({ timeStart: '2026-04-20 19:30' }, 'utc');
    const local = validateQuery({ timeStart: '2026-04-20T19:30:00+02:00' }, 'utc');
    assert.ok(utc.ok && local.ok);
    assert.notEqual(queryKey(utc.query), queryKey(local.query));
  });

  it('keeps times in UTC at full precision, and a relative range relative', () => {
    const typed = validateQuery({ timeStart: '2026-04-20T21:30:38.1234567+02:00', timeEnd: '2026-04-20 20:00' }, 'utc');
    assert.ok(typed.ok);
    assert.deepEqual(canonicalInput(typed.query), { timeStart: '2026-04-20T19:30:38.1234567Z', timeEnd: '2026-04-20T20:00:00.000Z' });
    assert.deepEqual(canonicalInput(q({ minutes: 1440 })), { minutes: 1440 });
    // Read back in any zone, the same query.
    assert.equal(inputKey(canonicalInput(typed.query)), queryKey(typed.query));
  });

  it('a value that is not a valid query has no key', () => {
    const bad = [
      null,
      undefined,
      'x',
      7,
      [],
      { minutes: 0 },
      { service: 'x' },
      JSON.parse('{"__proto__": {"minutes": 5}}'),
      { constructor: 'x' },
    ];
    for (const input of bad) {
      assert.equal(inputKey(input), undefined, JSON.stringify(input));
      assert.equal(canonicalOf(input), undefined);
    }
  });
});

describe('core/queryHistory', () => {
  it('puts the newest first and moves a query run again to the front instead of adding it twice', () => {
    let history = addToHistory([], q({ minutes: 60 }));
    history = addToHistory(history, q({ minutes: 15, serviceName: 'coinapi-ws' }));
    history = addToHistory(history, q({ serviceName: ' coinapi-ws', minutes: '15' }));
    assert.deepEqual(history, [{ serviceName: 'coinapi-ws', minutes: 15 }, { minutes: 60 }]);
    history = addToHistory(history, q({ minutes: 60 }));
    assert.deepEqual(history, [{ minutes: 60 }, { serviceName: 'coinapi-ws', minutes: 15 }]);
    assert.ok(isNewest(history, q({ minutes: '60' })));
    assert.ok(!isNewest(history, q({ minutes: 15, serviceName: 'coinapi-ws' })));
    assert.ok(!isNewest([], q({ minutes: 60 })));
  });

  it(`keeps at most ${MAX_HISTORY} distinct queries, dropping the oldest`, () => {
    let history = parseHistory(undefined);
    for (let minutes = 1; minutes <= MAX_HISTORY + 5; minutes++) {
      history = addToHistory(history, q({ minutes }));
    }
    assert.equal(history.length, MAX_HISTORY);
    assert.deepEqual(history[0], { minutes: MAX_HISTORY + 5 });
    assert.deepEqual(history.at(-1), { minutes: 6 });
  });

  it('reads what storage holds defensively: not a list, junk entries, duplicates, too many', () => {
    assert.deepEqual(parseHistory({ minutes: 60 }), []);
    assert.deepEqual(parseHistory('[]'), []);
    const stored = [
      { minutes: 60 },
      null,
      'minutes=60',
      { minutes: '60' },
      JSON.parse('{"__proto__": "x"}'),
      JSON.parse('{"__proto__": {"minutes": 1}}'),
      { constructor: { minutes: 1 } },
      { serviceName: '<img src=x onerror=alert(1)>' },
      { serviceName: 'x'.repeat(10_000) },
      ...Array.from({ length: 40 }, (_, i) => ({ limit: i + 1 })),
    ];
    const history = parseHistory(stored);
    assert.equal(history.length, MAX_HISTORY);
    assert.deepEqual(history.slice(0, 2), [{ minutes: 60 }, { serviceName: '<img src=x onerror=alert(1)>' }]);
    assert.ok(history.every((entry) => Object.getPrototypeOf(entry) === Object.prototype));
  });
});

describe('core/queryState: a query made current again after a reload', () => {
  it('is current without running, and only while there is no query', async () => {
    const state = new QueryState(() => 1000);
    let runs = 0;
    const restored = q({ minutes: 60 });
    assert.equal(state.restore(restored), true);
    assert.equal(state.snapshot.query, restored);
    assert.equal(state.snapshot.running, false);
    assert.equal(state.snapshot.outcome, undefined);
    assert.equal(runs, 0);
    const asked = q({ minutes: 5 });
    await state.run(asked, () => {
      runs++;
      return Promise.resolve({ records: [], received: 0, invalidCount: 0, invalidSamples: [] });
    });
    assert.equal(runs, 1);
    assert.equal(state.restore(restored), false);
    assert.equal(state.snapshot.query, asked);
  });
});
