import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
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

  static async open(options: { settings: Record<string, unknown>; colorTheme?: string }): Promise<Workbench> {
    if (!fs.existsSync(VSIX)) {
      throw new Error(`${path.relative(ROOT, VSIX)} is missing: run npm run package first`);
    }
    const sandbox = new Sandbox('ui');
    sandbox.writeUserSettings({ 'workbench.colorTheme': options.colorTheme ?? 'Default Dark Modern', ...options.settings });
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

  get treeRows(): Locator {
    return this.view.locator('.monaco-list-row');
  }

  get notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  async openActivityBarItem(label: string): Promise<void> {
    await this.page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).first().click();
  }

  /** F1, the command's title, and a click on the entry with exactly that title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.pick(title);
  }

  /** Picks the entry with exactly this label in the open quick pick. */
  async pick(label: string): Promise<void> {
    await this.quickInput.locator('.monaco-list-row .label-name').getByText(label, { exact: true }).first().click();
  }

  /** Sets the API key through the Connections view's welcome button, as a newcomer does. */
  async setApiKeyFromWelcome(key: string): Promise<void> {
    await this.openActivityBarItem('Connection Analytics');
    await this.view.getByRole('button', { name: 'Set API Key' }).click();
    await this.quickInput.locator('input').fill(key);
    await this.page.keyboard.press('Enter');
    await this.view.getByRole('button', { name: 'Query Events' }).waitFor();
  }

  /** Query Events from the palette with a time range preset, no filters and the default limit. */
  async queryFromPalette(range: string): Promise<void> {
    await this.runCommand('Connection Analytics: Query Events');
    await this.pick(range);
    await this.quickInput.locator('.monaco-list-row', { hasText: 'Service' }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.quickInput.getByText(/^Limit:/).waitFor();
    await this.page.keyboard.press('Enter');
    await this.treeRows.first().waitFor();
  }

  /** Dismisses every notification, so that a screenshot shows what it is about. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.notifications.first().waitFor({ state: 'detached' }).catch(() => undefined);
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
