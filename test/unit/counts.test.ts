import * as assert from 'node:assert/strict';
import { eventsOfText, eventsText } from '../../src/core/counts';

/** Counts in words: one event is "1 event", wherever the panel, the tree or a message writes a count. */
describe('core/counts', () => {
  it('writes one event in the singular and any other count in the plural', () => {
    assert.equal(eventsText(1), '1 event');
    assert.equal(eventsText(0), '0 events');
    assert.equal(eventsText(2), '2 events');
    assert.equal(eventsText(1200, '1,200'), '1,200 events');
  });

  it('writes some of the events by their total: of one event in the singular', () => {
    assert.equal(eventsOfText(0, 1), '0 of 1 event');
    assert.equal(eventsOfText(1, 12), '1 of 12 events');
    assert.equal(eventsOfText(3, 12), '3 of 12 events');
  });
});
