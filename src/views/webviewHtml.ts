import { randomBytes } from 'node:crypto';

/**
 * The only place that builds webview HTML. The page is a static shell: every
 * piece of data arrives later through postMessage and is rendered with DOM
 * APIs; only the extension's own translated strings come with it, so that the
 * page speaks the user's language from its first paint. Free of `vscode`, so plain mocha tests the policy it sets.
 */
export interface WebviewHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(...)` of the script and of each stylesheet, as strings. */
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly title: string;
  /**
   * The extension's strings in the user's language (`vscode.l10n.bundle`), for the page's
   * `@vscode/l10n`; undefined in English. Our own file, written as JSON into an attribute.
   */
  readonly l10nBundle?: Readonly<Record<string, string>>;
  /** The user's language (`vscode.env.language`): the document's `lang` when a bundle is given, `en` otherwise. */
  readonly language?: string;
  /** A fresh nonce per render; {@link createNonce} by default. */
  readonly nonce?: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

export function buildWebviewHtml(options: WebviewHtmlOptions): string {
  const nonce = options.nonce ?? createNonce();
  const csp = [
    "default-src 'none'",
    `img-src ${options.cspSource} data:`,
    `style-src ${options.cspSource}`,
    `font-src ${options.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const bundle = options.l10nBundle ? ` data-l10n="${attribute(JSON.stringify(options.l10nBundle))}"` : '';
  const styles = options.styleUris.map((uri) => `<link rel="stylesheet" href="${attribute(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="${attribute((options.l10nBundle && options.language) || 'en')}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${text(options.title)}</title>
  </head>
  <body>
    <div id="app" aria-busy="true"${bundle}></div>
    <script nonce="${attribute(nonce)}" src="${attribute(options.scriptUri)}"></script>
  </body>
</html>`;
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
