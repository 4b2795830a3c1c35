import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type BuildOptions, type BuildResult } from 'esbuild';
import type * as OnDemand from '../../src/commands/onDemand';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own options, as `npm run build` uses them
const bundles = require(path.join(root, 'esbuild.js')) as { extension: BuildOptions; commands: BuildOptions };

/** A bundle built as `npm run build` builds it (minified, so tree-shaken alike), in memory. */
async function production(options: BuildOptions): Promise<BuildResult<{ metafile: true; write: false }>> {
  return build({ ...options, absWorkingDir: root, minify: true, sourcemap: false, metafile: true, write: false });
}

/** The files of ours a bundle holds code of (esbuild lists a module whose code it shook out with 0 bytes). */
function sourcesOf(result: BuildResult<{ metafile: true }>): string[] {
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output?.inputs ?? {})
    .filter(([file, input]) => file.startsWith('src/') && input.bytesInOutput > 0)
    .map(([file]) => file);
}

/** Every .ts file under src/ (but the webview's), relative to the root. */
function sources(dir = 'src'): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? (file === 'src/webview' ? [] : sources(file)) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** The files that declare a class some code checks with `instanceof`: a second copy of one is a class no check knows. */
function filesOfCheckedClasses(): string[] {
  const text = new Map(sources().map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]));
  const checked = new Set([...text.values()].flatMap((source) => [...source.matchAll(/\binstanceof\s+([A-Z]\w*)/g)].map((m) => m[1]!)));
  return [...text]
    .filter(([, source]) => [...source.matchAll(/\bclass\s+([A-Z]\w*)/g)].some((m) => checked.has(m[1]!)))
    .map(([file]) => file);
}

/**
 * The command bodies run from dist/commands.js, loaded on their first use (commands/onDemand.ts):
 * a module in both bundles is two modules, so that bundle may hold pure code and command bodies
 * only, and what activation loads must not hold the bodies.
 */
describe('the commands bundle, loaded on first use', function () {
  this.timeout(60_000);
  let extension: BuildResult<{ metafile: true; write: false }>;
  let commands: BuildResult<{ metafile: true; write: false }>;

  before(async () => {
    [extension, commands] = await Promise.all([production(bundles.extension), production(bundles.commands)]);
  });

  it('holds no state or checked class of the extension: services, the API client and its errors, the key store, the log, the outcome index', () => {
    const held = sourcesOf(commands);
    assert.ok(held.includes('src/commands/exportResults.ts'), `the commands bundle holds: ${held.join(', ')}`);
    const checkedClasses = filesOfCheckedClasses();
    assert.ok(
      checkedClasses.includes('src/api/errors.ts') && checkedClasses.includes('src/services/clientFactory.ts'),
      checkedClasses.join(),
    );
    const stateful = ['src/extension.ts', 'src/secrets.ts', 'src/log.ts', 'src/views/outcomeIndex.ts', ...checkedClasses];
    assert.deepEqual(
      held.filter((file) => /^src\/(services|api)\//.test(file) || stateful.includes(file)),
      [],
      'the commands bundle would hold its own copy of these: pass what it needs in from the extension',
    );
  });

  it('is not part of dist/extension.js: the extension requires ./commands.js for the bodies it moved there', () => {
    const moved = sourcesOf(commands).filter((file) => file.startsWith('src/commands/'));
    assert.ok(moved.length >= 7, moved.join());
    const activation = sourcesOf(extension);
    assert.deepEqual(
      moved.filter((file) => activation.includes(file)),
      [],
      'dist/extension.js holds these: import them through commands/onDemandLoader.ts',
    );
    assert.match(extension.outputFiles[0]!.text, /require\("\.\/commands\.js"\)/);
  });

  it("speaks the host's language: its own @vscode/l10n reads VS Code's bundle when it loads", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-commands-bundle-'));
    const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
    const original = loader._load;
    const load = original.bind(loader);
    const details: (string | undefined)[] = [];
    const vscode = {
      l10n: {
        bundle: { 'One array of the records, exactly as received': 'Un tableau des enregistrements, tels que reçus' },
        t: (message: string) => message,
      },
      window: {
        showQuickPick: (items: readonly { detail?: string }[]) => {
          details.push(...items.map((item) => item.detail));
          return Promise.resolve(undefined);
        },
      },
    };
    try {
      const file = path.join(dir, 'commands.js');
      fs.writeFileSync(file, commands.outputFiles[0]!.text);
      loader._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, loaded as the extension loads it
      const bundle = require(file) as typeof OnDemand;
      const outcome = { records: [] };
      const result = await bundle.exportResults(
        {
          state: { snapshot: { outcome } },
          panelFilter: () => ({ text: '', excludedTypes: [] }),
          timeZone: () => 'utc',
          index: () => assert.fail('no row is looked up'),
        } as unknown as Parameters<typeof bundle.exportResults>[0],
        undefined,
      );
      assert.deepEqual(result, { status: 'cancelled' });
      assert.ok(details.includes('Un tableau des enregistrements, tels que reçus'), `the formats offered: ${details.join(' | ')}`);
    } finally {
      loader._load = original;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
