import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { boundDepth, depthOf, DEPTH_MARKER, stringifyJson } from '../../src/core/jsonText';

/** `{"a":{"a":…{"a":1}…}}`, `levels` objects deep, built as text and parsed (JSON.parse does not recurse). */
export function deepJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

describe('core/jsonText', () => {
  it('writes the same text as JSON.stringify for any JSON value, prototype-named keys included', () => {
    const keys = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'a', '');
    const value = fc
      .letrec((tie) => ({
        node: fc.oneof(
          { depthSize: 'small' },
          fc.jsonValue({ maxDepth: 2 }),
          fc.array(tie('node'), { maxLength: 4 }),
          fc.dictionary(keys, tie('node'), { maxKeys: 4 }),
        ),
      }))
      .node.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(
      fc.property(value, fc.constantFrom(0, 2, 4), (v, indent) => {
        assert.equal(stringifyJson(v, indent, Infinity), JSON.stringify(v, null, indent));
      }),
      { numRuns: 500, seed: 8 },
    );
    assert.equal(
      stringifyJson({ a: undefined, b: [undefined, () => 1], c: new Date(0), d: NaN }),
      JSON.stringify({ a: undefined, b: [undefined, () => 1], c: new Date(0), d: NaN }, null, 2),
    );
    assert.equal(stringifyJson(undefined), undefined);
  });

  it('copies a value nested 100,000 levels deep exactly, where JSON.stringify overflows the stack', () => {
    const deep = JSON.parse(deepJson(100_000)) as unknown;
    assert.throws(() => JSON.stringify(deep), RangeError, 'the control: the built-in serializer recurses');
    const text = stringifyJson({ eventId: 'e1', deep }, 2)!;
    const back = JSON.parse(text) as { eventId: string; deep: unknown };
    assert.equal(back.eventId, 'e1');
    assert.equal(depthOf(back.deep), 100_000);
    // Pretty near the top, compact below: the text grows with the depth, not its square.
    assert.ok(text.length < 2_000_000, `${text.length} characters`);
    assert.match(text, /^\{\n {2}"eventId": "e1",\n {2}"deep": \{\n/);
  });

  it('throws on a cycle, as JSON.stringify does', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { back: cyclic };
    assert.throws(() => stringifyJson(cyclic), TypeError);
  });

  it('bounds the depth of a copy with a visible marker, keeping prototype-named keys as data', () => {
    const deep = JSON.parse(`{"__proto__":{"constructor":"x"},"n":${deepJson(100_000)}}`) as Record<string, unknown>;
    const { value, truncated } = boundDepth(deep, 4);
    assert.equal(truncated, true);
    assert.equal(depthOf(value), 4);
    assert.equal(JSON.stringify(value), `{"__proto__":{"constructor":"x"},"n":{"a":{"a":{"a":"${DEPTH_MARKER}"}}}}`);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    const shallow = { a: [1, { b: 2 }], c: 'd' };
    assert.deepEqual(boundDepth(shallow, 4), { value: shallow, truncated: false });
  });
});
