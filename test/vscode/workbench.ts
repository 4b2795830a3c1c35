/// <reference lib="dom" />
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { CodeServer, onInterrupt, ROOT, Sandbox } from './codeServer';

export const VSIX = path.join(ROOT, 'dist', 'apibricks-connection-analytics.vsix');
export const SCREENSHOTS = path.join(ROOT, 'media', 'screenshots');

/**
 * The packaged extension installed into a fresh code-server, opened in
 * headless Chromium: what a person sees, to drive and photograph.
 */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    readonly server: CodeServer,
    private readonly sandbox: Sandbox,
    private readonly unregister: () => void,
  ) {}

  static async open(options: {
    settings: Record<string, unknown>;
    colorTheme?: string;
    /** The user's keybindings.json: `{ key, command, args? }` entries, as a user writes them. */
    keybindings?: readonly { readonly key: string; readonly command: string; readonly args?: unknown }[];
  }): Promise<Workbench> {
    if (!fs.existsSync(VSIX)) {
      throw new Error(`${path.relative(ROOT, VSIX)} is missing: run npm run package first`);
    }
    const sandbox = new Sandbox('ui');
    sandbox.writeUserSettings({ 'workbench.colorTheme': options.colorTheme ?? 'Default Dark Modern', ...options.settings });
    if (options.keybindings) {
      // Next to settings.json, where VS Code reads the user's keybindings.
      fs.writeFileSync(path.join(sandbox.userData, 'User', 'keybindings.json'), JSON.stringify(options.keybindings, null, 2));
    }
    CodeServer.installExtension(sandbox, VSIX);
    const server = await CodeServer.start(sandbox);
    const browser = await launchBrowser();
    const unregister = onInterrupt(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const workbench = new Workbench(page, browser, server, sandbox, unregister);
    try {
      await page.goto(`${server.url}/?folder=${encodeURIComponent(sandbox.workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.activitybar').waitFor();
    } catch (error) {
      await workbench.close();
      throw error;
    }
    return workbench;
  }

  /** The Connections view's pane. */
  get view(): Locator {
    return this.page.locator('.pane').filter({ has: this.page.locator('.pane-header', { hasText: /Connections/i }) });
  }

  /**
   * The Connections view's welcome content. Its buttons, not the view's title actions of the same
   * name, which the pane's header shows while it is hovered or focused (the container holds two views).
   */
  get welcome(): Locator {
    return this.view.locator('.welcome-view-content');
  }

  get treeRows(): Locator {
    return this.view.locator('.monaco-list-row');
  }

  get notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** The events panel's page: the active frame of its webview. */
  get eventsPanel(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  async openActivityBarItem(label: string): Promise<void> {
    await this.page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).first().click();
  }

  /**
   * F1, the command's title, then Enter once the palette's keyboard focus is
   * on the entry with exactly that title, as a keyboard user does.
   */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.waitForQuickInput(/./);
    await this.quickInput.locator('input').fill(`>${title}`);
    await this.pick(title);
  }

  /**
   * Waits until the quick input is open with `text` in its title, prompt,
   * placeholder or message: the state a step's keystrokes are meant for.
   */
  async waitForQuickInput(text: string | RegExp): Promise<void> {
    await this.page.waitForFunction(
      ([source, flags]) => {
        const widget = document.querySelector<HTMLElement>('.quick-input-widget');
        if (!widget || widget.style.display === 'none' || widget.offsetParent === null) {
          return false;
        }
        const input = widget.querySelector<HTMLInputElement>('input');
        const parts = [widget.innerText, input?.placeholder ?? '', input?.getAttribute('aria-label') ?? ''];
        return parts.some((part) => new RegExp(source, flags).test(part));
      },
      typeof text === 'string' ? ([escapeRegExp(text), ''] as const) : ([text.source, text.flags] as const),
    );
  }

  /**
   * Moves the open quick pick's keyboard focus to the entry with exactly this
   * label with the arrow keys, checking after each key which entry has focus,
   * so an entry list that is still filling or re-rendering only costs a key.
   */
  async focusEntry(label: string): Promise<void> {
    const rows = this.quickInput.locator('.monaco-list-row');
    await rows
      .filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) })
      .first()
      .waitFor();
    for (let presses = 0; presses < 100; presses++) {
      // A row's first label is its entry's label; a detail line below it has one too.
      const focused = await this.quickInput
        .locator('.monaco-list-row.focused')
        .evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name')?.textContent?.trim()));
      if (focused.length === 1 && focused[0] === label) {
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`the quick pick never focused "${label}"`);
  }

  /** Accepts the entry with exactly this label in the open single-choice quick pick: arrows, then Enter. */
  async pick(label: string): Promise<void> {
    await this.focusEntry(label);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Ticks the entry with exactly this label in the open multiple-choice quick
   * pick: arrows into the list, Space, and a wait until VS Code shows it ticked.
   */
  async check(label: string): Promise<void> {
    await this.focusEntry(label);
    const row = this.quickInput.locator('.monaco-list-row.focused');
    if ((await row.getAttribute('aria-checked')) !== 'true') {
      await this.page.keyboard.press('Space');
    }
    await this.quickInput.locator('.monaco-list-row.focused[aria-checked="true"]').filter({ hasText: label }).waitFor();
  }

  /** Developer: Reload Window from the palette, as a person does; waits until the workbench is back. */
  async reloadWindow(): Promise<void> {
    const loaded = this.page.waitForEvent('load');
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.activitybar').waitFor();
  }

  /** Sets the API key through the Connections view's welcome button, as a newcomer does. */
  async setApiKeyFromWelcome(key: string): Promise<void> {
    await this.openActivityBarItem('Connection Analytics');
    await this.welcome.getByRole('button', { name: 'Set API Key' }).click();
    await this.waitForQuickInput('API key');
    await this.quickInput.locator('input').fill(key);
    await this.page.keyboard.press('Enter');
    await this.welcome.getByRole('button', { name: 'Query Events' }).waitFor();
  }

  /** Query Events from the palette with a time range preset, no filters and the default limit; waits for its result. */
  async queryFromPalette(range: string): Promise<void> {
    await this.runCommand('Connection Analytics: Query Events');
    await this.waitForQuickInput('Time range');
    await this.pick(range);
    await this.waitForQuickInput('Filters to set');
    await this.page.keyboard.press('Enter');
    await this.waitForQuickInput(/^Limit:/m);
    await this.page.keyboard.press('Enter');
    await this.waitForResults();
  }

  /** The Connections view's message line: the query, its counts, and whether it is running or failed. */
  get viewMessage(): Locator {
    return this.view.locator('.tree-explorer-viewlet-tree-view > .message');
  }

  /** Waits until the view shows a finished result (not one being refreshed) whose message line matches. */
  async waitForResults(message: RegExp = /\d+ connections?, \d+ events?/): Promise<void> {
    await this.page.waitForFunction(
      ([source, flags]) => {
        const pane = Array.from(document.querySelectorAll('.pane')).find((p) =>
          /Connections/i.test(p.querySelector('.pane-header')?.textContent ?? ''),
        );
        const text = pane?.querySelector<HTMLElement>('.tree-explorer-viewlet-tree-view > .message')?.innerText ?? '';
        return (
          !/^(Querying|Refreshing)/.test(text) && new RegExp(source, flags).test(text) && pane?.querySelector('.monaco-list-row') !== null
        );
      },
      [message.source, message.flags] as const,
    );
  }

  /** Moves keyboard focus into the Connections tree, on its first row. */
  async focusTree(): Promise<void> {
    await this.runCommand('Connection Analytics: Focus on Connections View');
    await this.view.locator('.monaco-list:focus-within').waitFor();
    await this.page.keyboard.press('Home');
    await this.treeRows.first().and(this.view.locator('.monaco-list-row.focused')).waitFor();
  }

  /**
   * Opens the tree's first connection's first event as a keyboard user does: focus the tree,
   * ArrowRight (expand), ArrowDown, Enter; then waits for the events panel to select its row.
   * Answers the event row's label (its type) and description (its time) as the tree showed them.
   */
  async openFirstEventByKeyboard(): Promise<{ readonly label: string; readonly description: string }> {
    await this.focusTree();
    await this.page.keyboard.press('ArrowRight');
    await this.view.locator('.monaco-list-row[aria-level="2"]').first().waitFor();
    await this.page.keyboard.press('ArrowDown');
    const row = this.view.locator('.monaco-list-row.focused[aria-level="2"]');
    await row.waitFor();
    const label = (await row.locator('.label-name').innerText()).trim();
    const description = (await row.locator('.label-description').innerText()).trim();
    await this.page.keyboard.press('Enter');
    await this.eventsPanel.locator('.grid-row.selected').waitFor();
    return { label, description };
  }

  /** Dismisses every notification, so that a screenshot shows what it is about. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.waitForFunction(() => document.querySelectorAll('.notifications-toasts .notification-toast').length === 0);
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** On failure: a screenshot and the tail of code-server's log, for the CI output. */
  async report(name: string): Promise<string> {
    const dir = path.join(ROOT, 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    return `screenshot: ${path.relative(ROOT, file)}\ncode-server log (tail):\n${this.server.tail()}`;
  }

  async close(): Promise<void> {
    this.unregister();
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    this.sandbox.dispose();
  }
}

/** Waits until `condition` holds, checking it every 50 ms: for state outside the page, such as the requests a fake API saw. */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
