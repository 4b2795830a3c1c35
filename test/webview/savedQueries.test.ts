import * as assert from 'node:assert/strict';
import type { QueryChoice } from '../../src/core/queryChoices';
import { usePanelPage } from './page';

const MARKUP = '<img src=x onerror="document.body.dataset.pwned=1">';

const CHOICES: QueryChoice[] = [
  {
    kind: 'saved',
    name: MARKUP,
    label: MARKUP,
    description: 'last 60 min · coinapi-ws · limit 1000',
    query: { minutes: '60', serviceName: 'coinapi-ws' },
  },
  { kind: 'saved', name: '__proto__', label: '__proto__', description: 'minutes: must be a whole number.', query: undefined },
  {
    kind: 'recent',
    name: undefined,
    label: '2026-04-20 19:30 → 20:00 · limit 5',
    description: '',
    query: { timeStart: '2026-04-20 19:30:00', timeEnd: '2026-04-20 20:00:00', limit: '5', dataCenter: 'constructor' },
  },
];

/** The form's "Recent & saved" list: the host's saved queries and history, shown as text; a choice fills the form. */
describe('events panel: recent & saved queries', function () {
  this.timeout(120_000);
  const panel = usePanelPage();

  const select = () => panel().page.locator('#f-recent');

  it('is hidden until there is a query to offer, then lists saved then recent ones as text', async () => {
    assert.equal(await panel().page.locator('.field.recent').isHidden(), true);
    await panel().send({ type: 'queries', choices: CHOICES });
    assert.equal(await panel().page.locator('.field.recent').isVisible(), true);
    const groups = await select()
      .locator('optgroup')
      .evaluateAll((list) => list.map((g) => [g.getAttribute('label'), Array.from(g.querySelectorAll('option'), (o) => o.textContent)]));
    assert.deepEqual(groups, [
      ['Saved', [`${MARKUP} — last 60 min · coinapi-ws · limit 1000`, '__proto__ — minutes: must be a whole number.']],
      ['Recent', ['2026-04-20 19:30 → 20:00 · limit 5']],
    ]);
    assert.equal(await panel().page.locator('img').count(), 0);
    assert.equal(await panel().page.evaluate(() => document.body.dataset.pwned), undefined);
    // A saved query that does not validate cannot be chosen: running it would only be refused.
    assert.equal(await select().locator('option[disabled]').textContent(), '__proto__ — minutes: must be a whole number.');
  });

  it('fills the form with the chosen query, and Apply sends it to the host to validate and run', async () => {
    await panel().send({ type: 'queries', choices: CHOICES });
    await select().selectOption({ label: '2026-04-20 19:30 → 20:00 · limit 5' });
    assert.equal(await panel().page.locator('#f-range').inputValue(), 'custom');
    assert.equal(await panel().page.locator('#f-timeStart').inputValue(), '2026-04-20 19:30:00');
    assert.equal(await panel().page.locator('#f-dataCenter').inputValue(), 'constructor');
    assert.equal(await select().inputValue(), '', 'the list goes back to its prompt');
    assert.equal(panel().postedOfType('runQuery').length, 0, 'choosing fills the form; it does not run');
    await select().selectOption({ label: `${MARKUP} — last 60 min · coinapi-ws · limit 1000` });
    await panel().page.getByRole('button', { name: 'Apply' }).click();
    assert.deepEqual(panel().postedOfType('runQuery').at(-1), { type: 'runQuery', query: { serviceName: 'coinapi-ws', minutes: '60' } });
  });
});
