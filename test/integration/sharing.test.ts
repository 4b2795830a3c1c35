import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CopyForSupportResult } from '../../src/commands/copyForSupport';
import type { ExportCommandResult } from '../../src/commands/exportResults';
import { cellText, csvColumns, csvField } from '../../src/core/csv';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { EVENTS_PATH, type FakeConsoleApi } from '../fake-api/server';
import { EXTENSION_ID, run, useFakeApi } from './host';

/**
 * Export Results, Open Results as JSON and Copy for Support in the real extension host against
 * the fake Console API: each format written by the command and read back against the records the
 * API sent, the panel's filters (set through its message path) deciding "shown", and the key kept
 * out of every output when the server echoes it. (Named to run after extension.test, which sees the
 * extension before anything activates it: files run in name order.)
 */
const KEY = 'export-key-9f8e7d6c5b4a';
const NOW = Date.now();

type Row = Record<string, unknown>;

describe('export and share (real extension host)', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  const fakeApi = useFakeApi(KEY, { seed: 47, connections: 40, now: NOW, clock: () => NOW });
  let api: FakeConsoleApi;
  let dir: string;
  before(() => {
    api = fakeApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-export-'));
  });
  after(async () => {
    await extension.exports.receivePanelMessage({ type: 'view', text: '', excludedTypes: [] });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a query, then asks the fake API the very request the extension made: the records it was sent. */
  async function querySent(query: object): Promise<Row[]> {
    const result = await run('connectionAnalytics.queryEvents', query);
    assert.equal(result?.status, 'ok', JSON.stringify(result));
    const sent = new URLSearchParams(api.eventRequests.at(-1)!.query);
    const response = await fetch(`${api.url}${EVENTS_PATH}?${sent.toString()}`, { headers: { authorization: KEY } });
    return (await response.json()) as Row[];
  }

  const exportTo = (name: string, argument: object) =>
    run<ExportCommandResult>('connectionAnalytics.exportResults', { uri: path.join(dir, name), ...argument });
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const ndjson = (text: string) =>
    text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Row);

  it('writes JSON, NDJSON and CSV that read back as the records the API sent', async () => {
    const records = await querySent({ minutes: 720, limit: 300 });
    assert.ok(records.length > 50, `${records.length} records`);

    const json = await exportTo('all.json', { format: 'json' });
    assert.deepEqual(json, {
      status: 'ok',
      format: 'json',
      scope: 'all',
      uri: vscode.Uri.file(path.join(dir, 'all.json')).toString(),
      events: records.length,
    });
    assert.deepEqual(JSON.parse(read('all.json')), records);

    assert.equal((await exportTo('all.ndjson', { format: 'ndjson' }))?.status, 'ok');
    assert.deepEqual(ndjson(read('all.ndjson')), records);

    // A file URI works as a path does.
    const csvUri = vscode.Uri.file(path.join(dir, 'all.csv')).toString();
    assert.equal((await run<ExportCommandResult>('connectionAnalytics.exportResults', { format: 'csv', uri: csvUri }))?.status, 'ok');
    const lines = read('all.csv').split('\r\n');
    assert.equal(lines.pop(), '', 'CRLF after the last row');
    const columns = csvColumns(records);
    assert.equal(lines[0], columns.join(','));
    assert.equal(lines.length, records.length + 1);
    records.forEach((record, i) => {
      assert.equal(lines[i + 1], columns.map((c) => csvField(cellText(record[c]))).join(','), `row ${i + 1}`);
    });
  });

  it('refuses a bad argument naming the field, and writes nothing', async () => {
    await querySent({ minutes: 60 });
    const result = await exportTo('bad.xml', { format: 'xml' });
    assert.equal(result?.status, 'invalid');
    assert.deepEqual(result.status === 'invalid' ? result.errors.map((e) => e.field) : [], ['format']);
    assert.match(result.status === 'invalid' ? result.errors[0]!.message : '', /^format: /);
    assert.ok(!fs.existsSync(path.join(dir, 'bad.xml')));
  });

  it('says a write that fails failed, and keeps the result', async () => {
    await querySent({ minutes: 60 });
    // A folder where the file would go: the file system refuses to write it.
    const result = await run<ExportCommandResult>('connectionAnalytics.exportResults', { format: 'csv', uri: dir });
    assert.equal(result?.status, 'failed', JSON.stringify(result));
    assert.ok(fs.statSync(dir).isDirectory());
    assert.equal((await exportTo('after.csv', { format: 'csv' }))?.status, 'ok', 'the result is still there to export');
  });

  it('writes only what the panel shows with scope "shown", after the panel says its filters', async () => {
    const records = await querySent({ minutes: 720, limit: 400 });
    const connectionId = records.find((r) => r.eventType === 'disconnect')?.connectionId as string;
    assert.ok(connectionId, 'a connection that closed');
    await extension.exports.receivePanelMessage({ type: 'view', text: connectionId.toUpperCase(), excludedTypes: ['heartbeat'] });

    const shown = await exportTo('shown.ndjson', { format: 'ndjson', scope: 'shown' });
    const expected = records.filter((r) => r.connectionId === connectionId && r.eventType !== 'heartbeat');
    assert.ok(expected.length > 0 && expected.length < records.length);
    assert.equal(shown?.status === 'ok' && shown.events, expected.length);
    assert.deepEqual(ndjson(read('shown.ndjson')), expected);

    // Without a scope, the whole result, whatever the panel shows.
    assert.equal((await exportTo('every.ndjson', { format: 'ndjson' }))?.status, 'ok');
    assert.deepEqual(ndjson(read('every.ndjson')), records);

    await extension.exports.receivePanelMessage({ type: 'view', text: '', excludedTypes: [] });
    assert.equal((await exportTo('cleared.ndjson', { format: 'ndjson', scope: 'shown' }))?.status, 'ok');
    assert.deepEqual(ndjson(read('cleared.ndjson')), records);
  });

  it('opens the result as JSON in an untitled editor', async () => {
    const records = await querySent({ minutes: 240, limit: 100 });
    const result = await run<ExportCommandResult>('connectionAnalytics.openResultsAsJson');
    assert.equal(result?.status, 'ok');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor?.document.isUntitled);
    assert.equal(editor.document.languageId, 'json');
    assert.deepEqual(JSON.parse(editor.document.getText()), records);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('copies a connection for support as Markdown: its IDs, timeline, close cause and events', async () => {
    const records = await querySent({ minutes: 720, limit: 400 });
    const closed = records.find((r) => r.eventType === 'disconnect')!;
    const result = await run<CopyForSupportResult>('connectionAnalytics.copyForSupport', { connectionId: closed.connectionId });
    const events = records.filter((r) => r.connectionId === closed.connectionId);
    assert.deepEqual(result, { status: 'ok', connectionId: closed.connectionId, events: events.length });
    const text = await vscode.env.clipboard.readText();
    const lines = text.split('\n');
    assert.equal(lines[0], `## Connection \`${String(closed.connectionId)}\``);
    assert.ok(lines.includes(`| API key ID | \`${String(closed.apikeyId)}\` |`), text);
    assert.ok(
      lines.some((l) => l.startsWith('| Close cause | ')),
      text,
    );
    assert.ok(lines.includes(`### ${events.length === 1 ? '1 event' : `${events.length} events`}`), text);

    const missing = await run<CopyForSupportResult>('connectionAnalytics.copyForSupport', { connectionId: 'conn_not_there' });
    assert.deepEqual(missing, { status: 'notFound', connectionId: 'conn_not_there' });
    const invalid = await run<CopyForSupportResult>('connectionAnalytics.copyForSupport', { connectionId: 42 });
    assert.deepEqual(invalid, {
      status: 'invalid',
      errors: [{ field: 'connectionId', message: 'connectionId: expected string, got number' }],
    });
    // An object that looks like a tree row but is not one is an argument, refused naming the field (it threw a TypeError).
    const lookalike = await run<CopyForSupportResult>('connectionAnalytics.copyForSupport', { kind: 'connection' });
    assert.deepEqual(lookalike?.status === 'invalid' ? lookalike.errors.map((e) => e.field).sort() : lookalike, ['connectionId', 'kind']);
  });

  it('never puts the key in an export, Open as JSON or Copy for Support, whatever way the server echoes it', async () => {
    api.setFault({ echoKey: true, path: EVENTS_PATH });
    const result = await run('connectionAnalytics.queryEvents', { minutes: 240, limit: 100 });
    assert.equal(result?.status, 'ok', JSON.stringify(result));
    const outputs: [string, string][] = [];
    for (const format of ['json', 'ndjson', 'csv'] as const) {
      assert.equal((await exportTo(`echo.${format}`, { format }))?.status, 'ok');
      outputs.push([format, read(`echo.${format}`)]);
    }
    assert.equal((await run<ExportCommandResult>('connectionAnalytics.openResultsAsJson'))?.status, 'ok');
    outputs.push(['Open as JSON', vscode.window.activeTextEditor!.document.getText()]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const first = JSON.parse(outputs[0]![1]) as Row[];
    assert.equal(
      (await run<CopyForSupportResult>('connectionAnalytics.copyForSupport', { connectionId: first[0]!.connectionId }))?.status,
      'ok',
    );
    outputs.push(['Copy for Support', await vscode.env.clipboard.readText()]);

    const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const spellings = [KEY, KEY.toUpperCase(), escaped, escaped.toUpperCase(), escaped.replaceAll('\\', '\\\\'), encodeURIComponent(KEY)];
    for (const [name, text] of outputs) {
      // Markdown escapes the brackets.
      assert.ok(text.includes('[redacted]') || text.includes('\\[redacted\\]'), `${name}: the echo reached it, redacted`);
      for (const spelling of spellings) {
        assert.ok(!text.includes(spelling), `${name} holds the key as ${spelling}`);
      }
    }
    // Every way the fake API echoed it, each redacted.
    assert.equal(first[0]!.presentedKey, '[redacted]');
    assert.deepEqual(first[0]!.request, { headers: { authorization: '[redacted]' } });
    assert.equal(first[0]!.presentedKeyEscaped, '[redacted]');
    assert.equal(first[0]!.presentedKeyEncodedTwice, '[redacted]');
  });
});
