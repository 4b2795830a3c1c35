import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import * as vscode from 'vscode';
import type { QueryCommandResult } from '../../src/commands';
import { QueryState } from '../../src/core/queryState';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import type { Log } from '../../src/log';
import type { SummaryFeed } from '../../src/services/summaryFeed';
import type { QueryRunner } from '../../src/services/queryRunner';
import type { ActionInvocation, ActionRunner } from '../../src/services/recoveryActions';
import { ApiKeyStore, SecretStorageUnavailableError } from '../../src/secrets';
import { EventsPanel } from '../../src/views/eventsPanel';
import { BAD_COMBINATIONS, BAD_INPUTS } from '../fixtures/badInputs';
import { EVENTS_PATH, FakeConsoleApi, type Fault } from '../fake-api/server';
import { config, EXTENSION_ID, run, settingsProfile } from './host';

/**
 * Every fault the client must survive, through the real extension in a real
 * extension host: what the command reports, that the tree keeps the previous
 * results, and that nothing escapes as an unhandled rejection.
 */
const KEY = 'rel-key-88c1d0e2f4a6b9';

describe('Reliability in a real extension host', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  let api: FakeConsoleApi;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  const tree = () => extension.exports.connectionsTree;
  const labels = async () =>
    Promise.all(((await tree().getChildren()) ?? []).map(async (n) => String((await tree().getTreeItem(n)).label)));

  before(async () => {
    await extension.activate();
    api = await FakeConsoleApi.start({ key: KEY, seed: 21, connections: 120 });
    await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('connectionAnalytics.setApiKey', { apiKey: KEY }), true);
    process.on('unhandledRejection', onRejection);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await api.close();
  });

  afterEach(() => api.setFault(undefined));

  describe('faults: the previous results stay, the query is kept, the message says what happened', () => {
    // A short request timeout only where the fault is a timeout: elsewhere a busy machine must not turn into one.
    const cases: [string, Fault, RegExp, { timeoutSeconds?: number }?][] = [
      ['400', { status: 400 }, /refused the query \(400\)/],
      ['401', { status: 401 }, /not accepted \(401\)/],
      ['403', { status: 403 }, /not allowed .* \(403\)/],
      ['404', { status: 404 }, /not found \(404\)/],
      ['429 with a long Retry-After', { status: 429, retryAfter: '120' }, /Too many requests \(429\)/],
      ['500', { status: 500 }, /failed \(500\)/],
      ['502', { status: 502, body: 'Bad gateway' }, /failed \(502\).*Bad gateway/],
      ['503', { status: 503 }, /failed \(503\)/],
      ['504', { status: 504 }, /failed \(504\)/],
      ['a body that is not JSON', { malformedJson: true }, /not JSON/],
      ['JSON that is not a list', { status: 200, body: '{"events": []}' }, /not a list of records/],
      ['a connection reset mid-body', { truncate: true }, /closed before the response was complete/],
      ['a server that never sends headers', { delayMs: 5000 }, /did not complete within 2 s/, { timeoutSeconds: 2 }],
      [
        'a body that drips past the timeout',
        { slowBody: { chunkBytes: 200, intervalMs: 200 } },
        /did not complete within 2 s/,
        { timeoutSeconds: 2 },
      ],
    ];

    before(async () => {
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 300 }))?.status, 'ok');
    });

    for (const [name, fault, message, options] of cases) {
      it(name, async () => {
        const before = await labels();
        assert.ok(before.length > 0);
        api.setFault(fault);
        if (options?.timeoutSeconds !== undefined) {
          await config().update('requestTimeoutSeconds', options.timeoutSeconds, vscode.ConfigurationTarget.Global);
        }
        let result: QueryCommandResult | undefined;
        try {
          result = await run('connectionAnalytics.queryEvents', { minutes: 60, serviceName: 'coinapi-ws' });
        } finally {
          await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
        }
        assert.equal(result?.status, 'failed');
        assert.match(result?.status === 'failed' ? result.error : '', message);
        assert.ok(result?.status === 'failed' && !result.error.includes(KEY));
        assert.deepEqual(await labels(), before, 'the tree still shows the previous results');
        api.setFault(undefined);
        // The failed query is the current one: Refresh runs exactly what was asked.
        const requests = api.eventRequests.length;
        assert.equal((await run('connectionAnalytics.refresh'))?.status, 'ok');
        assert.deepEqual(api.eventRequests[requests]?.query, { minutes: '60', serviceName: 'coinapi-ws', limit: '1000' });
        assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 300 }))?.status, 'ok');
      });
    }

    it('retries a 429 with a short Retry-After and a passing 503, then succeeds', async () => {
      api.setFault({ status: 429, retryAfter: '1', times: 1, path: EVENTS_PATH });
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 60 }))?.status, 'ok');
      api.setFault({ status: 503, times: 1, path: EVENTS_PATH });
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 60 }))?.status, 'ok');
    });

    it('10% and 100% invalid records: the valid ones are shown and the rest counted', async () => {
      api.setFault({ drift: 0.1 });
      const some = await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 200 });
      assert.ok(some?.status === 'ok' && some.invalid === 20 && some.events === 180, JSON.stringify(some));
      api.setFault({ drift: 1 });
      const all = await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 50 });
      assert.ok(all?.status === 'ok' && all.invalid === 50 && all.events === 0, JSON.stringify(all));
    });

    it('a compressed body and a body over the cap', async () => {
      api.setFault({ contentEncoding: 'br' });
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 1440, limit: 100 }))?.status, 'ok');
      await config().update('maxResponseMegabytes', 1, vscode.ConfigurationTarget.Global);
      try {
        api.setFault(undefined);
        const result = await run('connectionAnalytics.queryEvents', { limit: 100_000 });
        assert.equal(result?.status, 'failed');
        assert.match(result?.status === 'failed' ? result.error : '', /is [\d.]+ MiB, larger than the 1 MiB allowed/);
      } finally {
        await config().update('maxResponseMegabytes', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('connection refused', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      await config().update('baseUrl', `http://127.0.0.1:${port}`, vscode.ConfigurationTarget.Global);
      try {
        const result = await run('connectionAnalytics.queryEvents', { minutes: 5 });
        assert.match(result?.status === 'failed' ? result.error : '', /connection was refused/);
      } finally {
        await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
      }
    });

    it('a base URL that would send the key in clear text or with user info is refused before any request', async () => {
      for (const url of ['http://api-console.apibricks.io', 'https://user:pass@api-console.apibricks.io']) {
        await config().update('baseUrl', url, vscode.ConfigurationTarget.Global);
        const result = await run('connectionAnalytics.queryEvents', { minutes: 5 });
        assert.match(result?.status === 'failed' ? result.error : '', /connectionAnalytics\.baseUrl must/);
      }
      await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    });

    it('left no unhandled rejection in the extension host', () => {
      assert.deepEqual(rejections, []);
    });
  });

  describe('bad input in a command argument (the shared table)', () => {
    for (const { field, value, why } of BAD_INPUTS) {
      it(`refuses ${field} = ${why} before any request`, async () => {
        const requests = api.requests.length;
        const result = await run('connectionAnalytics.queryEvents', { [field]: value });
        assert.equal(result?.status, 'invalid');
        assert.ok(result?.status === 'invalid' && result.errors.some((e) => e.field === field && e.message.startsWith(`${field}:`)));
        assert.equal(api.requests.length, requests);
      });
    }
    for (const { query, field, why } of BAD_COMBINATIONS) {
      it(`refuses ${why} before any request`, async () => {
        const requests = api.requests.length;
        const result = await run('connectionAnalytics.queryEvents', query);
        assert.ok(result?.status === 'invalid' && result.errors.some((e) => e.field === field));
        assert.equal(api.requests.length, requests);
      });
    }
  });

  describe("the events panel's message handler", () => {
    const calls: string[] = [];
    const warnings: string[] = [];
    const runner = {
      run: async () => calls.push('run'),
      refresh: async () => calls.push('refresh'),
      cancel: () => calls.push('cancel'),
    } as unknown as QueryRunner;
    const log = {
      warn: (m: string) => warnings.push(m),
      error: (m: string) => warnings.push(m),
      info: () => undefined,
      show: () => calls.push('showLog'),
    } as unknown as Log;
    // The panel's buttons run commands: recorded here, not run.
    const actions: ActionRunner = { retryOf: () => undefined, run: async (invocation: ActionInvocation) => calls.push(invocation.command) };
    const keys = { get: async () => KEY, onDidChange: () => ({ dispose: () => undefined }) } as unknown as ApiKeyStore;
    let panel: EventsPanel;

    before(() => {
      panel = new EventsPanel(
        extension.extensionUri,
        new QueryState(() => 1000),
        runner,
        actions,
        keys,
        log,
        () => ({ defaultLimit: 1000, heartbeatGapSeconds: 120, timeZone: 'local' }),
        async () => {
          calls.push('reveal');
        },
        { status: { state: 'none' }, onDidChange: () => ({ dispose: () => undefined }) } as unknown as SummaryFeed,
      );
    });
    after(() => panel.dispose());

    it('rejects malformed and hostile messages: nothing runs, nothing throws, each is logged', async () => {
      const hostile = fc.oneof(
        fc.anything(),
        fc.record({
          type: fc.constantFrom('action', 'runQuery', 'selectEvent', 'copy', 'command', 'executeCommand', '__proto__'),
          action: fc.string(),
          command: fc.string(),
          query: fc.anything(),
        }),
        fc.record({
          type: fc.constant('action'),
          action: fc.constantFrom('workbench.action.quit', 'connectionAnalytics.clearApiKey', 'setApiKey ', 'SETAPIKEY'),
        }),
        fc.record({
          type: fc.constant('runQuery'),
          query: fc.dictionary(fc.string({ minLength: 65, maxLength: 70 }), fc.string(), { minKeys: 1 }),
        }),
        fc.record({ type: fc.constant('selectEvent'), eventId: fc.constantFrom('', 'x'.repeat(600)) }),
        fc.record({ type: fc.constant('ready'), extra: fc.anything() }),
      );
      let count = 0;
      await fc.assert(
        fc.asyncProperty(hostile, async (message) => {
          count++;
          await panel.receive(message);
        }),
        { numRuns: 300, seed: 7 },
      );
      assert.deepEqual(calls, [], 'no action ran');
      assert.equal(warnings.filter((w) => w.startsWith('Ignored a malformed message')).length, count);
    });

    it('acts on well-formed messages (the control for the test above)', async () => {
      await panel.receive({ type: 'action', action: 'cancel' });
      await panel.receive({ type: 'action', action: 'showLog' });
      await panel.receive({ type: 'revealInTree', eventId: 'e1' });
      assert.deepEqual(calls, ['connectionAnalytics.cancelQuery', 'connectionAnalytics.showLog', 'reveal']);
      // A well-formed query with a bad value is answered with the field's error, and not run.
      calls.length = 0;
      await panel.receive({ type: 'runQuery', query: { limit: '0' } });
      assert.deepEqual(calls, []);
    });
  });

  describe('SecretStorage', () => {
    it('when it is unavailable, says so and keeps the key nowhere else', async () => {
      const written: string[] = [];
      const broken: vscode.SecretStorage = {
        get: async () => {
          throw new Error('no keyring daemon');
        },
        store: async (_k: string, v: string) => {
          written.push(v);
          throw new Error('no keyring daemon');
        },
        delete: async () => {
          throw new Error('no keyring daemon');
        },
        onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
      };
      const store = new ApiKeyStore(broken, settingsProfile);
      await assert.rejects(store.get(), (e: unknown) => e instanceof SecretStorageUnavailableError && /keyring/.test(e.message));
      await assert.rejects(store.set(KEY), SecretStorageUnavailableError);
      assert.equal(store.current, undefined, 'not even cached');
      store.dispose();
    });

    it('refuses an empty or whitespace key', async () => {
      assert.equal(await vscode.commands.executeCommand('connectionAnalytics.setApiKey', { apiKey: '   ' }), false);
      assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 5 }))?.status, 'ok', 'the stored key is untouched');
    });
  });
});
