import * as assert from 'node:assert/strict';
import { encodeRows } from '../../src/core/rowColumns';
import { chunked, makeRows } from './fixtures';
import { usePanelPage } from './page';

/** Results as the host sends them: the first screen with the result, the rest in chunks. */
describe('events panel: results in chunks', function () {
  this.timeout(120_000);
  const panel = usePanelPage();

  const count = async () => (await panel().page.locator('.shown-count').textContent()) ?? '';

  it('paints the first screen from the first message, then takes the chunks in, and the last row is reachable', async () => {
    const [first, ...chunks] = chunked(makeRows(25_000));
    await panel().send(first);
    assert.equal(await count(), '200 of 25000 events loaded');
    assert.match(await panel().page.locator('.grid-row:not([hidden])').first().innerText(), /event number 24999/);
    for (const chunk of chunks) {
      await panel().send(chunk);
    }
    assert.equal(await count(), '25000 events');
    assert.match(await panel().page.locator('.banner').innerText(), /25000 events/);
    await panel().page.locator('.grid').focus();
    await panel().page.keyboard.press('End');
    await panel().page.locator('.grid-row.selected .col-description').getByText('event number 0', { exact: true }).waitFor();
  });

  it('drops a chunk of a result that a newer one replaced, and a chunk out of order', async () => {
    const [oldFirst, oldChunk] = chunked(makeRows(3_000));
    const [newFirst, newChunk] = chunked(makeRows(3_000));
    await panel().send(oldFirst);
    await panel().send(newFirst);
    await panel().send(oldChunk!);
    assert.equal(await count(), '200 of 3000 events loaded');
    await panel().send({ ...newChunk!, offset: 0 } as typeof newChunk & object);
    assert.equal(await count(), '200 of 3000 events loaded');
    await panel().send(newChunk!);
    assert.equal(await count(), '3000 events');
  });

  it('drops a malformed chunk and keeps what it shows', async () => {
    const [first, chunk] = chunked(makeRows(1_000));
    await panel().send(first);
    const good = chunk!.rows;
    for (const rows of [
      { ...good, host: good.host.map(() => 9_999) },
      { ...good, ms: good.ms.slice(1) },
      { ...good, words: null },
    ]) {
      await panel().send({ ...chunk!, rows } as typeof chunk & object);
      assert.equal(await count(), '200 of 1000 events loaded');
    }
    // More rows than the result has.
    await panel().send({ ...chunk!, rows: encodeRows(makeRows(2_000)) });
    assert.equal(await count(), '200 of 1000 events loaded');
    await panel().send(chunk!);
    assert.equal(await count(), '1000 events');
  });

  it('keeps the selection when its row comes in a later chunk, and focuses an event asked for while rows arrive', async () => {
    await panel().send(chunked(makeRows(50))[0]);
    await panel().page.locator('.grid-row:not([hidden])').first().click();
    const selected = panel().postedOfType<{ eventId: string }>('selectEvent').at(-1)!.eventId;
    assert.equal(selected, 'ev-000049');
    // A new result in which that event is far down, below the first screen.
    const rows = makeRows(20_000).map((r, i) => (i === 10 ? { ...r, id: selected } : r));
    const [first, ...chunks] = chunked(rows);
    await panel().send(first);
    await panel().send({ type: 'focus', eventId: 'ev-000500' });
    for (const chunk of chunks) {
      await panel().send(chunk);
    }
    await panel().page.locator('.grid-row.selected', { hasText: 'event number 500' }).waitFor();
    const asked = panel()
      .postedOfType<{ eventId: string }>('selectEvent')
      .map((m) => m.eventId);
    assert.deepEqual(asked.slice(-2), [selected, 'ev-000500'], 'the kept selection is asked for, then the focused event');
  });
});
