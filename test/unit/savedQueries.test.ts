import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QUERY_FIELDS } from '../../src/core/query';
import { queryChoices } from '../../src/core/queryChoices';
import {
  checkQueryName,
  MAX_NAME_LENGTH,
  parseSavedQueries,
  shownName,
  validateSavedQuery,
  withoutSavedQuery,
  withSavedQuery,
  type SavedQuery,
} from '../../src/core/savedQueries';
import { sanitizeSettings } from '../../src/core/settings';

const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '<img src=x onerror=alert(1)>',
  '=cmd|calc',
  '名前 🚀',
  '$(alert)',
];

const saved = (name: string, query: unknown): SavedQuery => ({ name, query, scope: 'user' });

describe('core/savedQueries', () => {
  it('checks a name as it is typed: not empty, trimmed, at most 100 characters, no control characters', () => {
    assert.match(checkQueryName('') ?? '', /^name: must not be empty/);
    assert.match(checkQueryName('   ') ?? '', /^name: must not be empty/);
    assert.equal(checkQueryName(`  ${'x'.repeat(MAX_NAME_LENGTH)}  `), undefined);
    assert.match(checkQueryName('x'.repeat(MAX_NAME_LENGTH + 1)) ?? '', /^name: is too long \(101 characters; at most 100\)/);
    assert.match(checkQueryName('a\u0000b') ?? '', /^name: contains control characters/);
    for (const name of HOSTILE_NAMES) {
      assert.equal(checkQueryName(name), undefined, name);
    }
  });

  it('validates a saved query as queryEvents does, each problem naming the saved query and the field', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ minutes: 'soon' }, 'minutes', /^Saved query "Nightly": minutes: must be a whole number/],
      [{ service: 'coinapi-ws' }, 'service', /^Saved query "Nightly": service: is not a query parameter/],
      [{ serviceName: 42 }, 'serviceName', /^Saved query "Nightly": serviceName: must be text/],
      [{ timeStart: 'yesterday' }, 'timeStart', /^Saved query "Nightly": timeStart: is not a date-time/],
      [{ minutes: 60, timeEnd: '2026-04-20T20:00:00Z' }, 'minutes', /^Saved query "Nightly": minutes: cannot be combined/],
      [undefined, 'query', /^Saved query "Nightly": query: is missing/],
      ['minutes=60', 'query', /^Saved query "Nightly": query: must be an object/],
      [[{ minutes: 60 }], 'query', /^Saved query "Nightly": query: must be an object/],
    ];
    for (const [query, field, message] of cases) {
      const result = validateSavedQuery(saved('Nightly', query), 'utc');
      assert.ok(!result.ok, JSON.stringify(query));
      assert.equal(result.errors[0]?.field, field, JSON.stringify(query));
      assert.match(result.errors[0]?.message ?? '', message);
    }
    const ok = validateSavedQuery(saved('Nightly', { minutes: 60, serviceName: 'coinapi-ws' }), 'utc');
    assert.ok(ok.ok);
    assert.deepEqual({ ...ok.query }, { minutes: 60, serviceName: 'coinapi-ws' });
  });

  it('reads both scopes by name with a Map: hostile names are names, a workspace query hides the user one', () => {
    const user = [...HOSTILE_NAMES.map((name) => ({ name, query: { minutes: 5 } })), { name: 'Shared', query: { minutes: 1 } }];
    const workspace = [{ name: 'Shared', query: { minutes: 2 } }, JSON.parse('{"name": "__proto__", "query": {"minutes": 9}}')];
    const byName = parseSavedQueries(user, workspace);
    assert.deepEqual([...byName.keys()], [...HOSTILE_NAMES, 'Shared']);
    assert.deepEqual(byName.get('Shared'), { name: 'Shared', query: { minutes: 2 }, scope: 'workspace' });
    assert.deepEqual(byName.get('__proto__'), { name: '__proto__', query: { minutes: 9 }, scope: 'workspace' });
    assert.equal(byName.get('constructor')?.scope, 'user');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reads by name only what can be named, and reads a very long name whole (shown cut)', () => {
    const long = 'n'.repeat(10_000);
    const byName = parseSavedQueries(
      [null, 7, 'x', [], { query: {} }, { name: 42 }, { name: '  ' }, { name: long, query: { minutes: 1 } }],
      {
        not: 'a list',
      },
    );
    assert.deepEqual([...byName.keys()], [long]);
    assert.equal(shownName(long).length, MAX_NAME_LENGTH + 1);
    assert.ok(shownName(long).endsWith('…'));
    const settings = sanitizeSettings({ savedQueries: { user: [{ name: long, query: {} }], workspace: 'junk' } });
    assert.deepEqual(settings.savedQueries, [{ name: long, query: {}, scope: 'user' }]);
    assert.deepEqual(sanitizeSettings({ savedQueries: [{ name: 'x', query: {} }] }).savedQueries, []);
  });

  it('does not drop an entry that cannot be named: it is listed with its place and the field that is wrong', () => {
    const settings = sanitizeSettings({
      savedQueries: {
        user: [{ name: 'Good', query: { minutes: 5 } }, null, { query: { minutes: 1 } }, { name: 42, query: {} }],
        workspace: ['x', { name: '  ', query: {} }, JSON.parse('{"__proto__": {"name": "p"}}')],
      },
    });
    const malformed = settings.savedQueries.filter((entry) => entry.malformed);
    assert.deepEqual(
      malformed.map((entry) => [entry.scope, entry.malformed!.index, entry.malformed!.error.field, entry.malformed!.error.message]),
      [
        ['user', 1, 'entry', 'entry: must be an object: {"name": "…", "query": {…}}.'],
        ['user', 2, 'name', 'name: is missing.'],
        ['user', 3, 'name', 'name: must be text.'],
        ['workspace', 0, 'entry', 'entry: must be an object: {"name": "…", "query": {…}}.'],
        ['workspace', 1, 'name', 'name: must not be empty.'],
        ['workspace', 2, 'name', 'name: is missing.'],
      ],
    );
    assert.equal(settings.savedQueries[0]?.name, 'Good', 'the named ones first, as before');

    // The quick pick (and the panel's list, where it is a disabled option) show each, saying which and what is wrong.
    const choices = queryChoices(settings.savedQueries, [], { zone: 'utc', defaultLimit: 1000 });
    assert.deepEqual(
      choices.filter((c) => c.malformed).map((c) => [c.label, c.description, c.query, c.name, c.malformed?.field, c.malformed?.message]),
      [
        [
          'Unnamed entry 2 (user settings)',
          'entry: must be an object: {"name": "…", "query": {…}}.',
          undefined,
          undefined,
          'entry',
          'Unnamed entry 2 (user settings): entry: must be an object: {"name": "…", "query": {…}}.',
        ],
        [
          'Unnamed entry 3 (user settings)',
          'name: is missing.',
          undefined,
          undefined,
          'name',
          'Unnamed entry 3 (user settings): name: is missing.',
        ],
        [
          'Unnamed entry 4 (user settings)',
          'name: must be text.',
          undefined,
          undefined,
          'name',
          'Unnamed entry 4 (user settings): name: must be text.',
        ],
        [
          'Unnamed entry 1 (workspace settings)',
          'entry: must be an object: {"name": "…", "query": {…}}.',
          undefined,
          undefined,
          'entry',
          'Unnamed entry 1 (workspace settings): entry: must be an object: {"name": "…", "query": {…}}.',
        ],
        [
          'Unnamed entry 2 (workspace settings)',
          'name: must not be empty.',
          undefined,
          undefined,
          'name',
          'Unnamed entry 2 (workspace settings): name: must not be empty.',
        ],
        [
          'Unnamed entry 3 (workspace settings)',
          'name: is missing.',
          undefined,
          undefined,
          'name',
          'Unnamed entry 3 (workspace settings): name: is missing.',
        ],
      ],
    );
    assert.equal(choices.filter((c) => !c.malformed).length, 1);
  });

  it('saving replaces the entry of that name in place and keeps every other entry as written, broken or not', () => {
    const current = [
      { name: 'A', query: { minutes: 1 } },
      'junk',
      { name: 'B', query: { bad: true } },
      { name: 'A', query: { minutes: 3 } },
    ];
    assert.deepEqual(withSavedQuery(current, 'A', { minutes: 60 }), [
      { name: 'A', query: { minutes: 60 } },
      'junk',
      { name: 'B', query: { bad: true } },
    ]);
    assert.deepEqual(withSavedQuery(current, '__proto__', { minutes: 5 }), [...current, { name: '__proto__', query: { minutes: 5 } }]);
    assert.deepEqual(withSavedQuery(undefined, 'constructor', {}), [{ name: 'constructor', query: {} }]);
    assert.deepEqual(withoutSavedQuery(current, 'A'), ['junk', { name: 'B', query: { bad: true } }]);
    assert.deepEqual(withoutSavedQuery('junk', 'A'), []);
  });

  it('offers saved queries then recent ones, each with its summary; a broken one says what is wrong', () => {
    const choices = queryChoices(
      [saved('<b>Team</b>', { minutes: 60, serviceName: 'coinapi-ws' }), saved('__proto__', { minutes: 'x' })],
      [{ minutes: 15 }, { timeStart: '2026-04-20T19:30:00.000Z', timeEnd: '2026-04-20T20:00:00.000Z', limit: 5 }],
      { zone: 'utc', defaultLimit: 1000 },
    );
    assert.deepEqual(
      choices.map((c) => [c.kind, c.name, c.label, c.description, c.query]),
      [
        ['saved', '<b>Team</b>', '<b>Team</b>', 'last 60 min · coinapi-ws · limit 1000', { serviceName: 'coinapi-ws', minutes: '60' }],
        ['saved', '__proto__', '__proto__', 'minutes: must be a whole number.', undefined],
        ['recent', undefined, 'last 15 min · limit 1000', '', { minutes: '15' }],
        [
          'recent',
          undefined,
          '2026-04-20 19:30 → 20:00 · limit 5',
          '',
          { timeStart: '2026-04-20 19:30:00', timeEnd: '2026-04-20 20:00:00', limit: '5' },
        ],
      ],
    );
  });

  it("the manifest's schema describes the shape: the query's parameters are core/query's, the name's length is MAX_NAME_LENGTH", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['connectionAnalytics.savedQueries'];
    assert.equal(setting.type, 'array');
    assert.equal(setting.scope, 'window');
    assert.deepEqual(setting.items.required, ['name', 'query']);
    assert.equal(setting.items.properties.name.maxLength, MAX_NAME_LENGTH);
    assert.deepEqual(Object.keys(setting.items.properties.query.properties).sort(), [...QUERY_FIELDS].sort());
  });
});
