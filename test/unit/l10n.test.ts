import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const manifestText = read('package.json');
const manifest = JSON.parse(manifestText) as { l10n?: string };
const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;

/** Every .ts file under src/, relative to the root. */
function sources(dir = 'src'): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** Every user-visible string can be translated: the manifest's, and the code's (host, core and webview alike). */
describe('localisation', () => {
  it('resolves every %key% of package.json from package.nls.json', () => {
    const keys = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.ok(keys.length > 20);
    for (const key of keys) {
      assert.ok(Object.hasOwn(nls, key), `package.nls.json lacks ${key}`);
    }
  });

  it('uses every key of package.nls.json in package.json', () => {
    const unused = Object.keys(nls).filter((key) => !manifestText.includes(`"%${key}%"`));
    assert.deepEqual(unused, [], 'keys of package.nls.json that package.json does not use');
  });

  it('passes l10n.t a literal message, which the export can extract, never a computed one', () => {
    const computed: string[] = [];
    for (const file of sources()) {
      for (const match of read(file).matchAll(/\bl10n\.t\(\s*(.)/g)) {
        if (match[1] !== "'" && match[1] !== '"') {
          const line = read(file).slice(0, match.index).split('\n').length;
          computed.push(`${file}:${line}`);
        }
      }
    }
    assert.deepEqual(computed, []);
  });

  it('ships l10n/bundle.l10n.json exactly as `npm run l10n` exports it from the sources', function () {
    this.timeout(60_000);
    assert.equal(manifest.l10n, './l10n');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-l10n-'));
    try {
      const cli = path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'export', '--outDir', out, path.join(root, 'src')], { cwd: root, stdio: 'pipe' });
      const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      const shipped = JSON.parse(read('l10n/bundle.l10n.json')) as Record<string, unknown>;
      const missing = Object.keys(fresh).filter((key) => !Object.hasOwn(shipped, key));
      const stale = Object.keys(shipped).filter((key) => !Object.hasOwn(fresh, key));
      assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
      assert.deepEqual(shipped, fresh, 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
      assert.ok(Object.keys(fresh).length > 150, `${Object.keys(fresh).length} strings`);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
