import * as assert from 'node:assert/strict';
import { formatTimeMillis } from '../../src/core/time';
import type { Timeline } from '../../src/core/timeline';
import type { CompareMessage } from '../../src/shared/protocol';
import { makeRows, results, STATUS } from './fixtures';
import { usePanelPage } from './page';

function timeline(connectionId: string, startMs: number, endMs: number): Timeline {
  return {
    connectionId,
    state: 'closed',
    startMs,
    endMs,
    durationMs: endMs - startMs,
    points: [
      { id: `${connectionId}-a`, type: 'connect', offsetMs: 0, time: new Date(startMs).toISOString() },
      { id: `${connectionId}-b`, type: 'disconnect', offsetMs: endMs - startMs, time: new Date(endMs).toISOString() },
    ],
    gaps: [],
    gapThresholdMs: 120_000,
    disconnectReason: undefined,
  };
}

const START = Date.UTC(2026, 10, 28, 10, 0, 0);

describe('events panel: compare mode and the time zone', function () {
  this.timeout(60_000);
  const panel = usePanelPage(async (page) => {
    await page.send(results(makeRows(20)));
  });

  it('shows both timelines on one axis and only the differences, as text, and goes back to the table', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const message: CompareMessage = {
      type: 'compare',
      timelines: [timeline('__proto__', START, START + 600_000), timeline(hostile, START + 300_000, START + 3_600_000)],
      differences: [
        { field: 'host', a: 'constructor', b: hostile },
        { field: 'closeCause', a: 'closed by client', b: '' },
      ],
    };
    await panel().send(message);
    const compare = panel().page.locator('section.compare');
    await compare.locator('table.differences').waitFor();
    assert.equal(await panel().page.locator('.main').isHidden(), true);
    assert.deepEqual(
      await compare.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent))),
      [
        ['Host', 'constructor', hostile],
        ['Close cause', 'closed by client', '—'],
      ],
    );
    assert.equal(await panel().page.locator('img').count(), 0, 'server text never becomes markup');
    assert.deepEqual(await compare.locator('.track-label').allTextContents(), ['__proto__', hostile]);
    // One axis: the later connection starts right of the earlier one.
    const starts = await compare.locator('circle.point.connect').evaluateAll((c) => c.map((e) => Number(e.getAttribute('cx'))));
    assert.ok(starts[1]! > starts[0]! + 40, JSON.stringify(starts));
    // The page's local zone is this process's (the same TZ).
    const local = (ms: number) => formatTimeMillis({ ms, ticks: 0 }, 'local').slice(0, 19);
    assert.match(
      (await compare.locator('.axis-range').textContent()) ?? '',
      new RegExp(`^${local(START)} → ${local(START + 3_600_000)} \\(local, UTC[+-]\\d\\d:\\d\\d\\)$`),
    );

    await panel().page.keyboard.press('Escape');
    await panel().page.locator('.main').waitFor();
    assert.equal(await compare.isHidden(), true);
  });

  it('a status in UTC names the zone in the Time column and the form, and shows times in it', async () => {
    await panel().send({ ...STATUS, timeZone: 'utc' });
    assert.equal((await panel().page.locator('.grid-header .col-time').textContent())?.trim(), 'Time (UTC)');
    assert.equal(await panel().page.locator('label[for=f-timeStart]').textContent(), 'Start time (UTC)');
    const first = makeRows(20).at(-1)!;
    assert.equal(await panel().page.locator('.grid-row:not([hidden]) .col-time').first().textContent(), formatTimeMillis(first, 'utc'));
  });
});
