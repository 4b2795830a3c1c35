import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ResponseTooLargeError } from '../../src/api/errors';
import { MAX_RESPONSE_SETTING } from '../../src/core/settings';
import { recoveryActions, settingOf } from '../../src/services/recoveryActions';
import type { ConnectionAnalyticsApi } from '../../src/extension';
import { FakeConsoleApi } from '../fake-api/server';
import { config, EXTENSION_ID, logLines, run } from './host';

/**
 * What a user reads when a query fails, from the extension as it ships: the
 * harness loads dist/extension.js, the minified production bundle.
 */
const KEY = 'bundle-key-5e7a9c1b3d';

/** Waits for a log line with every marker beyond the `seen` already there; the channel writes its file asynchronously. */
async function newLogLine(markers: string[], seen = 0): Promise<string> {
  for (;;) {
    const lines = logLines().filter((l) => markers.every((m) => l.includes(m)));
    if (lines.length > seen) {
      return lines[lines.length - 1]!;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const count = (markers: string[]) => logLines().filter((l) => markers.every((m) => l.includes(m))).length;

describe('Messages from the production bundle', function () {
  this.timeout(30_000);
  const extension = vscode.extensions.getExtension<ConnectionAnalyticsApi>(EXTENSION_ID)!;
  let api: FakeConsoleApi;

  before(async () => {
    assert.equal(path.basename(extension.packageJSON.main as string), 'extension.js');
    await extension.activate();
    api = await FakeConsoleApi.start({ key: KEY, seed: 4, connections: 120 });
    await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('connectionAnalytics.setApiKey', { apiKey: KEY }), true);
  });

  after(async () => {
    api.setFault(undefined);
    await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('maxResponseMegabytes', undefined, vscode.ConfigurationTarget.Global);
    await api.close();
  });

  it('the log names the real error class of a failed query, not a minified one', async () => {
    // A path prefix no endpoint has: a 404, which is not retried.
    await config().update('baseUrl', `${api.url}/bundle-check-${Date.now()}`, vscode.ConfigurationTarget.Global);
    try {
      const seen = count(['Query failed: ']);
      const result = await run('connectionAnalytics.queryEvents', { minutes: 5 });
      assert.equal(result?.status, 'failed');
      const line = await newLogLine(['Query failed: '], seen);
      assert.match(line, /Query failed: HttpError: The endpoint was not found \(404\)/);
    } finally {
      await config().update('baseUrl', api.url, vscode.ConfigurationTarget.Global);
    }
  });

  it('a response over maxResponseMegabytes says how large it was, and offers Edit Query and Open Settings at that setting', async () => {
    await config().update('maxResponseMegabytes', 1, vscode.ConfigurationTarget.Global);
    const result = await run('connectionAnalytics.queryEvents', { limit: 100_000 });
    assert.equal(result?.status, 'failed');
    // The fake API says how long its body is: the size is known before a byte of it is read.
    assert.match(
      result?.status === 'failed' ? result.error : '',
      /^The response is \d+(\.\d)? MiB, larger than the 1 MiB allowed by connectionAnalytics\.maxResponseMegabytes; narrow the query or lower the limit\.$/,
    );
    const line = await newLogLine(['Query failed: ', 'larger than the 1 MiB allowed']);
    assert.match(line, /ResponseTooLargeError: The response is/);

    const error = new ResponseTooLargeError('x', 2);
    assert.deepEqual(recoveryActions(error), ['editQuery', 'openSettings', 'showLog']);
    assert.equal(settingOf(error), MAX_RESPONSE_SETTING);
  });
});
