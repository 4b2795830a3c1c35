import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { validateQuery } from '../../src/core/query';
import { QueryState, type QueryExecutor } from '../../src/core/queryState';
import type { ConnectionEvent } from '../../src/core/records';
import type { Log } from '../../src/log';
import type { ApiKeyStore } from '../../src/secrets';
import type { QueryRunner } from '../../src/services/queryRunner';
import type { ActionRunner } from '../../src/services/recoveryActions';
import type { SummaryFeed } from '../../src/services/summaryFeed';
import type { HostMessage } from '../../src/shared/protocol';
import { EventsPanel } from '../../src/views/eventsPanel';
import { EXTENSION_ID } from './host';

/**
 * A hidden webview is destroyed, and made again when shown: it says `ready`,
 * and the host sends it what it showed. The panel is handed a webview panel
 * through `restore` (as VS Code hands one after a reload) that records what
 * the host posts, and is hidden and shown by its view-state events.
 */
class RecordingPanel {
  readonly posted: HostMessage[] = [];
  visible = true;
  private readonly viewState = new vscode.EventEmitter<vscode.WebviewPanelOnDidChangeViewStateEvent>();
  private readonly disposed = new vscode.EventEmitter<void>();
  private readonly received = new vscode.EventEmitter<unknown>();
  readonly webview = {
    options: {},
    html: '',
    cspSource: 'vscode-webview://test',
    asWebviewUri: (uri: vscode.Uri) => uri,
    postMessage: async (message: HostMessage) => {
      this.posted.push(message);
      return true;
    },
    onDidReceiveMessage: this.received.event,
  };
  readonly onDidChangeViewState = this.viewState.event;
  readonly onDidDispose = this.disposed.event;
  iconPath: unknown;

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.viewState.fire({ webviewPanel: this as unknown as vscode.WebviewPanel });
  }
  reveal(): void {
    this.setVisible(true);
  }
  dispose(): void {
    this.disposed.fire();
  }
}

function events(connectionId: string, startMs: number): ConnectionEvent[] {
  return ['connect', 'heartbeat', 'disconnect'].map((eventType, i) => ({
    eventId: `${connectionId}-${i}`,
    connectionId,
    eventType,
    eventTimestamp: new Date(startMs + i * 60_000).toISOString(),
    dataCenter: i === 0 && connectionId === 'conn_b' ? 'eu-central-1' : 'us-east-1',
  }));
}

describe('events panel: hidden and shown again (host side, real extension host)', function () {
  this.timeout(30_000);
  const now = Date.now();
  const records = [...events('conn_a', now - 600_000), ...events('conn_b', now - 300_000)];
  const execute: QueryExecutor = async () => ({ records, received: records.length, invalidCount: 0, invalidSamples: [] });
  let state: QueryState;
  let panel: EventsPanel;
  let webview: RecordingPanel;

  beforeEach(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    state = new QueryState(() => 1000);
    const query = validateQuery({ minutes: 60 }, 'local');
    assert.ok(query.ok);
    assert.equal((await state.run(query.query, execute)).status, 'ok');
    panel = new EventsPanel(
      extension.extensionUri,
      state,
      {} as QueryRunner,
      { retryOf: () => undefined, run: async () => undefined } as ActionRunner,
      { get: async () => 'key-1234', onDidChange: () => ({ dispose: () => undefined }) } as unknown as ApiKeyStore,
      { warn: () => undefined, error: () => undefined, info: () => undefined } as unknown as Log,
      () => ({ defaultLimit: 1000, heartbeatGapSeconds: 120, timeZone: 'utc' }),
      async () => undefined,
      { status: { state: 'none' }, onDidChange: () => ({ dispose: () => undefined }) } as unknown as SummaryFeed,
    );
    webview = new RecordingPanel();
    panel.restore(webview as unknown as vscode.WebviewPanel);
    await panel.receive({ type: 'ready' });
  });
  afterEach(() => panel.dispose());

  /** Hides the panel, shows it, and has the new webview say ready: what the host sent it, by type. */
  async function hideAndShow(): Promise<string[]> {
    webview.setVisible(false);
    webview.setVisible(true);
    webview.posted.length = 0;
    await panel.receive({ type: 'ready' });
    return webview.posted.map((m) => m.type);
  }

  /** Compares the result's two connections; their IDs in the order compared. */
  function compareBoth(): string[] {
    const [a, b] = state.snapshot.outcome!.connections;
    panel.showCompare([a!, b!]);
    return [a!.connectionId, b!.connectionId];
  }

  it('a focus on an event asked for while the page was made again comes after the rows it selects one of', async () => {
    webview.setVisible(false);
    webview.setVisible(true);
    panel.show({ eventId: 'conn_a-1' });
    webview.posted.length = 0;
    await panel.receive({ type: 'ready' });
    const sent = webview.posted.map((m) => m.type);
    assert.ok(sent.includes('focus') && sent.indexOf('focus') > sent.indexOf('results'), sent.join());
    assert.ok(!sent.includes('compare'), sent.join());
  });

  it('shows the compare view again, before the rows come', async () => {
    const compared = compareBoth();
    const sent = await hideAndShow();
    assert.deepEqual(sent.slice(0, 3), ['status', 'compare', 'results'], sent.join());
    const compare = webview.posted.find((m) => m.type === 'compare');
    assert.deepEqual(compare?.type === 'compare' && compare.timelines.map((t) => t.connectionId), compared);
    assert.deepEqual(await hideAndShow(), sent, 'and again');
  });

  it('shows the table after Back, a focus or a new result', async () => {
    compareBoth();
    await panel.receive({ type: 'compareClosed' });
    assert.ok(!(await hideAndShow()).includes('compare'), 'after Back');

    compareBoth();
    panel.show({ connectionId: 'conn_a' });
    const afterFocus = await hideAndShow();
    assert.ok(!afterFocus.includes('compare'), `after a focus: ${afterFocus.join()}`);

    compareBoth();
    const query = validateQuery({ minutes: 30 }, 'local');
    assert.ok(query.ok);
    await state.run(query.query, execute);
    assert.ok(!(await hideAndShow()).includes('compare'), 'after a new result');
  });
});
