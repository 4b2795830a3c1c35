import * as assert from 'node:assert/strict';
import { webviewMessageSchema } from '../../src/shared/protocol';
import { buildWebviewHtml, createNonce } from '../../src/views/webviewHtml';

describe('views/webviewHtml', () => {
  const html = buildWebviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css'],
    title: 'Connection Events',
    nonce: 'abc123',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'");

  it('sets a CSP that denies by default and allows scripts by nonce only', () => {
    assert.ok(csp);
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], ["'nonce-abc123'"]);
    assert.deepEqual(directives['style-src'], ['https://file+.vscode-resource.vscode-cdn.net']);
    assert.deepEqual(directives['font-src'], ['https://file+.vscode-resource.vscode-cdn.net']);
    assert.ok(!csp.includes('unsafe-eval') && !csp.includes('unsafe-inline'));
  });

  it('loads one script, by nonce, and has no inline handlers or data', () => {
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(
      html,
      /<script nonce="abc123" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"><\/script>/,
    );
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /vscode-resource:/);
  });

  it('escapes what it puts into attributes and text', () => {
    const hostile = buildWebviewHtml({
      cspSource: 'x',
      scriptUri: '"><script>alert(1)</script>',
      styleUris: [],
      title: '</title><script>',
      nonce: 'n',
    });
    assert.equal(hostile.match(/<script/g)?.length, 1);
  });

  it('carries the translation bundle as an escaped attribute the page reads back whole, and the language with it', () => {
    const bundle = { Apply: 'Anwenden "jetzt"', 'a & b': "</div><script>alert(1)</script>'" };
    const page = buildWebviewHtml({
      cspSource: 'x',
      scriptUri: 's.js',
      styleUris: [],
      title: 't',
      nonce: 'n',
      l10nBundle: bundle,
      language: 'de',
    });
    assert.equal(page.match(/<script/g)?.length, 1);
    assert.match(page, /<html lang="de">/);
    const attribute = /<div id="app" aria-busy="true" data-l10n="([^"]*)"><\/div>/.exec(page)?.[1];
    assert.ok(attribute, 'the bundle is one attribute of #app');
    const decoded = attribute
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), bundle);
    // English: no bundle, and the page says so.
    assert.doesNotMatch(html, /data-l10n/);
    assert.match(html, /<html lang="en">/);
    assert.match(
      buildWebviewHtml({ cspSource: 'x', scriptUri: 's.js', styleUris: [], title: 't', language: 'de' }),
      /<html lang="en">/,
      'no bundle, no translation',
    );
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    assert.ok([...nonces].every((n) => n.length >= 24));
  });
});

describe('shared/protocol: messages from the webview', () => {
  const accepted = [
    { type: 'ready' },
    { type: 'runQuery', query: { minutes: '60', serviceName: 'coinapi-ws' } },
    { type: 'runQuery', query: { limit: 10 } },
    { type: 'selectEvent', eventId: 'e1' },
    { type: 'revealInTree', eventId: 'e1' },
    { type: 'copy', text: '{"a":1}' },
    { type: 'action', action: 'setApiKey' },
    { type: 'action', action: 'editQuery' },
    { type: 'action', action: 'openSettings' },
  ];
  for (const message of accepted) {
    it(`accepts ${JSON.stringify(message)}`, () => {
      assert.ok(webviewMessageSchema().safeParse(message).success);
    });
  }

  const refused: unknown[] = [
    null,
    'ready',
    42,
    [],
    {},
    { type: 'unknown' },
    { type: 'ready', extra: true },
    { type: 'action', action: 'workbench.action.quit' },
    { type: 'action', action: 'executeCommand', command: 'connectionAnalytics.clearApiKey' },
    { type: 'command', command: 'connectionAnalytics.clearApiKey' },
    { type: 'selectEvent' },
    { type: 'selectEvent', eventId: '' },
    { type: 'selectEvent', eventId: 'x'.repeat(513) },
    { type: 'runQuery', query: 'minutes=60' },
    { type: 'runQuery', query: { minutes: { $gt: 1 } } },
    { type: 'runQuery', query: { ['x'.repeat(65)]: '1' } },
    { type: 'copy', text: 42 },
    { type: '__proto__', eventId: 'x' },
  ];
  for (const message of refused) {
    it(`refuses ${JSON.stringify(message)?.slice(0, 80)}`, () => {
      assert.equal(webviewMessageSchema().safeParse(message).success, false);
    });
  }
});
