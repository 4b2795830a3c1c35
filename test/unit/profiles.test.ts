import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkProfileName,
  DEFAULT_PROFILE_NAME,
  describeProfile,
  MAX_PROFILE_NAME_LENGTH,
  parseProfiles,
  profileNamed,
  sameProfile,
  secretNameOf,
} from '../../src/core/profiles';

const DEFAULT_URL = 'https://api-console.apibricks.io';

describe('core/profiles', () => {
  it('always has the default profile first, at connectionAnalytics.baseUrl, then the entries in their order', () => {
    const list = parseProfiles(
      [
        { name: 'staging', baseUrl: 'https://staging.example.com/' },
        { name: ' local ', baseUrl: 'http://127.0.0.1:8080' },
      ],
      DEFAULT_URL,
    );
    assert.deepEqual(list.profiles, [
      { name: DEFAULT_PROFILE_NAME, baseUrl: DEFAULT_URL },
      { name: 'staging', baseUrl: 'https://staging.example.com' },
      { name: 'local', baseUrl: 'http://127.0.0.1:8080' },
    ]);
    assert.deepEqual(list.problems, []);
    assert.deepEqual(parseProfiles(undefined, DEFAULT_URL), {
      profiles: [{ name: DEFAULT_PROFILE_NAME, baseUrl: DEFAULT_URL }],
      problems: [],
    });
  });

  it('leaves out an entry it cannot use and says which entry and which field, so no key goes somewhere unmeant', () => {
    const list = parseProfiles(
      [
        'staging',
        { name: '', baseUrl: 'https://a.example' },
        { name: 'default', baseUrl: 'https://b.example' },
        { name: 'prod', baseUrl: 'http://prod.example.com' },
        { name: 'prod', baseUrl: 'https://user:secret@prod.example.com' },
        { name: 'prod', baseUrl: 'https://prod.example.com' },
        { name: 'prod', baseUrl: 'https://other.example.com' },
        { name: 'x'.repeat(MAX_PROFILE_NAME_LENGTH + 1), baseUrl: 'https://c.example' },
        { name: 'no-url' },
      ],
      DEFAULT_URL,
    );
    assert.deepEqual(
      list.profiles.map((p) => p.name),
      [DEFAULT_PROFILE_NAME, 'prod'],
    );
    assert.equal(list.profiles[1]!.baseUrl, 'https://prod.example.com');
    const fields = list.problems.map((problem) => problem.split(':')[0]);
    assert.deepEqual(fields, [
      'connectionAnalytics.profiles[0]',
      'connectionAnalytics.profiles[1].name',
      'connectionAnalytics.profiles[2].name',
      'connectionAnalytics.profiles[3].baseUrl',
      'connectionAnalytics.profiles[4].baseUrl',
      'connectionAnalytics.profiles[6].name',
      'connectionAnalytics.profiles[7].name',
      'connectionAnalytics.profiles[8].baseUrl',
    ]);
    assert.match(list.problems[3]!, /https/);
    assert.ok(!list.problems.join('\n').includes('secret'), 'a URL with a password is named without it');
    assert.match(parseProfiles({ name: 'x' }, DEFAULT_URL).problems[0]!, /must be a list/);
  });

  it('keeps every profile apart whatever its name: one secret each, names like __proto__ included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.oneof(
            fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a.b', '=1+1', '<b>x</b>'),
            fc.string({ minLength: 1, maxLength: 40 }),
          ),
          {
            maxLength: 8,
            selector: (name) => name.trim(),
          },
        ),
        (names) => {
          const list = parseProfiles(
            names.map((name, i) => ({ name, baseUrl: `https://h${i}.example.com` })),
            DEFAULT_URL,
          );
          const used = list.profiles.map((p) => p.name);
          assert.equal(new Set(used).size, used.length, 'names are distinct');
          assert.equal(new Set(used.map(secretNameOf)).size, used.length, 'each profile has its own secret');
          assert.equal(list.profiles.length + list.problems.length, names.length + 1, 'each entry is used or reported');
          for (const profile of list.profiles.slice(1)) {
            assert.equal(profileNamed(list, profile.name), profile);
          }
        },
      ),
    );
  });

  it("keeps the default profile's key where the one key was stored before profiles", () => {
    assert.equal(secretNameOf(DEFAULT_PROFILE_NAME), 'connectionAnalytics.apiKey');
    assert.notEqual(secretNameOf('staging'), secretNameOf(DEFAULT_PROFILE_NAME));
  });

  it('falls back to the default profile for a name no longer in the list', () => {
    const list = parseProfiles([{ name: 'staging', baseUrl: 'https://s.example' }], DEFAULT_URL);
    assert.equal(profileNamed(list, 'gone').name, DEFAULT_PROFILE_NAME);
    assert.equal(profileNamed(list, undefined).name, DEFAULT_PROFILE_NAME);
    assert.equal(profileNamed(list, '__proto__').name, DEFAULT_PROFILE_NAME);
  });

  it('counts a profile at another URL as another profile', () => {
    assert.ok(sameProfile({ name: 'a', baseUrl: 'https://x' }, { name: 'a', baseUrl: 'https://x' }));
    assert.ok(!sameProfile({ name: 'a', baseUrl: 'https://x' }, { name: 'a', baseUrl: 'https://y' }));
    assert.ok(!sameProfile({ name: 'a', baseUrl: 'https://x' }, { name: 'b', baseUrl: 'https://x' }));
  });

  it('checks a new name against the names taken', () => {
    const taken = new Map([['staging', 1]]);
    assert.equal(checkProfileName('prod', taken), undefined);
    assert.match(checkProfileName(' staging ', taken) ?? '', /another profile/);
    assert.match(checkProfileName('default', taken) ?? '', /baseUrl/);
    assert.match(checkProfileName('a\nb', taken) ?? '', /control/);
    assert.match(checkProfileName(42, taken) ?? '', /not empty/);
  });

  it('describes a profile by its name and host, never its user info', () => {
    assert.equal(describeProfile({ name: 'default', baseUrl: 'https://u:p@api.example.com/x' }), 'default (api.example.com)');
  });
});
