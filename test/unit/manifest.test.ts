import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, TreeItemContext, Views } from '../../src/constants';
import { DEFAULT_PROFILE_NAME, MAX_PROFILE_NAME_LENGTH, PROFILES_SETTING } from '../../src/core/profiles';
import { DEFAULT_SETTINGS, DEPRECATED_SETTINGS, SETTING_RANGES, SETTINGS_SECTION, sanitizeSettings } from '../../src/core/settings';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

/** The manifest is an API: these checks keep it and the code in step. */
describe('package.json', () => {
  const contributes = manifest.contributes;

  it('contributes exactly the commands the code defines, each with a title and category', () => {
    const contributed = (contributes.commands as ContributedCommand[]).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
    for (const command of contributes.commands as ContributedCommand[]) {
      assert.equal(command.category, '%category%', command.command);
      assert.match(command.title, /^%.+%$/, command.command);
    }
  });

  it('contributes the settings config.ts reads, with the same defaults; the base URL is application-scoped', () => {
    const properties = contributes.configuration.properties as Record<string, { default: unknown; scope?: string }>;
    const names = Object.keys(properties).map((name) => name.slice(SETTINGS_SECTION.length + 1));
    assert.deepEqual(names.sort(), [...Object.keys(DEFAULT_SETTINGS), ...Object.keys(DEPRECATED_SETTINGS), PROFILES_SETTING].sort());
    for (const name of Object.keys(DEPRECATED_SETTINGS)) {
      const declared = properties[`${SETTINGS_SECTION}.${name}`] as { markdownDeprecationMessage?: string };
      assert.match(declared.markdownDeprecationMessage ?? '', /^%.+%$/, `${name} says it is deprecated`);
    }
    for (const [name, value] of Object.entries(DEFAULT_SETTINGS)) {
      assert.deepEqual(properties[`${SETTINGS_SECTION}.${name}`]!.default, value, name);
    }
    assert.equal(properties[`${SETTINGS_SECTION}.baseUrl`]!.scope, 'application');
    assert.equal(properties[`${SETTINGS_SECTION}.authHeader`]!.scope, 'application');
    // Each profile names where its key goes: like baseUrl, no workspace may add one.
    const profiles = properties[`${SETTINGS_SECTION}.${PROFILES_SETTING}`] as {
      default: unknown;
      scope?: string;
      items: { properties: { name: { maxLength: number; not: { enum: string[] } } } };
    };
    assert.equal(profiles.scope, 'application');
    assert.deepEqual(profiles.default, []);
    assert.equal(profiles.items.properties.name.maxLength, MAX_PROFILE_NAME_LENGTH);
    assert.deepEqual(profiles.items.properties.name.not.enum, [DEFAULT_PROFILE_NAME]);
  });

  it('declares for each numeric setting the range the code enforces, and the code enforces exactly that range', () => {
    const properties = contributes.configuration.properties as Record<string, { type: string; minimum?: number; maximum?: number }>;
    const numeric = Object.entries(properties)
      .filter(([, p]) => p.type === 'integer' || p.type === 'number')
      .map(([name]) => name.slice(SETTINGS_SECTION.length + 1));
    assert.deepEqual(numeric.sort(), [...Object.keys(SETTING_RANGES), ...Object.keys(DEPRECATED_SETTINGS)].sort());
    for (const [name, { min, max }] of Object.entries(DEPRECATED_SETTINGS)) {
      const declared = properties[`${SETTINGS_SECTION}.${name}`]!;
      assert.deepEqual([declared.minimum, declared.maximum], [min, max], name);
    }
    for (const [name, { min, max }] of Object.entries(SETTING_RANGES)) {
      const declared = properties[`${SETTINGS_SECTION}.${name}`]!;
      assert.deepEqual([declared.minimum, declared.maximum], [min, max], name);
      const key = name as keyof typeof SETTING_RANGES;
      const fallback = DEFAULT_SETTINGS[key];
      // The bounds are accepted; below the range falls back to the default, above it is the maximum.
      assert.equal(sanitizeSettings({ [key]: min })[key], min, `${name} = ${min}`);
      assert.equal(sanitizeSettings({ [key]: max })[key], max, `${name} = ${max}`);
      assert.equal(sanitizeSettings({ [key]: min - 1 })[key], fallback, `${name} = ${min - 1}`);
      assert.equal(sanitizeSettings({ [key]: max + 1 })[key], max, `${name} = ${max + 1}`);
    }
  });

  it('contributes the view container and views the code names', () => {
    assert.equal(contributes.viewsContainers.activitybar[0].id, Views.container);
    assert.deepEqual(
      (contributes.views[Views.container] as { id: string }[]).map((v) => v.id),
      [Views.connections, Views.connectedNow],
    );
  });

  it('uses only context keys and item contexts the code sets', () => {
    const known = new Set<string>([...Object.values(ContextKeys), 'view', 'viewItem', 'false']);
    const clauses = JSON.stringify(contributes).match(/"when":"[^"]*"/g) ?? [];
    for (const clause of clauses) {
      for (const word of clause.slice(8, -1).match(/[A-Za-z][\w.]*/g) ?? []) {
        if (
          word.startsWith('connectionAnalytics.') &&
          !Object.values(Commands).includes(word as never) &&
          !Object.values(Views).includes(word as never)
        ) {
          assert.ok(known.has(word), `${word} in ${clause}`);
        }
      }
    }
    for (const match of JSON.stringify(contributes).matchAll(/viewItem == (\w+)/g)) {
      assert.ok(Object.values(TreeItemContext).includes(match[1] as never), match[1]);
    }
  });

  it("offers the tree's Compare for exactly two selected rows, and a single connection's items only without a multi-selection", () => {
    const items = contributes.menus['view/item/context'] as { command: string; when: string }[];
    const whens = (command: string) => items.filter((item) => item.command === command).map((item) => item.when);
    assert.deepEqual(
      whens(Commands.compareConnections).map((when) => when.split(' && ').includes('listDoubleSelection')),
      [true],
      'Compare: listDoubleSelection',
    );
    for (const command of [Commands.showConnectionInPanel, Commands.queryConnection, Commands.copyConnectionId]) {
      const clauses = whens(command);
      assert.ok(clauses.length > 0, command);
      for (const when of clauses) {
        assert.ok(when.split(' && ').includes('!listMultiSelection'), `${command}: ${when}`);
      }
    }
  });

  it("README's Settings table lists every contributed setting once, and its Development table each npm script once", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const rows = (pattern: RegExp) => [...readme.matchAll(pattern)].map((m) => m[1]!);
    const settings = rows(/^\| `(connectionAnalytics\.[\w.]+)` \|/gm);
    assert.deepEqual([...settings].sort(), Object.keys(contributes.configuration.properties).sort());
    const scripts = rows(/^\| `(npm run [\w:-]+)[^`]*` \|/gm);
    assert.deepEqual(
      scripts.filter((s, i) => scripts.indexOf(s) !== i),
      [],
      'scripts listed twice',
    );
  });

  it('activates on its contributions, its restored panel, and once start-up has finished (its hover and terminal links), never during start-up', () => {
    assert.deepEqual(manifest.activationEvents, [`onWebviewPanel:${Views.eventsPanel}`, 'onStartupFinished']);
  });

  it('targets a VS Code that runs here, with @types/vscode no newer than the engine', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    const types = lock.packages['node_modules/@types/vscode'].version as string;
    assert.match(types, /^1\.100\./);
    assert.equal(manifest.main, './dist/extension.js');
  });
});
