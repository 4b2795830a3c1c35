import * as assert from 'node:assert/strict';
import { formatDuration } from '../../src/core/time';
import type { FakeConnection, FakeEnding, FakeEvent } from '../fake-api/data';
import type { FakeConsoleApi } from '../fake-api/server';
import { until, type Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

/**
 * Why a connection ended, read from the tree rows a person sees: outcome,
 * close cause and duration first on each row, checked against the fake API's
 * data; a heartbeat gap badge; narrowing to one outcome and grouping by close
 * cause from the palette, the grouping remembered across a reload.
 */
const CAUSE_LABELS: Readonly<Record<Exclude<FakeEnding, 'open'>, string>> = {
  client: 'client closed',
  server: 'server closed',
  timeout: 'heartbeat timeout',
  auth: 'authentication',
};
const GAP_SECONDS = 120;
const at = (e: FakeEvent) => e.ms + e.ticks / 10_000;
const longestGap = (events: readonly FakeEvent[]) =>
  events.reduce((gap, e, i) => (i === 0 ? 0 : Math.max(gap, at(e) - at(events[i - 1]!))), 0);

describe('UI: why it ended, in the tree', function () {
  this.timeout(180_000);
  // Less than a day of data and a limit above its size: "Last 24 hours" returns every event.
  const session = useWorkbench('tree', {
    api: { key: 'demo', seed: 5, connections: 60, days: 0.9 },
    settings: { 'connectionAnalytics.defaultLimit': 100_000, 'connectionAnalytics.heartbeatGapSeconds': GAP_SECONDS },
  });
  let api: FakeConsoleApi;
  let workbench: Workbench;
  let queriedBetween: [number, number];
  const connections = () => new Map(api.dataset.connections.map((c) => [c.connectionId, c]));
  const topRows = () => workbench.view.locator('.monaco-list-row[aria-level="1"]');
  /** The top-level rows VS Code has rendered (the list is virtualised): label and description as shown. */
  const renderedRows = () =>
    topRows().evaluateAll((rows) =>
      rows.map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
      })),
    );

  /**
   * The outcomes a connection may show. An open connection is `open` while its last event is within 2 minutes of
   * the end of the range, which the extension takes when the answer arrives: some instant in `queriedBetween`.
   */
  function allowedOutcomes(fake: FakeConnection): string[] {
    if (fake.ending !== 'open') {
      return [`closed · ${CAUSE_LABELS[fake.ending]}`];
    }
    const last = at(fake.events[fake.events.length - 1]!);
    const [from, to] = queriedBetween;
    return [...(from - last <= 120_000 ? ['open'] : []), ...(to - last > 120_000 ? ['unknown'] : [])];
  }

  /** Waits until the Connections view's rendered top-level rows satisfy `check`: the state a step waits for. */
  async function waitForRows(check: (rows: { label: string; description: string }[]) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!check(await renderedRows())) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await renderedRows())}`);
      }
      await workbench.page.waitForTimeout(100);
    }
  }

  /** What a row may say first: outcome, cause, then the duration from the first to the last event (all are in the result). */
  function expectedOutcomes(fake: FakeConnection): string[] {
    const duration = formatDuration(at(fake.events[fake.events.length - 1]!) - at(fake.events[0]!));
    return allowedOutcomes(fake).map((outcome) => `${outcome} · ${duration}`);
  }

  async function query(): Promise<void> {
    const requests = api.eventRequests.length;
    const arrived = until(() => api.eventRequests.length > requests, 'the query request').then(() => Date.now());
    await workbench.queryFromPalette('Last 24 hours');
    queriedBetween = [await arrived, Date.now()];
    await workbench.waitForResults(new RegExp(`${api.dataset.connections.length} connections, ${api.dataset.events.length} events`));
  }

  before(async () => {
    ({ api, workbench } = session());
    await workbench.setApiKeyFromWelcome('demo');
    await query();
    await workbench.clearNotifications();
    // Wide enough that a row's description is not cut off in the screenshots: drag the sidebar's edge.
    const sidebar = workbench.page.locator('.part.sidebar');
    const box = await sidebar.boundingBox();
    assert.ok(box);
    const edge = box.x + box.width;
    const wide = () =>
      workbench.page.waitForFunction((width) => (document.querySelector('.part.sidebar')?.clientWidth ?? 0) > width + 200, box.width, {
        timeout: 5000,
      });
    // A drag that something took from the sash (a hover, a notification) leaves the width as it was: drag again.
    for (let attempt = 1; ; attempt++) {
      const sashes = await workbench.page.locator('.monaco-sash.vertical').all();
      let sash;
      for (const candidate of sashes) {
        const b = await candidate.boundingBox();
        if (b && Math.abs(b.x + b.width / 2 - edge) < 4 && b.height > box.height / 2) {
          sash = b;
        }
      }
      assert.ok(sash, 'the sidebar has a sash on its edge');
      await workbench.page.mouse.move(sash.x + sash.width / 2, sash.y + sash.height / 2);
      await workbench.page.mouse.down();
      await workbench.page.mouse.move(sash.x + 400, sash.y + sash.height / 2, { steps: 10 });
      await workbench.page.mouse.up();
      await workbench.page.mouse.move(box.x + 1000, box.y + box.height / 2);
      try {
        await wide();
        break;
      } catch (error) {
        if (attempt >= 3) {
          throw error;
        }
      }
    }
  });

  it('each rendered row says its outcome, close cause and duration first, as the fake API ended it, and a gap is badged', async () => {
    const byId = connections();
    const rows = await renderedRows();
    assert.ok(rows.length > 10, `${rows.length} rows rendered`);
    let gaps = 0;
    for (const { label, description } of rows) {
      const fake = byId.get(label);
      assert.ok(fake, `a row of a connection the API holds: ${label}`);
      const expected = expectedOutcomes(fake);
      assert.ok(
        expected.some((e) => description.startsWith(`${e} · ${fake.serviceName}`)),
        `${label}: "${description}" starts with one of ${JSON.stringify(expected)}`,
      );
      const badge = topRows()
        .filter({ has: workbench.page.locator('.label-name', { hasText: label }) })
        .locator('.monaco-icon-label[class*="monaco-decoration-itemBadge"]');
      if (longestGap(fake.events) > GAP_SECONDS * 1000) {
        gaps++;
        // Decorations arrive from the extension host after the row is drawn.
        await badge.waitFor();
      } else {
        assert.equal(await badge.count(), 0, `${label} has no gap above ${GAP_SECONDS} s`);
      }
    }
    assert.ok(gaps > 0, 'the rendered rows include one with a heartbeat gap');
    await workbench.screenshot('11-tree-outcomes');
  });

  it('narrows to one close cause from the counts, without a request, and shows all again', async () => {
    const expected = api.dataset.connections.filter((c) => c.ending === 'timeout');
    assert.ok(expected.length > 0, 'the seed has heartbeat timeouts');
    const requests = api.eventRequests.length;
    await workbench.runCommand('Connection Analytics: Narrow to Outcome…');
    await workbench.waitForQuickInput('Narrow to Outcome');
    await workbench.focusEntry('closed · heartbeat timeout');
    const count = workbench.quickInput.locator('.monaco-list-row.focused .label-description');
    assert.equal((await count.textContent())?.trim(), String(expected.length), 'the entry counts the timeouts');
    await workbench.screenshot('12-narrow-to-outcome');
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForResults(
      new RegExp(`showing closed · heartbeat timeout: ${expected.length} of ${api.dataset.connections.length}`),
    );
    const rows = await renderedRows();
    assert.deepEqual(rows.map((r) => r.label).sort(), expected.map((c) => c.connectionId).sort());
    for (const { description } of rows) {
      assert.match(description, /^closed · heartbeat timeout · /);
    }
    await workbench.screenshot('13-narrowed-heartbeat-timeout');

    await workbench.runCommand('Connection Analytics: Show All Connections');
    await waitForRows((rows) => rows.length > expected.length, 'every connection again');
    await workbench.waitForResults(/^(?!.*showing).*\d+ connections, \d+ events/);
    assert.equal(api.eventRequests.length, requests, 'narrowing is a view state, not a request');
  });

  it('groups by close cause from the palette, counts each group as the data says, and remembers it across a reload', async () => {
    await workbench.runCommand('Connection Analytics: Group Connections By…');
    await workbench.waitForQuickInput('Group Connections By');
    await workbench.pick('Outcome and close cause');
    // Each group's count lies between the connections that must be in it and those that may be.
    const must = new Map<string, number>();
    const may = new Map<string, number>();
    for (const fake of api.dataset.connections) {
      const allowed = allowedOutcomes(fake);
      for (const outcome of allowed) {
        may.set(outcome, (may.get(outcome) ?? 0) + 1);
      }
      if (allowed.length === 1) {
        must.set(allowed[0]!, (must.get(allowed[0]!) ?? 0) + 1);
      }
    }
    await waitForRows((rows) => rows.length > 0 && rows.every((r) => /^\d+ connections?$/.test(r.description)), 'group rows');
    const groups = await renderedRows();
    for (const { label, description } of groups) {
      const count = Number(/^(\d+) connections?$/.exec(description)?.[1]);
      assert.ok(count >= (must.get(label) ?? 0) && count <= (may.get(label) ?? 0), `${label}: ${description}`);
    }
    assert.equal(groups.length, new Set(groups.map((g) => g.label)).size);
    for (const label of must.keys()) {
      assert.ok(
        groups.some((g) => g.label === label),
        `a group ${label}`,
      );
    }
    const total = groups.reduce((n, { description }) => n + Number(/^(\d+)/.exec(description)?.[1]), 0);
    assert.equal(total, api.dataset.connections.length);
    await workbench.focusTree();
    await workbench.page.keyboard.press('ArrowRight');
    await workbench.view.locator('.monaco-list-row[aria-level="2"]').first().waitFor();
    await workbench.screenshot('14-grouped-by-close-cause');

    await workbench.runCommand('Developer: Reload Window');
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await workbench.view.getByRole('button', { name: 'Query Events' }).waitFor({ timeout: 60_000 });
    await query();
    // Groups again, not connections: the first row is the largest group.
    await waitForRows(
      (rows) => rows.length > 0 && rows.every((r) => /^\d+ connections?$/.test(r.description)),
      'group rows after the reload',
    );
  });
});
