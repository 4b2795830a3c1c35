import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidResponseError } from '../../src/api/errors';
import { JsonArraySplitter } from '../../src/api/jsonArraySplitter';
import { parseRecords } from '../../src/api/recordParser';
import { connectionEventSchema } from '../../src/core/records';

/** The splitter and JSON.parse of each element over `text` cut at `cuts`: the elements, or 'invalid'. */
function splitAndParse(text: string, cuts: readonly number[]): unknown[] | 'invalid' {
  const elements: unknown[] = [];
  const splitter = new JsonArraySplitter((element) => elements.push(JSON.parse(element)));
  try {
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      splitter.push(text.slice(from, Math.max(from, cut)));
      from = Math.max(from, cut);
    }
    splitter.push(text.slice(from));
    splitter.end();
    return elements;
  } catch {
    return 'invalid';
  }
}

/** JSON.parse's verdict on the same text: the array's elements, or 'invalid' for anything else. */
function wholeParse(text: string): unknown[] | 'invalid' {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** JSON text with the characters that matter to a splitter: quotes, escapes, brackets inside strings, whitespace. */
const tricky = fc.constantFrom(...'[]{}",:\\ \n\t\r0123456789-.eEtrufalsn'.split(''), '\\"', '\\\\', '\\u0022', 'é', '😀', '"]"', '"\\\\"');
const arrayText = fc
  .tuple(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }), fc.constantFrom('', ' ', '\n\t', '\r\n  '))
  .map(
    ([items, space]) =>
      `${space}[${space}${items.map((item) => JSON.stringify(item, null, space.length > 0 ? 1 : 0)).join(`${space},${space}`)}${space}]${space}`,
  );
/** Valid arrays with a few characters inserted, deleted or replaced: mostly invalid, sometimes still valid. */
const mutated = fc.tuple(arrayText, fc.array(fc.tuple(fc.nat(), fc.nat(2), tricky), { minLength: 1, maxLength: 3 })).map(([text, edits]) =>
  edits.reduce((t, [at, kind, char]) => {
    const i = at % (t.length + 1);
    return kind === 0
      ? t.slice(0, i) + char + t.slice(i)
      : kind === 1
        ? t.slice(0, i) + t.slice(i + 1)
        : t.slice(0, i) + char + t.slice(i + 1);
  }, text),
);
const cuts = fc.array(fc.nat(400), { maxLength: 8 });

describe('api/jsonArraySplitter: a JSON array read element by element as it arrives', () => {
  it('accepts exactly the arrays JSON.parse accepts, with the same elements, however the text is cut (property)', () => {
    fc.assert(
      fc.property(fc.oneof(arrayText, mutated, fc.string({ unit: tricky, maxLength: 30 })), cuts, (text, at) => {
        assert.deepStrictEqual(splitAndParse(text, at), wholeParse(text), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on the edge cases by name', () => {
    for (const text of [
      '[]',
      ' [ ] ',
      '[1]',
      '[1,]',
      '[,1]',
      '[1 2]',
      '[1}',
      '[{]}',
      '[[]',
      '[]]',
      '[] x',
      '["\\\\"]',
      '["\\""]',
      '["]"]',
      '[',
      '',
      '{}',
      '[tru]',
      '[1,,2]',
    ]) {
      for (const cut of [0, 1, 2, 3]) {
        assert.deepStrictEqual(splitAndParse(text, [cut]), wholeParse(text), `${JSON.stringify(text)} cut at ${cut}`);
      }
    }
  });

  it('a body that is not a list, or not JSON, gets the message it got when read whole', () => {
    const message = (body: string) => {
      try {
        parseRecords(body, connectionEventSchema(), 'secret-key-0123');
        return 'accepted';
      } catch (error) {
        assert.ok(error instanceof InvalidResponseError);
        return error.message;
      }
    };
    assert.equal(message('{"a":1}'), 'The response is not a list of records (got object).');
    assert.equal(message(' null '), 'The response is not a list of records (got null).');
    assert.equal(message(''), 'The response is not JSON (empty body).');
    assert.equal(message('<html>502 Bad Gateway</html>'), 'The response is not JSON (starts with "<html>502 Bad Gateway</html>").');
    assert.equal(
      message(`[{"a":1}, oops${'x'.repeat(500)}]`),
      'The response is not JSON (starts with "[{"a":1}, oopsxxxxxxxxxxxxxxxxxxxxxxxxxx…").',
    );
    assert.equal(message('["secret-key-0123" oops]'), 'The response is not JSON (starts with "["[redacted]" oops]").');
  });
});
