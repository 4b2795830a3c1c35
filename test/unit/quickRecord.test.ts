import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRecords } from '../../src/api/recordParser';
import { connectionEventSchema, eventInstant, quickParser, type ConnectionEvent } from '../../src/core/records';
import { generateDataset } from '../fake-api/data';

const quick = quickParser(connectionEventSchema())!;

/** Hostile and unusual values for any field: the wrong types, empty text, names an object inherits. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', '2026-04-20T19:30:38.5509677Z', '2026-02-30T00:00:00Z', '2026-04-20 19:30', 'yesterday', '__proto__'),
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 2 }),
);
const fieldName = fc.constantFrom(
  'eventId',
  'connectionId',
  'eventType',
  'eventTimestamp',
  'eventDescription',
  'host',
  'apikeyId',
  'dataCenter',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'extra',
);
const common = fc.record({
  eventId: fc.string({ minLength: 1, maxLength: 5 }),
  connectionId: fc.string({ minLength: 1, maxLength: 5 }),
  eventType: fc.constantFrom('connect', 'disconnect', 'heartbeat'),
  eventTimestamp: fc.date({ noInvalidDate: true, min: new Date(1), max: new Date(4e12) }).map((d) => d.toISOString()),
  eventDescription: fc.option(fc.string({ maxLength: 5 })),
  host: fc.option(fc.string({ maxLength: 5 })),
});
/** Records as JSON.parse makes them (so `__proto__` is an own key): common ones, with fields added, replaced or removed. */
const record = fc.tuple(common, fc.array(fc.tuple(fieldName, fc.option(anyValue), fc.boolean()), { maxLength: 4 })).map(([base, edits]) => {
  const text = JSON.stringify(base);
  const parsed = JSON.parse(text) as Record<string, unknown>;
  for (const [name, value, remove] of edits) {
    if (remove) {
      delete parsed[name];
    } else {
      Object.defineProperty(parsed, name, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return JSON.parse(JSON.stringify(parsed)) as unknown;
});

describe('core/records: the quick path for events agrees with the schema', () => {
  it('accepts only what zod accepts, giving the same record, keys in the same order, and the same instant (property)', () => {
    fc.assert(
      fc.property(fc.oneof(record, anyValue), (input) => {
        const fast = quick(input);
        const checked = connectionEventSchema().safeParse(input);
        if (fast === undefined) {
          return;
        }
        assert.ok(checked.success, `quick accepted what zod refuses: ${JSON.stringify(input)}`);
        assert.deepStrictEqual(fast, checked.data);
        assert.deepStrictEqual(Object.keys(fast), Object.keys(checked.data));
        assert.equal(Object.getPrototypeOf(fast), Object.getPrototypeOf(checked.data));
        assert.deepStrictEqual(eventInstant(fast), eventInstant(checked.data));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the records the service sends, so that they do not pay for zod', () => {
    const events = generateDataset({ seed: 3, connections: 20 }).events.map((e) => JSON.parse(JSON.stringify(e.record)) as unknown);
    for (const event of events) {
      assert.ok(quick(event), JSON.stringify(event));
    }
  });

  it('a page read with the quick path equals the page zod alone reads, invalid records and their reasons included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(record, anyValue), { maxLength: 12 }), (items) => {
        const result = parseRecords(JSON.stringify(items), connectionEventSchema());
        const records: ConnectionEvent[] = [];
        let invalid = 0;
        for (const item of JSON.parse(JSON.stringify(items)) as unknown[]) {
          const checked = connectionEventSchema().safeParse(item);
          if (checked.success) {
            records.push(checked.data);
          } else {
            invalid++;
          }
        }
        assert.deepStrictEqual(result.records, records);
        assert.equal(result.invalidCount, invalid);
        assert.equal(result.received, items.length);
      }),
      { numRuns: 1000 },
    );
  });
});
