import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  AuthenticationError,
  BadRequestError,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
} from '../../src/api/errors';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { InvalidSettingError, MissingApiKeyError } from '../../src/services/clientFactory';
import { offeredActions, recoveryActions } from '../../src/services/recoveryActions';
import { HOST_ACTIONS } from '../../src/shared/protocol';
import { EVENTS_PATH, type FakeConsoleApi } from '../fake-api/server';
import { config, EXTENSION_ID, run, useFakeApi } from './host';

/**
 * The one vocabulary of recovery actions: every action the notification
 * offers, the panel can offer too, and the panel's Retry re-runs what failed,
 * through the same command the notification's Retry runs.
 */
const KEY = 'actions-key-3f9c2a7d1e5b';
const NOW = Date.now();

/** Answered at once, and not retried by the client: a 429 whose Retry-After is too long to wait for. */
const RATE_LIMITED = { status: 429, retryAfter: '3600' } as const;

describe('recovery actions (real extension host)', function () {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  let api: FakeConsoleApi;
  const pressInPanel = (action: string) => extension.exports.receivePanelMessage({ type: 'action', action });

  const fakeApi = useFakeApi(KEY, { seed: 31, connections: 200, now: NOW, clock: () => NOW });
  before(() => {
    api = fakeApi();
  });

  it('the panel can offer every action the notification offers, each a command (Open Settings at the failing setting)', () => {
    const retry = { command: 'connectionAnalytics.loadOlder' };
    const failures: Error[] = [
      new MissingApiKeyError(),
      new InvalidSettingError('bad', 'connectionAnalytics.baseUrl'),
      new ResponseTooLargeError('x', 2),
      new AuthenticationError('no', 401),
      new BadRequestError('no', 400),
      new RateLimitError('slow down', 3600),
      new ServerError('down', 503),
      new TimeoutError(30_000),
      new Error('anything else'),
    ];
    for (const error of failures) {
      const offered = offeredActions({ error, retry });
      assert.deepEqual(
        offered.map((a) => a.action),
        recoveryActions(error),
        `${error.name}: every fitting action is offered`,
      );
      for (const { action } of offered) {
        assert.ok((HOST_ACTIONS as readonly string[]).includes(action), `${error.name}: the panel may ask for ${action}`);
      }
    }
    const tooLarge = offeredActions({ error: new ResponseTooLargeError('x', 2), retry });
    assert.deepEqual(tooLarge.find((a) => a.action === 'openSettings')?.invocation, {
      command: 'workbench.action.openSettings',
      args: ['connectionAnalytics.maxResponseMegabytes'],
    });
    assert.deepEqual(offeredActions({ error: new ServerError('down', 503), retry }).find((a) => a.action === 'retry')?.invocation, retry);
  });

  it("the panel's Retry after a failed Load Older asks for the older page again, not a refresh", async () => {
    await config().update('defaultLimit', 200, vscode.ConfigurationTarget.Global);
    const first = await run('connectionAnalytics.queryEvents', { minutes: 1440 });
    assert.ok(first?.status === 'ok' && first.limitReached, JSON.stringify(first));

    api.setFault({ ...RATE_LIMITED, times: 1, path: EVENTS_PATH });
    const failed = await run('connectionAnalytics.loadOlder');
    assert.equal(failed?.status, 'failed');
    const olderPage = api.eventRequests.at(-1)!.query;
    assert.ok(olderPage.timeEnd !== undefined && olderPage.minutes === undefined, `the older page: ${JSON.stringify(olderPage)}`);

    const before = api.eventRequests.length;
    await pressInPanel('retry');
    assert.equal(api.eventRequests.length, before + 1, 'one request');
    assert.deepEqual(api.eventRequests.at(-1)!.query, olderPage, 'the same older page');
  });

  it("the panel's Retry after a failed query runs that query again", async () => {
    const query = { minutes: 30, serviceName: 'coinapi-ws', limit: 50 };
    assert.equal((await run('connectionAnalytics.queryEvents', { minutes: 60 }))?.status, 'ok');
    api.setFault({ ...RATE_LIMITED, times: 1, path: EVENTS_PATH });
    assert.equal((await run('connectionAnalytics.queryEvents', query))?.status, 'failed');
    const sent = api.eventRequests.at(-1)!.query;

    const before = api.eventRequests.length;
    await pressInPanel('retry');
    assert.equal(api.eventRequests.length, before + 1, 'one request');
    assert.deepEqual(api.eventRequests.at(-1)!.query, sent);
    assert.deepEqual(sent, { minutes: '30', serviceName: 'coinapi-ws', limit: '50' });
  });
});
