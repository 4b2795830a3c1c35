import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ShowConnectionResult } from '../../src/commands/showConnection';
import type { FakeConsoleApi } from '../fake-api/server';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { config, EXTENSION_ID, run, useFakeApi, waitFor } from './host';

/**
 * From code to events in the real extension host: the hover on an ID in an editor, Show Connection
 * Events on a selection, and Events During Last Debug Session over a real debug session's times. Each
 * is followed to the request the fake API received.
 */
const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e';
const NOW = Date.now();
const SHOW_CONNECTION = 'connectionAnalytics.showConnection';

describe('from code to events (real extension host)', function () {
  this.timeout(90_000);
  let api: FakeConsoleApi;
  const fakeApi = useFakeApi(KEY, { seed: 11, connections: 60, now: NOW, clock: () => NOW });
  before(() => {
    api = fakeApi();
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  const openText = async (content: string) => {
    const document = await vscode.workspace.openTextDocument({ content, language: 'log' });
    return vscode.window.showTextDocument(document);
  };
  /** This extension's hovers at a position: those whose link runs Show Connection. */
  const ourHovers = async (document: vscode.TextDocument, position: vscode.Position) => {
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
    return hovers.flatMap((hover) =>
      hover.contents.filter(
        (content): content is vscode.MarkdownString =>
          content instanceof vscode.MarkdownString && content.value.includes(`command:${SHOW_CONNECTION}`),
      ),
    );
  };
  /** The argument a hover's command link passes. */
  const linkArgument = (markdown: vscode.MarkdownString): unknown => {
    const match = /\(command:connectionAnalytics\.showConnection\?([^)]+)\)/.exec(markdown.value);
    assert.ok(match, markdown.value);
    return (JSON.parse(decodeURIComponent(match[1]!)) as unknown[])[0];
  };

  it('a hover on a connection ID offers its events, trusted for Show Connection alone, and the link shows them', async () => {
    const target = api.dataset.connections.find((c) => c.closed && c.events[0]!.ms > NOW - 5 * 86_400_000)!;
    const editor = await openText(`2026-11-29 ERROR <b>closed</b> ${target.connectionId} after 3 retries`);
    const at = editor.document.lineAt(0).text.indexOf(target.connectionId) + 4;
    const [hover, ...more] = await ourHovers(editor.document, new vscode.Position(0, at));
    assert.ok(hover, 'a hover of ours on the ID');
    assert.equal(more.length, 0);
    assert.deepEqual(hover.isTrusted, { enabledCommands: [SHOW_CONNECTION] });
    assert.deepEqual(linkArgument(hover), { connectionId: target.connectionId });
    // Off the ID, nothing.
    assert.deepEqual(await ourHovers(editor.document, new vscode.Position(0, 2)), []);

    const before = api.eventRequests.length;
    const result = await run<ShowConnectionResult>(SHOW_CONNECTION, linkArgument(hover));
    assert.ok(result?.status === 'ok' && result.found && result.events === target.events.length, JSON.stringify(result));
    assert.equal(api.eventRequests[before]?.query.connectionId, target.connectionId);
  });

  it('a hover on a UUID offers it as an API key ID, never the stored key itself, and not when turned off', async () => {
    const keyId = api.dataset.apiKeyIds[0]!;
    const editor = await openText(`{"apikeyId": "${keyId.toUpperCase()}", "key": "${KEY}"}`);
    const line = editor.document.lineAt(0).text;
    const [hover] = await ourHovers(editor.document, new vscode.Position(0, line.indexOf(keyId.toUpperCase()) + 1));
    assert.ok(hover, 'a hover of ours on the UUID');
    assert.deepEqual(linkArgument(hover), { apiKeyId: keyId });
    assert.deepEqual(await ourHovers(editor.document, new vscode.Position(0, line.indexOf(KEY) + 1)), [], 'the stored key is not offered');

    await config().update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => config().get('hover.enabled') === false, 'the setting');
      assert.deepEqual(await ourHovers(editor.document, new vscode.Position(0, line.indexOf(keyId.toUpperCase()) + 1)), []);
    } finally {
      await config().update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Show Connection Events runs Show Connection on the selection, and on the ID under the cursor without one', async () => {
    const [first, second] = api.dataset.connections.filter((c) => c.events[0]!.ms > NOW - 5 * 86_400_000);
    const editor = await openText(
      `{"level":"warn","connectionId":"${first!.connectionId}","msg":"reconnecting"}\nnext: ${second!.connectionId}`,
    );
    editor.selection = new vscode.Selection(0, 0, 0, editor.document.lineAt(0).text.length);
    let before = api.eventRequests.length;
    let result = await run<ShowConnectionResult>('connectionAnalytics.showSelectionEvents');
    assert.ok(result?.status === 'ok' && result.id === first!.connectionId, JSON.stringify(result));
    assert.equal(api.eventRequests[before]?.query.connectionId, first!.connectionId);

    // Show Connection opened the panel: back to the editor, as the user would go.
    const again = await vscode.window.showTextDocument(editor.document);
    const column = again.document.lineAt(1).text.indexOf(second!.connectionId) + 6;
    again.selection = new vscode.Selection(1, column, 1, column);
    before = api.eventRequests.length;
    result = await run<ShowConnectionResult>('connectionAnalytics.showSelectionEvents');
    assert.ok(result?.status === 'ok' && result.id === second!.connectionId, JSON.stringify(result));
    assert.equal(api.eventRequests[before]?.query.connectionId, second!.connectionId);
  });

  it('Events During Last Debug Session queries the session that ran, widened by the margin, with the current filters', async () => {
    const service = api.dataset.connections[0]!.serviceName;
    assert.equal((await run('connectionAnalytics.queryEvents', { serviceName: service, minutes: 60 }))?.status, 'ok');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-debug-'));
    const program = path.join(dir, 'client.js');
    fs.writeFileSync(program, "console.log('connected conn_7f9a8b2c1d3e4f5a'); setTimeout(() => {}, 300);\n");
    let ended = false;
    // The top-level session ends last: js-debug runs the program in a child session of it.
    const listener = vscode.debug.onDidTerminateDebugSession((session) => (ended ||= session.parentSession === undefined));
    const startedAt = Date.now();
    try {
      const started = await vscode.debug.startDebugging(undefined, {
        type: 'node',
        request: 'launch',
        name: 'Run the client',
        program,
        console: 'internalConsole',
      });
      assert.ok(started, 'the debug session started');
      await waitFor(() => ended, 'the debug session to end', 60_000);
    } finally {
      listener.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const endedAt = Date.now();
    await config().update('debugSession.marginSeconds', 45, vscode.ConfigurationTarget.Global);
    try {
      const before = api.eventRequests.length;
      const result = await run('connectionAnalytics.showDebugSessionEvents');
      assert.equal(result?.status, 'ok', JSON.stringify(result));
      const sent = api.eventRequests[before]!.query;
      assert.equal(sent.serviceName, service, 'the current filter is kept');
      assert.equal(sent.minutes, undefined);
      const start = Date.parse(sent.timeStart!);
      const end = Date.parse(sent.timeEnd!);
      assert.ok(start >= startedAt - 45_000 - 1 && start <= endedAt - 45_000, `${sent.timeStart}: the session's start less 45 s`);
      assert.ok(end >= startedAt + 45_000 && end <= endedAt + 45_000 + 1, `${sent.timeEnd}: the session's end plus 45 s`);
    } finally {
      await config().update('debugSession.marginSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('while a debug session runs, queries from its start and turns the live tail on', async () => {
    const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-debug-'));
    const program = path.join(dir, 'client.js');
    fs.writeFileSync(program, 'setTimeout(() => {}, 120000);\n');
    let session: vscode.DebugSession | undefined;
    let ended = false;
    const started = vscode.debug.onDidStartDebugSession((s) => (session ??= s.parentSession === undefined ? s : undefined));
    const terminated = vscode.debug.onDidTerminateDebugSession((s) => (ended ||= s === session));
    const startedAt = Date.now();
    try {
      assert.ok(await vscode.debug.startDebugging(undefined, { type: 'node', request: 'launch', name: 'Client, running', program }));
      await waitFor(() => session !== undefined, 'the debug session to start', 60_000);
      const before = api.eventRequests.length;
      const result = await run<{ status: string; liveTail?: boolean }>('connectionAnalytics.showDebugSessionEvents');
      assert.equal(result?.status, 'ok', JSON.stringify(result));
      assert.equal(result.liveTail, true);
      const sent = api.eventRequests[before]!.query;
      assert.equal(sent.timeEnd, undefined, 'open-ended: the session has not ended');
      const start = Date.parse(sent.timeStart!);
      assert.ok(start >= startedAt - 30_000 - 1 && start <= Date.now() - 30_000, `${sent.timeStart}: the session's start less 30 s`);
      assert.equal(extension.exports.liveTailStatus().enabled, true);
    } finally {
      await run('connectionAnalytics.toggleLiveTail', { enabled: false });
      if (session) {
        await vscode.debug.stopDebugging(session);
        await waitFor(() => ended, 'the debug session to end', 60_000);
      }
      started.dispose();
      terminated.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
