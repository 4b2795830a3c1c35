// @ts-check
/**
 * The layers of src/, checked on every `npm run lint`: data flows one way.
 *
 *   extension.ts ─► commands/, views/ ─► services/ ─► core/ ◄─ api/
 *                                     shared/ (protocol) ─► core/
 *   webview/ (runs in the webview) ─► core/, and shared/ for types only
 *
 * A wrong import fails with the name of the rule it breaks.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-the-ground-floor',
      comment: 'src/core is pure and depends on nothing of ours outside core (no api, no vscode, no views).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'api-depends-on-core-only',
      comment: 'src/api (the HTTP client) may use core and nothing else of ours.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/', pathNot: '^src/(api|core)/' },
    },
    {
      name: 'shared-depends-on-core-only',
      comment: 'src/shared (the host<->webview protocol) may use core and nothing else of ours.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/(shared|core)/' },
    },
    {
      name: 'webview-imports-core-and-shared-types',
      comment: 'src/webview runs in the browser: it may use core, and shared for types only (the host validates, the page renders).',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { path: '^src/', pathNot: '^src/(webview|core|shared)/' },
    },
    {
      name: 'webview-takes-only-types-from-shared',
      comment: 'src/webview imports src/shared with `import type` only, so no host code (zod schemas) lands in the page bundle.',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { path: '^src/shared/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-reaches-into-the-webview',
      comment: 'src/webview is its own bundle; the extension side talks to it through src/shared/protocol.ts only.',
      severity: 'error',
      from: { pathNot: '^src/webview/' },
      to: { path: '^src/webview/' },
    },
    {
      name: 'services-below-commands-and-views',
      comment: 'src/services is used by commands and views, never the reverse.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(commands|views|extension\\.ts)' },
    },
    {
      name: 'vscode-only-on-the-extension-side',
      comment: 'core, api, shared and webview never import vscode: plain mocha and the browser run them.',
      severity: 'error',
      from: { path: '^src/(core|api|shared|webview)/' },
      to: { path: '^vscode$|node_modules/@types/vscode/' },
    },
    {
      name: 'no-cycles',
      comment: 'Imports within src/ form no cycle.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^src/|^vscode$|node_modules/@types/vscode/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
