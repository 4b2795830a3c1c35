import * as assert from 'node:assert/strict';
import { validateField } from '../../src/core/query';
import type { Timeline } from '../../src/core/timeline';
import type { DetailsMessage } from '../../src/shared/protocol';
import { BAD_COMBINATIONS, BAD_INPUTS } from '../fixtures/badInputs';
import { makeRows, results, STATUS } from './fixtures';
import { PanelPage } from './page';

describe('events panel (webview bundle in Chromium)', function () {
  this.timeout(60_000);
  let panel: PanelPage;

  beforeEach(async () => {
    panel = await PanelPage.open();
  });
  afterEach(async () => {
    await panel.close();
  });

  it('says ready first, and fills the form from the host’s query', async () => {
    assert.deepEqual(panel.posted[0], { type: 'ready' });
    await panel.send({ ...STATUS, query: { minutes: '240', serviceName: 'coinapi-ws', limit: '50' } });
    assert.equal(await panel.page.locator('#f-range').inputValue(), '240');
    assert.equal(await panel.page.locator('#f-serviceName').inputValue(), 'coinapi-ws');
    assert.equal(await panel.page.locator('#f-limit').inputValue(), '50');
  });

  it('validates as typed with the palette’s messages, and refuses Apply until the query is valid', async () => {
    await panel.send(STATUS);
    await panel.page.locator('#f-apiKeyId').fill('not-a-uuid');
    const expected = validateField('apiKeyId', 'not-a-uuid', 'local');
    assert.ok(!expected.ok);
    assert.equal(await panel.page.locator('#e-apiKeyId').textContent(), expected.error.message);
    assert.equal(await panel.page.locator('#f-apiKeyId').getAttribute('aria-invalid'), 'true');
    await panel.page.getByRole('button', { name: 'Apply' }).click();
    assert.equal(panel.postedOfType('runQuery').length, 0);

    await panel.page.locator('#f-apiKeyId').fill('');
    await panel.page.locator('#f-range').selectOption('custom');
    await panel.page.locator('#f-timeStart').fill('2026-11-28 10:00');
    await panel.page.locator('#f-timeEnd').fill('2026-11-28 09:00');
    await panel.page.getByRole('button', { name: 'Apply' }).click();
    assert.equal(await panel.page.locator('#e-timeEnd').textContent(), 'timeEnd: must be after timeStart.');
    assert.equal(panel.postedOfType('runQuery').length, 0);

    await panel.page.locator('#f-timeEnd').fill('2026-11-28 11:00');
    await panel.page.locator('#f-eventType').fill('disconnect');
    await panel.page.getByRole('button', { name: 'Apply' }).click();
    const [sent] = panel.postedOfType<{ type: string; query: Record<string, string> }>('runQuery');
    // An empty limit is left out: the host applies the default limit.
    assert.deepEqual(sent?.query, { timeStart: '2026-11-28 10:00', timeEnd: '2026-11-28 11:00', eventType: 'disconnect' });
    assert.equal(await panel.page.locator('#f-limit').getAttribute('placeholder'), '1000 (default)');
  });

  it('shows errors the host reports by field', async () => {
    await panel.send(STATUS);
    await panel.send({ type: 'validation', errors: [{ field: 'limit', message: 'limit: must be at least 1.' }] });
    assert.equal(await panel.page.locator('#e-limit').textContent(), 'limit: must be at least 1.');
  });

  it('virtualises 100,000 rows: a few dozen in the DOM, and the last one reachable', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(100_000)));
    await panel.page.locator('.grid-row:not([hidden])').first().waitFor();
    const rendered = await panel.page.locator('.grid-row').count();
    assert.ok(rendered > 10 && rendered < 120, `${rendered} row elements`);
    assert.equal(await panel.page.locator('.grid').getAttribute('aria-rowcount'), '100001');
    assert.match((await panel.page.locator('.shown-count').textContent()) ?? '', /^100000 events$/);
    // Newest first by default.
    assert.match(await panel.page.locator('.grid-row:not([hidden])').first().innerText(), /event number 99999/);
    await panel.page.locator('.grid').focus();
    await panel.page.keyboard.press('End');
    await panel.page.locator('.grid-row.selected .col-description').getByText('event number 0', { exact: true }).waitFor();
    const selected = panel.postedOfType<{ eventId: string }>('selectEvent').at(-1);
    assert.equal(selected?.eventId, 'ev-000000');
  });

  it('sorts by a column, filters by text and by type chip', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(600)));
    await panel.page.getByRole('button', { name: 'Description' }).click();
    assert.equal(await panel.page.locator('[role=columnheader]', { hasText: 'Description' }).getAttribute('aria-sort'), 'ascending');
    assert.match(await panel.page.locator('.grid-row:not([hidden])').first().innerText(), /event number 0/);

    await panel.page.getByLabel('Filter loaded events').fill('number 59');
    assert.equal(await panel.page.locator('.shown-count').textContent(), '11 of 600 events');

    await panel.page.getByLabel('Filter loaded events').fill('');
    const chip = panel.page.locator('.chip', { hasText: /^heartbeat 300$/ });
    assert.equal(await chip.getAttribute('aria-pressed'), 'true');
    await chip.click();
    assert.equal(await panel.page.locator('.chip', { hasText: /^heartbeat 300$/ }).getAttribute('aria-pressed'), 'false');
    assert.equal(await panel.page.locator('.shown-count').textContent(), '300 of 600 events');
    const state = await panel.lastState();
    assert.deepEqual(state?.excludedTypes, ['heartbeat']);
  });

  it('moves the selection with the keyboard and asks the host for details', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(50)));
    await panel.page.locator('.grid').focus();
    await panel.page.keyboard.press('ArrowDown');
    await panel.page.keyboard.press('ArrowDown');
    const ids = panel.postedOfType<{ eventId: string }>('selectEvent').map((m) => m.eventId);
    assert.deepEqual(ids, ['ev-000049', 'ev-000048']);
    assert.equal(await panel.page.locator('.grid').getAttribute('aria-activedescendant'), 'row-1');
    assert.equal((await panel.lastState())?.selectedId, 'ev-000048');
  });

  it('shows every field of the selected event, unknown ones too, the raw JSON and the timeline with its gaps', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(10)));
    await panel.page.locator('.grid-row:not([hidden])').nth(2).click();
    const event = {
      eventId: 'ev-000007',
      connectionId: 'conn_0000000000000007',
      eventType: 'disconnect',
      eventTimestamp: '2026-11-28T00:00:07.0000007Z',
      eventDescription: 'WebSocket connection closed by server',
      region: 'eu',
    };
    const timeline: Timeline = {
      connectionId: 'conn_0000000000000007',
      state: 'closed',
      startMs: 0,
      endMs: 900_000,
      durationMs: 900_000,
      points: [
        { id: 'a', type: 'connect', offsetMs: 0, time: 't0' },
        { id: 'b', type: 'heartbeat', offsetMs: 60_000, time: 't1' },
        { id: 'c', type: 'heartbeat', offsetMs: 600_000, time: 't2' },
        { id: 'ev-000007', type: 'disconnect', offsetMs: 900_000, time: 't3' },
      ],
      gaps: [
        { fromMs: 60_000, toMs: 600_000, durationMs: 540_000, trailing: false },
        { fromMs: 600_000, toMs: 900_000, durationMs: 300_000, trailing: false },
      ],
      gapThresholdMs: 120_000,
      disconnectReason: 'WebSocket connection closed by server',
    };
    const details: DetailsMessage = {
      type: 'details',
      eventId: 'ev-000007',
      event,
      truncated: false,
      shownTime: '2026-11-28 01:00:07.000',
      shownZone: 'local, UTC+01:00',
      timeline,
    };
    await panel.send(details);
    const pane = panel.page.locator('.details');
    await pane.locator('dt', { hasText: 'region' }).waitFor();
    assert.match(await pane.innerText(), /2026-11-28T00:00:07\.0000007Z/);
    assert.match(await pane.innerText(), /time \(local, UTC\+01:00\)\s+2026-11-28 01:00:07\.000/);
    assert.equal(await panel.page.locator('.timeline-svg rect.gap').count(), 2);
    assert.match(await pane.innerText(), /2 heartbeat gaps over 2 min, longest 9 min/);
    assert.match(await pane.innerText(), /closed: WebSocket connection closed by server/);

    // Copies are made by the host, from the whole event it holds.
    await pane.getByRole('button', { name: 'Copy JSON' }).click();
    assert.deepEqual(panel.postedOfType('copyEvent').at(-1), { type: 'copyEvent', eventId: 'ev-000007' });
    await pane.getByRole('button', { name: 'Copy region' }).click();
    assert.deepEqual(panel.postedOfType('copyEvent').at(-1), { type: 'copyEvent', eventId: 'ev-000007', field: 'region' });
    await pane.getByRole('button', { name: 'Copy time (local, UTC+01:00)' }).click();
    assert.equal(panel.postedOfType<{ text: string }>('copy').at(-1)?.text, '2026-11-28 01:00:07.000');
    await pane.getByRole('button', { name: 'Reveal in Tree' }).click();
    assert.deepEqual(panel.postedOfType('revealInTree').at(-1), { type: 'revealInTree', eventId: 'ev-000007' });
  });

  it('marks the duration of a connection whose connect event is not in the result with ≥, as the tree does', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(10)));
    await panel.page.locator('.grid-row:not([hidden])').first().click();
    const eventId = panel.postedOfType<{ eventId: string }>('selectEvent').at(-1)!.eventId;
    const timeline: Timeline = {
      connectionId: 'conn_0225',
      state: 'closed',
      startMs: 0,
      endMs: 3_419_000,
      durationMs: 3_419_000,
      points: [
        { id: 'a', type: 'heartbeat', offsetMs: 0, time: 't0' },
        { id: 'b', type: 'heartbeat', offsetMs: 60_000, time: 't1' },
        { id: eventId, type: 'disconnect', offsetMs: 3_419_000, time: 't2' },
      ],
      gaps: [],
      gapThresholdMs: 120_000,
      disconnectReason: undefined,
    };
    const event = { eventId, connectionId: 'conn_0225', eventType: 'disconnect', eventTimestamp: '2026-11-28T00:00:07Z' };
    await panel.send({ type: 'details', eventId, event, truncated: false, shownTime: 'x', shownZone: 'UTC', timeline });
    const section = panel.page.locator('.details section.timeline');
    assert.equal(await section.locator('.facts').textContent(), 'Duration ≥ 56 min 59 s · 3 events · closed: disconnect');
    assert.match((await section.locator('svg').getAttribute('aria-label')) ?? '', /^3 events over ≥ 56 min 59 s,/);
  });

  it('shows loading, error with its actions, empty and limit-reached states', async () => {
    await panel.send({ ...STATUS, hasResults: false, running: true });
    await panel.page.getByRole('progressbar').waitFor();
    await panel.page.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(panel.postedOfType('action').at(-1), { type: 'action', action: 'cancel' });

    await panel.send({
      ...STATUS,
      hasResults: false,
      error: { message: 'The API key was not accepted (401).', actions: ['setApiKey', 'showLog'] },
    });
    await panel.page.getByRole('alert').filter({ hasText: 'not accepted (401)' }).waitFor();
    await panel.page.locator('.banner').getByRole('button', { name: 'Set API Key' }).click();
    assert.deepEqual(panel.postedOfType('action').at(-1), { type: 'action', action: 'setApiKey' });

    await panel.send({ ...STATUS, error: undefined });
    await panel.send(results([]));
    await panel.page.getByText('No events matched the query').waitFor();

    await panel.send(results(makeRows(20), { limit: 20, limitReached: true, invalidCount: 3 }));
    await panel.page.getByText(/The limit of 20 was reached/).waitFor();
    await panel.page.locator('.banner').getByRole('button', { name: 'Load Older' }).click();
    assert.deepEqual(panel.postedOfType('action').at(-1), { type: 'action', action: 'loadOlder' });
    await panel.page.getByText(/3 malformed records were skipped/).waitFor();
  });

  it('forgets the result, its selection and details when the host has none any more (another key or profile)', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(30)));
    await panel.send({ type: 'focus', eventId: 'ev-000007' });
    await panel.page.locator('.grid-row.selected', { hasText: 'event number 7' }).waitFor();
    await panel.send({ ...STATUS, hasResults: false });
    await panel.page.locator('.grid-row').first().waitFor({ state: 'hidden' });
    assert.equal(
      await panel.page.getByText('event number 7').filter({ visible: true }).count(),
      0,
      'no row, no details of the result that went',
    );
    assert.equal(await panel.page.locator('.details').filter({ hasText: 'ev-000007' }).count(), 0, 'the details are cleared');
  });

  it('focuses an event or a connection when the host asks', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(300)));
    await panel.send({ type: 'focus', eventId: 'ev-000123' });
    await panel.page.locator('.grid-row.selected', { hasText: 'event number 123' }).waitFor();
    await panel.send({ type: 'focus', connectionId: 'conn_0000000000000005' });
    assert.equal(await panel.page.getByLabel('Filter loaded events').inputValue(), 'conn_0000000000000005');
    assert.match((await panel.page.locator('.shown-count').textContent()) ?? '', /^\d+ of 300 events$/);
  });

  it('quick filter: finds the time as the Time column shows it, the UTC text, the event ID and the API key ID', async () => {
    await panel.send(STATUS);
    const rows = makeRows(300);
    await panel.send(results(rows));
    const filter = panel.page.getByLabel('Filter loaded events');
    const count = async () => (await panel.page.locator('.shown-count').textContent()) ?? '';
    // What the person sees in the Time column of the newest row, to the second, typed as seen.
    const shown = (await panel.page.locator('.grid-row:not([hidden]) .col-time').first().textContent())!;
    await filter.fill(shown.slice(0, 19));
    assert.equal(await count(), '1 of 300 events', `typing the shown time ${shown.slice(0, 19)}`);
    assert.match(await panel.page.locator('.grid-row:not([hidden])').first().innerText(), /event number 299/);
    await filter.fill(rows[42]!.time.replace('T', ' ').slice(0, 19));
    assert.equal(await count(), '1 of 300 events', 'the UTC text with a space');
    await filter.fill(rows[42]!.time);
    assert.equal(await count(), '1 of 300 events', 'the UTC text as sent');
    await filter.fill('EV-000042');
    assert.equal(await count(), '1 of 300 events', 'the event ID');
    await filter.fill('8765-000000000003');
    assert.equal(await count(), `${rows.filter((r) => r.apiKeyId.endsWith('3')).length} of 300 events`, 'the API key ID');
  });

  it('disables Load Older while a query runs', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(20), { limit: 20, limitReached: true }));
    const button = panel.page.locator('.banner').getByRole('button', { name: 'Load Older' });
    assert.equal(await button.isEnabled(), true);
    await panel.send({ ...STATUS, running: true });
    assert.equal(await button.isDisabled(), true);
    await button.click({ force: true });
    assert.equal(panel.postedOfType('action').length, 0, 'nothing is asked for');
    await panel.send({ ...STATUS, running: false });
    assert.equal(await button.isEnabled(), true);
  });

  it('shows an event nested 100,000 levels deep bounded, with a marker, and has the host copy it whole', async () => {
    await panel.send(STATUS);
    await panel.send(results(makeRows(5)));
    await panel.page.locator('.grid-row:not([hidden])').first().click();
    const eventId = panel.postedOfType<{ eventId: string }>('selectEvent').at(-1)!.eventId;
    // Delivered as-is (no structured clone on the way), as if the host had not bounded it.
    await panel.dispatch(
      `{"type":"details","eventId":"${eventId}","truncated":false,"shownTime":"x","shownZone":"UTC","timeline":null,"event":{"eventId":"${eventId}","eventType":"connect","deep":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`,
    );
    const pane = panel.page.locator('.details');
    await pane.locator('dt', { hasText: 'deep' }).waitFor({ timeout: 5000 });
    assert.match(await pane.locator('.depth-note').innerText(), /deeper levels are shown as …\. Copy JSON copies everything/);
    const raw = await pane.locator('details.raw pre').textContent();
    assert.match(raw ?? '', /"a": "…"/);
    assert.ok((raw ?? '').length < 20_000, `${raw?.length} characters of raw JSON`);
    await pane.getByRole('button', { name: 'Copy JSON' }).click();
    assert.deepEqual(panel.postedOfType('copyEvent').at(-1), { type: 'copyEvent', eventId });
  });

  it('restores its state after a reload: quick filter, excluded types, sort and the form draft', async () => {
    // The draft is an edit of the host's query: the one the page had when it saved its state.
    await panel.send(STATUS);
    const draftOf = (await panel.lastState())?.draftOf;
    await panel.close();
    panel = await PanelPage.open({
      text: 'number 1',
      excludedTypes: ['connect'],
      sort: { column: 'type', descending: false },
      draft: { serviceName: 'coinapi-fix', minutes: '15' },
      draftOf,
    });
    await panel.send(STATUS);
    await panel.send(results(makeRows(60)));
    assert.equal(await panel.page.getByLabel('Filter loaded events').inputValue(), 'number 1');
    assert.equal(await panel.page.locator('.chip', { hasText: /^connect / }).getAttribute('aria-pressed'), 'false');
    assert.equal(await panel.page.locator('[role=columnheader]', { hasText: 'Type' }).getAttribute('aria-sort'), 'ascending');
    assert.equal(await panel.page.locator('#f-serviceName').inputValue(), 'coinapi-fix');
    assert.equal(await panel.page.locator('#f-range').inputValue(), '15');
  });
});

