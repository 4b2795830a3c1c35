import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { HostMessage, PanelState } from '../../src/shared/protocol';
import { buildWebviewHtml, createNonce } from '../../src/views/webviewHtml';
import { launchBrowser } from '../vscode/browser';
import { ROOT } from '../vscode/codeServer';
import { STATUS } from './fixtures';

/**
 * The panel's webview bundle in a real Chromium page, for fast component
 * tests: the same HTML builder and CSP as in VS Code, a stand-in for
 * `acquireVsCodeApi` that records what the page posts, and a theme's worth
 * of VS Code's CSS variables.
 */
const FILES: Readonly<Record<string, string>> = {
  '/dist/webview.js': 'application/javascript',
  '/media/panel.css': 'text/css',
  '/dist/codicons/codicon.css': 'text/css',
  '/dist/codicons/codicon.ttf': 'font/ttf',
};

const THEME = `
body {
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-focusBorder: #0078d4;
  --vscode-list-activeSelectionBackground: #04395e; --vscode-list-inactiveSelectionBackground: #37373d;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8; --vscode-errorForeground: #f85149;
  --vscode-charts-red: #f14c4c; --vscode-charts-green: #89d185; --vscode-charts-blue: #3794ff; --vscode-charts-yellow: #cca700;
}`;

export class PanelPage {
  /** Messages the page posted to the "host", oldest first. */
  readonly posted: unknown[] = [];

  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** `l10n`: the bundle and language the host would pass (`vscode.l10n.bundle`, `vscode.env.language`). */
  static async open(state?: PanelState, l10n?: { readonly bundle: Record<string, string>; readonly language: string }): Promise<PanelPage> {
    const server = http.createServer((req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (pathname === '/') {
        const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page(origin, state, l10n));
        return;
      }
      const type = FILES[pathname];
      if (!type) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': type });
      fs.createReadStream(path.join(ROOT, pathname)).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const browser = await launchBrowser();
    const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const panel = new PanelPage(tab, browser, server, url);
    await tab.exposeFunction('__recordPost', (message: unknown) => panel.posted.push(message));
    await tab.goto(url);
    await tab.locator('form.filters').waitFor();
    return panel;
  }

  /**
   * What the host would send, through a real postMessage; resolves once the page has handled it.
   * postMessage delivers in a later task, so a listener added here, after the page's own, runs
   * when the page's has: a test that reads the page after `send` reads the state the message made.
   * Passed as one JSON string: Playwright's own serialisation of 100,000 objects takes half a minute.
   */
  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate((json) => {
      const w = globalThis as unknown as {
        postMessage(m: unknown, origin: string): void;
        addEventListener(type: 'message', listener: () => void, options: { once: true }): void;
      };
      return new Promise<void>((resolve) => {
        w.addEventListener('message', () => resolve(), { once: true });
        w.postMessage(JSON.parse(json), '*');
      });
    }, JSON.stringify(message));
  }

  /**
   * Delivers a message, given as JSON text, straight to the page's listener as a MessageEvent: no
   * structured clone on the way, so it can carry what postMessage could not (a value nested past
   * the stack's depth).
   */
  async dispatch(json: string): Promise<void> {
    await this.page.evaluate((text) => {
      const w = globalThis as unknown as {
        dispatchEvent(e: unknown): void;
        MessageEvent: new (type: string, init: { data: unknown }) => unknown;
      };
      w.dispatchEvent(new w.MessageEvent('message', { data: JSON.parse(text) }));
    }, json);
  }

  async lastState(): Promise<PanelState | undefined> {
    return this.page.evaluate(() => (globalThis as unknown as { __state?: PanelState }).__state);
  }

  postedOfType<T = Record<string, unknown>>(type: string): T[] {
    return this.posted.filter((m) => typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type) as T[];
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function page(
  origin: string,
  state: PanelState | undefined,
  l10n: { readonly bundle: Record<string, string>; readonly language: string } | undefined,
): string {
  const nonce = createNonce();
  const html = buildWebviewHtml({
    cspSource: origin,
    scriptUri: `${origin}/dist/webview.js`,
    styleUris: [`${origin}/dist/codicons/codicon.css`, `${origin}/media/panel.css`],
    title: 'Connection Events',
    l10nBundle: l10n?.bundle,
    language: l10n?.language,
    nonce,
  });
  // The stand-in for VS Code's webview API, before the bundle; the theme as VS Code would set it.
  const shim = `<script nonce="${nonce}">
    window.__state = ${JSON.stringify(state ?? null)} ?? undefined;
    window.__pwned = 0;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__recordPost(m),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });
  </script>`;
  const theme = `<style nonce="${nonce}">${THEME}</style>`;
  // The CSP allows styles only from the origin: serve the theme inline by nonce for the test page alone.
  return html.replace(`style-src ${origin}`, `style-src ${origin} 'nonce-${nonce}'`).replace('<title>', `${theme}${shim}<title>`);
}

/**
 * The hooks of a suite that works on a fresh page for each test: before each, the page opens and gets
 * the host's status, then whatever `setup` sends (results, a focus); after each, it closes. Call
 * inside `describe`; the returned function is the current test's page.
 */
export function usePanelPage(setup: (panel: PanelPage) => Promise<void> = () => Promise.resolve()): () => PanelPage {
  let panel: PanelPage | undefined;
  beforeEach(async () => {
    panel = await PanelPage.open();
    await panel.send(STATUS);
    await setup(panel);
  });
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });
  return () => {
    if (!panel) {
      throw new Error('no page: usePanelPage() must be called inside describe(), and the page read inside a test');
    }
    return panel;
  };
}
