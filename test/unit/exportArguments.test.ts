import * as assert from 'node:assert/strict';
import { isUriText, parseConnectionArgument, parseExportArgument } from '../../src/core/exportArguments';

describe('core/exportArguments', () => {
  it('takes every field, or none', () => {
    assert.deepEqual(parseExportArgument({ format: 'csv', uri: ' /tmp/x.csv ', scope: 'shown' }), {
      ok: true,
      value: { format: 'csv', uri: '/tmp/x.csv', scope: 'shown' },
    });
    assert.deepEqual(parseExportArgument(undefined), { ok: true, value: { format: undefined, uri: undefined, scope: undefined } });
  });

  it('refuses a bad argument, naming the field', () => {
    const message = (argument: unknown) => {
      const parsed = parseExportArgument(argument);
      assert.ok(!parsed.ok, JSON.stringify(argument));
      return parsed.errors.map((e) => e.message).join('; ');
    };
    assert.match(message({ format: 'xml' }), /^format: /);
    assert.match(message({ format: 'csv', uri: '  ' }), /^uri: empty/);
    // A relative path would land wherever the extension host runs (the file system's root, often).
    for (const uri of ['out/events.csv', '~/events.csv', 'events.csv', './x.csv', 'C:events.csv']) {
      assert.match(message({ format: 'csv', uri }), /^uri: must be an absolute path or a URI/, uri);
    }
    for (const uri of [
      '/tmp/x.csv',
      'C:\\Users\\x.csv',
      'D:/x.csv',
      '\\\\server\\share\\x.csv',
      'file:///tmp/x.csv',
      'vscode-remote://ssh/x.csv',
    ]) {
      assert.ok(parseExportArgument({ format: 'csv', uri }).ok, uri);
    }
    assert.match(message({ format: 'csv', scope: 'some' }), /^scope: /);
    assert.match(message({ format: 'csv', extra: 1 }), /extra/);
    const unknown = parseExportArgument({ format: 'csv', extra: 1 });
    assert.deepEqual(unknown.ok ? [] : unknown.errors.map((e) => e.field), ['extra'], 'an unknown key is the field');
    const relative = parseExportArgument({ uri: 'x.csv' });
    assert.deepEqual(relative.ok ? [] : relative.errors.map((e) => e.field), ['uri']);
    assert.match(message('csv'), /^argument: expected object, got string/);
    assert.match(message(JSON.parse('{"__proto__":"x","format":"csv"}')), /__proto__/);
  });

  it('takes a connection ID, and refuses anything else naming the field', () => {
    assert.deepEqual(parseConnectionArgument({ connectionId: 'conn_1' }), { ok: true, value: 'conn_1' });
    const refused = parseConnectionArgument({ connectionId: '' });
    assert.deepEqual(refused, { ok: false, errors: [{ field: 'connectionId', message: 'connectionId: empty' }] });
    const missing = parseConnectionArgument({});
    assert.deepEqual(missing, { ok: false, errors: [{ field: 'connectionId', message: 'connectionId: missing' }] });
  });

  it('tells a URI from a local path', () => {
    assert.ok(isUriText('file:///tmp/x.csv'));
    assert.ok(isUriText('vscode-remote://ssh-remote+box/home/x.csv'));
    assert.ok(!isUriText('/tmp/x.csv'));
    assert.ok(!isUriText('C:\\Users\\x.csv'));
    assert.ok(!isUriText('relative/x.csv'));
  });
});
