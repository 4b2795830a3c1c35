import * as assert from 'node:assert/strict';
import { findIds, MAX_FOUND } from '../../src/core/idExtraction';

const KEY = 'f1e2d3c4-b5a6-9879-8765-4321dcba0987';
const EVENT = '12345678-1234-5678-9abc-123456789012';

describe('core/idExtraction', () => {
  it('finds a connection ID in a log line with noise around it', () => {
    const line = `2026-04-20T19:58:38Z WARN [ws-client] socket closed (1006) conn=conn_7f9a8b2c1d3e4f5a retry in 5s; event ${EVENT}`;
    assert.deepEqual(findIds(line), { connectionIds: ['conn_7f9a8b2c1d3e4f5a'], apiKeyIds: [], connectionIdCount: 1, apiKeyIdCount: 0 });
  });

  it('finds connection and API key IDs in an event as JSON, but not the event or organization UUIDs', () => {
    const json = JSON.stringify({
      eventId: EVENT,
      connectionId: 'conn_aaaa1111bbbb2222',
      organizationId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
      apikeyId: KEY,
    });
    const found = findIds(json);
    assert.deepEqual(found.connectionIds, ['conn_aaaa1111bbbb2222']);
    assert.deepEqual(found.apiKeyIds, [KEY]);
  });

  it('finds IDs inside a JSON string, escaped once or twice, and labelled IDs of any form', () => {
    const inner = JSON.stringify({ connectionId: 'abc-123.x', apiKeyId: KEY.toUpperCase() });
    const twice = JSON.stringify({ message: JSON.stringify({ log: inner }) });
    assert.ok(twice.includes('\\\\\\"connectionId'), twice);
    const found = findIds(twice);
    assert.deepEqual(found.connectionIds, ['abc-123.x']);
    assert.deepEqual(found.apiKeyIds, [KEY], 'one key ID, however it is spelled');
    assert.deepEqual(findIds('connection_id = "legacy:42", api-key-id=' + KEY).connectionIds, ['legacy:42']);
  });

  it('reads IDs out of markup, not the markup', () => {
    const html = `<td class="conn_id"><b>conn_0123456789abcdef</b></td><script>alert("conn_")</script><a href="?connectionId=conn_fedcba9876543210">x</a>`;
    assert.deepEqual(findIds(html).connectionIds, ['conn_0123456789abcdef', 'conn_fedcba9876543210']);
  });

  it('takes one token typed by hand as a connection ID, and nothing from prose', () => {
    assert.deepEqual(findIds('  my-conn-42 \n').connectionIds, ['my-conn-42']);
    assert.deepEqual(findIds('the socket closed again').connectionIds, []);
    assert.deepEqual(findIds('').connectionIds, []);
    assert.deepEqual(findIds(EVENT).apiKeyIds, [], 'a bare UUID is not taken as a key ID');
  });

  it('lists each ID once in the order seen, keeps the first MAX_FOUND and counts the rest', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `conn_${String(i).padStart(16, '0')}`);
    const text = [...ids, ...ids.slice(0, 10)].map((id) => `{"connectionId":"${id}"}`).join('\n');
    const found = findIds(text);
    assert.deepEqual(found.connectionIds, ids.slice(0, MAX_FOUND));
    assert.equal(found.connectionIdCount, 120);
  });

  it('keeps values like __proto__ and constructor as plain IDs', () => {
    const found = findIds('connectionId=__proto__ connectionId=constructor connectionId=__proto__');
    assert.deepEqual(found.connectionIds, ['__proto__', 'constructor']);
    assert.equal(Object.getPrototypeOf(found), Object.prototype);
  });

  it('reads 10 MB of hostile text in one pass: long runs, near-misses, an ID at the very end', () => {
    const target = 'conn_ffffeeeeddddcccc';
    const parts = [
      'conn_'.repeat(200_000), // near-misses back to back
      'x'.repeat(3_000_000), // one long word
      'connectionId'.padEnd(40, ' ').repeat(50_000), // labels with no value
      `conn_${'a'.repeat(1_000_000)}`, // a token far too long to be an ID
      '"\\"'.repeat(500_000),
      '<div>'.repeat(300_000),
      ` ${target}`,
    ];
    const text = parts.join('');
    assert.ok(text.length >= 10_000_000, `${text.length}`);
    assert.deepEqual(findIds(text).connectionIds, [target]);
  });
});