describe('events panel form: the shared table of bad inputs', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  before(async () => {
    panel = await PanelPage.open();
    await panel.send({ ...STATUS, query: undefined, hasResults: false });
  });
  after(() => panel.close());

  // minutes comes from the range menu, which offers only valid values; the custom range takes
  // timeStart/timeEnd. A text input cannot hold a line break (the browser strips it as it is typed).
  for (const { field, value, why } of BAD_INPUTS.filter((b) => b.field !== 'minutes' && !/[\r\n]/.test(b.value))) {
    it(`refuses ${field} = ${why} with the core message, and sends nothing`, async () => {
      await panel.page.getByRole('button', { name: 'Reset' }).click();
      if (field === 'timeStart' || field === 'timeEnd') {
        await panel.page.locator('#f-range').selectOption('custom');
      }
      await panel.page.locator(`#f-${field}`).fill(value);
      const expected = validateField(field, value, 'local');
      assert.ok(!expected.ok);
      assert.equal(await panel.page.locator(`#e-${field}`).textContent(), expected.error.message);
      const before = panel.postedOfType('runQuery').length;
      await panel.page.getByRole('button', { name: 'Apply' }).click();
      assert.equal(panel.postedOfType('runQuery').length, before);
      assert.equal(
        await panel.page.evaluate(
          () => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id,
        ),
        `f-${field}`,
      );
    });
  }

  for (const { query, field, why } of BAD_COMBINATIONS.filter((b) => !('minutes' in b.query))) {
    it(`refuses ${why}, naming ${field}`, async () => {
      await panel.page.getByRole('button', { name: 'Reset' }).click();
      await panel.page.locator('#f-range').selectOption('custom');
      for (const [name, value] of Object.entries(query)) {
        await panel.page.locator(`#f-${name}`).fill(value);
      }
      const before = panel.postedOfType('runQuery').length;
      await panel.page.getByRole('button', { name: 'Apply' }).click();
      assert.match((await panel.page.locator(`#e-${field}`).textContent()) ?? '', new RegExp(`^${field}:`));
      assert.equal(panel.postedOfType('runQuery').length, before);
    });
  }
});
