import * as assert from 'node:assert/strict';
import type { FakeConnection } from '../fake-api/data';
import type { FakeConsoleApi } from '../fake-api/server';
import type { Workbench } from '../vscode/workbench';
import { useWorkbench } from './hooks';

const DAY = 86_400_000;

/**
 * From code to events as a person debugging a client meets it in a real VS Code: a connection ID in
 * an editor, hovered from the keyboard, and one printed in the terminal, each lead to the
 * connection's events in the tree.
 */
describe('UI: from code to events', function () {
  this.timeout(180_000);
  const session = useWorkbench('fromCode', {
    api: { key: 'demo', seed: 5, connections: 120 },
    // The terminal's DOM renderer: its rows are text the test can wait on (the canvas renderer's are pixels).
    settings: { 'terminal.integrated.gpuAcceleration': 'off' },
  });
  let api: FakeConsoleApi;
  let workbench: Workbench;
  let targets: FakeConnection[];

  before(() => {
    ({ api, workbench } = session());
    const now = api.dataset.generatedAt;
    targets = api.dataset.connections.filter((c) => c.closed && c.events.length <= 60 && c.events[0]!.ms > now - 5 * DAY).slice(0, 2);
    assert.equal(targets.length, 2, 'the seed has two closed connections of at most 60 events in the last 5 days');
  });

  /** The tree's message once a connection's events are loaded: its ID alone, one connection. */
  const shown = (connection: FakeConnection) =>
    workbench.waitForResults(new RegExp(`${connection.connectionId} · limit 1000 · 1 connection, ${connection.events.length} events`));

  it('a hover on a connection ID in an editor leads, by keyboard, to its events', async () => {
    const [target] = targets;
    await workbench.setApiKeyFromWelcome('demo');
    await workbench.clearNotifications();
    await workbench.runCommand('File: New Untitled Text File');
    const editor = workbench.page.locator('.editor-instance .monaco-editor');
    await editor.waitFor();
    await workbench.page.keyboard.type(`12:04:07 WARN feed closed (1006) ${target!.connectionId}`);
    await editor.locator('.view-line', { hasText: target!.connectionId }).waitFor();
    // The cursor inside the ID, then the hover, as Ctrl+K Ctrl+I shows it.
    for (let i = 0; i < 4; i++) {
      await workbench.page.keyboard.press('ArrowLeft');
    }
    await workbench.runCommand('Show or Focus Hover');
    const link = workbench.page.locator('.monaco-hover a', { hasText: 'Show events for this connection' });
    await link.waitFor();
    await workbench.screenshot('38-hover');
    // Again, by its keys (Ctrl+K Ctrl+I): the hover takes the focus; Tab reaches its link, Enter follows it.
    await workbench.page.keyboard.press('Control+K');
    await workbench.page.keyboard.press('Control+I');
    await workbench.page.waitForFunction(() => (document.activeElement?.closest('.monaco-hover') ?? null) !== null);
    await workbench.page.keyboard.press('Tab');
    await workbench.page.waitForFunction(() => document.activeElement?.textContent?.includes('Show events for this connection') === true);
    await workbench.page.keyboard.press('Enter');
    await shown(target!);
    assert.equal(api.eventRequests.at(-1)?.query.connectionId, target!.connectionId);
  });

  it('a connection ID printed in the terminal is a link to its events', async () => {
    const [, target] = targets;
    await workbench.runCommand('Terminal: Create New Terminal');
    const terminal = workbench.page.locator('.terminal-wrapper.active .xterm');
    await terminal.waitFor();
    // Keys go to the terminal once it has the focus and its shell has printed a prompt.
    await workbench.runCommand('Terminal: Focus Terminal');
    await workbench.page.waitForFunction(() => (document.activeElement?.closest('.terminal-wrapper.active') ?? null) !== null);
    await terminal.locator('.xterm-rows', { hasText: /\S/ }).waitFor();
    await workbench.page.keyboard.type(`echo "connected $(printf 'conn_')${target!.connectionId.slice('conn_'.length)}"`);
    await workbench.page.keyboard.press('Enter');
    await terminal.locator('.xterm-rows', { hasText: `connected ${target!.connectionId}` }).waitFor();
    // A link an extension provides is found when the pointer is on its text (Open Detected Link lists
    // only VS Code's own kinds): the pointer on the ID, the link's tooltip, then Ctrl+click.
    const box = await workbench.page.evaluate((id) => {
      for (const row of Array.from(document.querySelectorAll('.terminal-wrapper.active .xterm-rows > div'))) {
        const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(id) ?? -1;
          if (at >= 0 && !row.textContent?.includes('printf')) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + id.length);
            const { x, y, width, height } = range.getBoundingClientRect();
            return { x: x + width / 2, y: y + height / 2 };
          }
        }
      }
      return undefined;
    }, target!.connectionId);
    assert.ok(box, 'the printed ID is on screen');
    await workbench.clearNotifications();
    await workbench.page.mouse.move(box.x, box.y);
    await workbench.page.locator('.monaco-hover', { hasText: 'Show events for this connection' }).waitFor();
    await workbench.screenshot('39-terminal-link');
    await workbench.page.keyboard.down('Control');
    await workbench.page.mouse.click(box.x, box.y);
    await workbench.page.keyboard.up('Control');
    await shown(target!);
    assert.equal(api.eventRequests.at(-1)?.query.connectionId, target!.connectionId);
  });
});
