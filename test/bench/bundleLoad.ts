import Module from 'node:module';
import * as path from 'node:path';
import * as fs from 'node:fs';

/**
 * Requires the production bundle in a plain Node process, `vscode` stubbed,
 * and prints (JSON) the extension's files that loading it pulled in, with
 * their sizes: what activation reads before any request. A quick check that
 * needs no VS Code; the real extension host is measured by hostActivation.ts.
 */
const root = path.resolve(process.argv[2] ?? '.');

// Any property of the stub is the stub, calling or constructing it gives the stub: enough for a
// bundle's top level, which only defines classes and constants. It is its own prototype, so that
// esbuild's ES-module wrapper (an object created from the module's prototype) reads through to it.
const stub: object = new Proxy(function () {}, {
  get: (_target, property) => (property === Symbol.toPrimitive ? () => '' : stub),
  getPrototypeOf: () => stub,
  apply: () => stub,
  construct: () => stub,
});
const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};

const main = path.join(root, 'dist', 'extension.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is loaded as VS Code loads it
require(main);
const files: Record<string, number> = {};
for (const file of Object.keys(require.cache)) {
  const relative = path.relative(root, file);
  if (!relative.startsWith('..') && !relative.startsWith(`out${path.sep}`)) {
    files[relative] = fs.statSync(file).size;
  }
}
process.stdout.write(JSON.stringify(files));
