import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { apiKeyFormProblem, isAnApiKey, isTheApiKey } from '../../src/core/apiKeyForm';

const GOOD = 'A1B2C3D4-E5F6-7890-ABCD-EF1234567890';

describe('core/apiKeyForm', () => {
  it('accepts a key of visible ASCII, and surrounding white space (it is trimmed)', () => {
    for (const key of [GOOD, `  ${GOOD}\n`, 'abc!#$%&*+-./:;<=>?@[]^_`{|}~', 'demo']) {
      assert.equal(apiKeyFormProblem(key), undefined, JSON.stringify(key));
    }
  });

  const bad: [string, string, RegExp][] = [
    ['', 'empty', /^The API key is empty\.$/],
    ['   ', 'white space only', /^The API key is empty\.$/],
    [`${GOOD.slice(0, 8)}\n${GOOD.slice(8)}`, 'a line break inside', /contains a control character .* at position 9;/],
    [`${GOOD}\u0000`, 'a NUL at the end', /contains a control character .* at position 37;/],
    [`${GOOD.slice(0, 4)}\t${GOOD.slice(4)}`, 'a tab inside', /control character .* at position 5;/],
    [`${GOOD.slice(0, 4)} ${GOOD.slice(4)}`, 'a space inside', /contains a space at position 5;/],
    [`${GOOD.slice(0, 4)}\u00a0${GOOD.slice(4)}`, 'a non-breaking space', /outside visible ASCII \(U\+00A0\) at position 5;/],
    [`\u2018${GOOD}\u2019`, 'typographic quotes', /outside visible ASCII \(U\+2018\) at position 1;/],
    [`${GOOD}é`, 'a Latin-1 letter', /outside visible ASCII \(U\+00E9\) at position 37;/],
    [`${GOOD}😀`, 'an emoji', /outside visible ASCII \(U\+1F600\) at position 37;/],
    [`${GOOD}\u007f`, 'DEL', /control character/],
  ];
  for (const [key, why, message] of bad) {
    it(`refuses ${why}, saying what is wrong without the key`, () => {
      const problem = apiKeyFormProblem(key);
      assert.ok(problem !== undefined);
      assert.match(problem, message);
      assert.ok(!problem.includes(GOOD.slice(0, 8)) && !problem.includes(GOOD.slice(8)), problem);
    });
  }

  // The rule is stricter than undici: it also refuses what undici would send as
  // raw bytes. Every key undici refuses to send must be refused here first.
  it('refuses every key undici refuses to put in a header', async () => {
    const server = http.createServer((_req, res) => res.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      for (let code = 0; code < 0x300; code++) {
        const key = `ab${String.fromCodePoint(code)}cd`;
        const sent = await request(url, { headers: { authorization: key } }).then(
          async (r) => {
            await r.body.dump();
            return true;
          },
          () => false,
        );
        if (!sent) {
          assert.notEqual(apiKeyFormProblem(key), undefined, `U+${code.toString(16)}`);
        }
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the key itself, given as a key ID', () => {
  it('is recognised whatever its case and surrounding spaces; another ID, or no key stored, is not it', () => {
    const key = '0F8FAD5B-D9CB-469F-A165-70867728950E';
    assert.ok(isTheApiKey(key.toLowerCase(), key));
    assert.ok(isTheApiKey(` ${key} `, key.toLowerCase()));
    assert.equal(isTheApiKey('1f8fad5b-d9cb-469f-a165-70867728950e', key), false);
    assert.equal(isTheApiKey(key, undefined), false);
  });

  it("is recognised as any profile's key, not only the one shown", () => {
    const shown = '0F8FAD5B-D9CB-469F-A165-70867728950E';
    const other = '8a61d5c0-e94f-4b2d-9c3e-71d2b40f3c9e';
    assert.ok(isAnApiKey(other.toUpperCase(), [shown, other]));
    assert.equal(isAnApiKey('1f8fad5b-d9cb-469f-a165-70867728950e', [shown, other]), false);
    assert.equal(isAnApiKey(shown, []), false);
  });
});
