import * as assert from 'node:assert/strict';
import { encodeRows } from '../../src/core/rowColumns';
import { applyView, DEFAULT_VIEW, type EventRow } from '../../src/core/table';
import type { AppendMessage, ResultsMessage } from '../../src/shared/protocol';
import { makeRows, results, STATUS } from './fixtures';
import { PanelPage } from './page';

/** Rows `count` seconds after the newest of `makeRows(base)`, with their own IDs. */
function newer(base: number, count: number, from: number): EventRow[] {
  return makeRows(base + from + count)
    .slice(base + from)
    .map((row) => ({ ...row, id: `new-${row.id}`, description: `new ${row.description}` }));
}

/** The live tail's rows as the host adds them to the result shown. */
describe('events panel: rows the live tail adds', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  let shown: ResultsMessage;
  const append = (rows: EventRow[], total: number, extra: Partial<AppendMessage> = {}): AppendMessage => ({
    type: 'append',
    resultId: shown.resultId,
    total,
    rows: encodeRows(rows),
    connections: 97,
    invalidCount: 0,
    completedAt: new Date().toISOString(),
    ...extra,
  });
  const count = async () => (await panel.page.locator('.shown-count').textContent()) ?? '';
  const firstRow = () => panel.page.locator('.grid-row[data-index="0"]');

  beforeEach(async () => {
    panel = await PanelPage.open();
    await panel.send(STATUS);
    shown = results(applyView(makeRows(1_000), DEFAULT_VIEW, 'local'));
    await panel.send(shown);
  });
  afterEach(async () => {
    await panel.close();
  });

  it('follows the newest rows while the newest row is in view', async () => {
    await panel.send(append(newer(1_000, 2, 0), 1_002));
    assert.equal(await count(), '1002 events');
    assert.match(await firstRow().innerText(), /new event number 1001/);
    assert.equal(await firstRow().isVisible(), true);
    assert.equal(await panel.page.locator('button.new-rows').isHidden(), true);
  });

  it('keeps the row being read in place and says how many arrived; Enter on the button jumps to them', async () => {
    await panel.page.locator('.grid').focus();
    await panel.page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) {
      await panel.page.keyboard.press('PageDown');
    }
    const selected = panel.page.locator('.grid-row.selected');
    const before = { text: await selected.innerText(), y: (await selected.boundingBox())!.y };
    await panel.send(append(newer(1_000, 3, 0), 1_003));
    assert.equal(await count(), '1003 events');
    const button = panel.page.getByRole('button', { name: '3 new events' });
    await button.waitFor();
    assert.equal(await selected.innerText(), before.text);
    assert.ok(Math.abs((await selected.boundingBox())!.y - before.y) < 1, 'the selected row did not move');
    await panel.send(append(newer(1_000, 1, 3), 1_004));
    await panel.page.getByRole('button', { name: '4 new events' }).waitFor();
    await panel.page.getByRole('button', { name: '4 new events' }).focus();
    await panel.page.keyboard.press('Enter');
    await panel.page.locator('button.new-rows').waitFor({ state: 'hidden' });
    await panel.page.locator('.grid-row:not([hidden])', { hasText: 'new event number 1003' }).waitFor();
    // Still selected: the row the user chose, not the newest.
    assert.equal((await panel.page.locator('.grid-row.selected').count()) <= 1, true);
  });

  it('drops rows for another result, or that do not add up to the total, and keeps what it shows', async () => {
    await panel.send(append(newer(1_000, 2, 0), 1_002, { resultId: shown.resultId + 1000 }));
    await panel.send(append(newer(1_000, 2, 0), 1_005));
    assert.equal(await count(), '1000 events');
    await panel.send(append(newer(1_000, 2, 0), 1_002));
    assert.equal(await count(), '1002 events');
  });
});
