import * as assert from 'node:assert/strict';
import { resolvePair } from '../../src/core/comparePair';
import * as z from 'zod/mini';
import { describeIssues, fieldErrors } from '../../src/core/issues';
import { parseGroupByArgument, parseOutcomeArgument } from '../../src/core/treeArguments';
import { webviewMessageSchema } from '../../src/shared/protocol';

/**
 * The words of every refusal whose wording is not one of our own messages
 * (an unknown key, a value not in a list, a size out of range): what a user
 * reads for a bad command argument and the log says of a bad webview message.
 * Word for word, so that a change of validation library cannot change them.
 */
describe('core/issues: how a refusal is worded, word for word', () => {
  const refusal = (result: { ok: true } | { ok: false; errors: readonly { message: string }[] }) =>
    result.ok ? 'accepted' : result.errors.map((e) => e.message).join('; ');

  it('a value not in the list names every value allowed', () => {
    assert.equal(
      refusal(parseGroupByArgument({ by: 'nope' })),
      'by: Invalid option: expected one of "connection"|"service"|"apiKey"|"dataCenter"|"eventType"|"closeCause"',
    );
    assert.equal(refusal(parseOutcomeArgument({ state: 'gone' })), 'state: Invalid option: expected one of "closed"|"open"|"unknown"');
  });

  it('unknown keys are named, one or several', () => {
    assert.equal(refusal(parseGroupByArgument({ by: 'service', extra: 1 })), 'argument: Unrecognized key: "extra"');
    assert.equal(refusal(parseOutcomeArgument({ state: 'open', a: 1, b: 2 })), 'argument: Unrecognized keys: "a", "b"');
  });

  it('issues are listed in the order found, three at most', () => {
    assert.equal(
      refusal(parseOutcomeArgument({ state: 'gone', closeCause: 'x', extra: true, more: 1 })),
      'state: Invalid option: expected one of "closed"|"open"|"unknown"; ' +
        'closeCause: Invalid option: expected one of "client"|"server"|"heartbeatTimeout"|"authentication"|"rateLimit"|"error"|"other"; ' +
        'argument: Unrecognized keys: "extra", "more"',
    );
  });

  it('a list or a text of the wrong size says the size expected', () => {
    const messages = (argument: unknown) => {
      const result = resolvePair(argument, new Map());
      return result.ok ? [] : result.errors.map((e) => `${e.field} | ${e.message}`);
    };
    assert.deepEqual(messages({ connectionIds: ['a'] }), ['connectionIds | connectionIds: Too small: expected array to have >=2 items']);
    assert.deepEqual(messages({ connectionIds: ['a', 'b', 'c'] }), [
      'connectionIds | connectionIds: Too big: expected array to have <=2 items',
    ]);
    assert.deepEqual(messages({ connectionIds: ['', 'x'.repeat(257)], other: 1 }), [
      'connectionIds.0 | connectionIds.0: empty',
      'connectionIds.1 | connectionIds.1: Too big: expected string to have <=256 characters',
      'other | argument: Unrecognized key: "other"',
    ]);
  });

  describe('a malformed webview message, as the log words it', () => {
    const cases: [unknown, string][] = [
      [
        { type: 'nope' },
        "type: Invalid discriminator value. Expected 'ready' | 'compareClosed' | 'runQuery' | 'selectEvent' | 'revealInTree' | 'copy' | 'copyEvent' | 'action' | 'view'",
      ],
      [{ eventId: 'e1' }, 'type: missing'],
      [{ type: 'ready', extra: true }, 'message: Unrecognized key: "extra"'],
      [{ type: 'selectEvent', eventId: 'x'.repeat(513) }, 'eventId: Too big: expected string to have <=512 characters'],
      [
        { type: 'action', action: 'quit' },
        'action: Invalid option: expected one of "setApiKey"|"retry"|"editQuery"|"openServiceStatus"|"openSettings"|"showLog"|"cancel"|"loadOlder"|"useSuggestion"',
      ],
      [{ type: 'runQuery', query: { ['k'.repeat(65)]: '1' } }, `query.${'k'.repeat(65)}: Invalid key in record`],
      [{ type: 'runQuery', query: { minutes: { $gt: 1 } } }, 'query.minutes: Invalid input'],
      [{ type: 'runQuery', query: { text: 'x'.repeat(10_001) } }, 'query.text: Too big: expected string to have <=10000 characters'],
      [{ type: 'copy', text: 42 }, 'text: expected string, got number'],
      ['ready', 'message: expected object, got string'],
    ];
    for (const [message, words] of cases) {
      it(`${JSON.stringify(message).slice(0, 60)}: ${words.slice(0, 60)}`, () => {
        const parsed = webviewMessageSchema().safeParse(message);
        assert.ok(!parsed.success);
        assert.equal(describeIssues(message, parsed.error.issues, { subject: 'message' }), words);
      });
    }
  });

  describe('fieldErrors: the field each problem names', () => {
    const schema = z.strictObject({
      enabled: z.optional(z.boolean()),
      query: z.optional(z.strictObject({ minutes: z.number() })),
    });
    const errors = (input: unknown) => {
      const parsed = schema.safeParse(input);
      assert.ok(!parsed.success, 'refused');
      return fieldErrors(input, parsed.error.issues).map((e) => `${e.field} | ${e.message}`);
    };

    it('an unknown key is named by itself, not as the argument', () => {
      assert.deepEqual(errors({ enabld: true }), ['enabld | argument: Unrecognized key: "enabld"']);
      assert.deepEqual(errors({ a: 1, b: 2 }), ['a, b | argument: Unrecognized keys: "a", "b"']);
    });

    it('a nested field is its dotted path; an unknown key inside it is named under that path', () => {
      assert.deepEqual(errors({ query: { minutes: 'x' } }), ['query.minutes | query.minutes: expected number, got string']);
      assert.deepEqual(errors({ query: { minutes: 1, extra: 1 } }), ['query.extra | query: Unrecognized key: "extra"']);
    });

    it("a problem with the value as a whole (an empty path) is the subject's", () => {
      assert.deepEqual(errors('x'), ['argument | argument: expected object, got string']);
      const parsed = schema.safeParse(null);
      assert.ok(!parsed.success);
      assert.deepEqual(fieldErrors(null, parsed.error.issues, 'message'), [
        { field: 'message', message: 'message: expected object, got null' },
      ]);
    });
  });
});
