import * as net from 'node:net';
import * as path from 'node:path';
import { liveHeartbeats } from '../fake-api/data';
import { FakeConsoleApi } from '../fake-api/server';
import { CodeServer, freePort, log, onInterrupt, ROOT, Sandbox } from './codeServer';
import { VSIX } from './workbench';

/**
 * `npm run demo`: the packaged extension in a real VS Code (code-server),
 * pointed at the built-in fake Console API. Prints the URL to open and the
 * key to enter; Ctrl+C stops everything.
 */
async function main(): Promise<void> {
  // The extension is installed first (it takes a while the first time): the fake APIs' data is generated
  // after it, up to now, so the demo does not open on a silence that looks like every heartbeat missed.
  const sandbox = new Sandbox('demo');
  log(`installing ${path.relative(ROOT, VSIX)} into a fresh VS Code profile`);
  CodeServer.installExtension(sandbox, VSIX);
  const api = await FakeConsoleApi.start({ port: await portOr(Number(process.env.FAKE_API_PORT ?? 3000)), key: 'demo' });
  // A second organization, for Switch Profile: its own data, its own key.
  const staging = await FakeConsoleApi.start({ key: STAGING_KEY, seed: 7, connections: 40 });
  // Data that moves: a few heartbeats every few seconds, so the live tail (Toggle Live Tail) shows something.
  let serial = 0;
  const moving = setInterval(() => api.appendEvents(liveHeartbeats(api.dataset, Date.now(), 3, serial++)), LIVE_EVERY_MS);
  sandbox.writeUserSettings({
    'connectionAnalytics.baseUrl': api.url,
    'connectionAnalytics.profiles': [{ name: 'staging', baseUrl: staging.url }],
    'workbench.colorTheme': 'Default Dark Modern',
  });
  const server = await CodeServer.start(sandbox, { port: await portOr(Number(process.env.DEMO_PORT ?? 8080)) });
  const stop = async () => {
    clearInterval(moving);
    await server.stop();
    await api.close();
    await staging.close();
    sandbox.dispose();
  };
  onInterrupt(stop);

  const url = `${server.url}/?folder=${encodeURIComponent(sandbox.workspace)}`;
  console.log(`
  APIBricks Connection Analytics: demo

  VS Code (code-server): ${url}
  Fake Console API:      ${api.url} (${api.dataset.connections.length} connections, ${api.dataset.events.length} events)
  API key to enter:      demo
  Workspace (a temporary folder, deleted on Ctrl+C): ${sandbox.workspace}
  Profile "staging":     ${staging.url}, key ${STAGING_KEY}

  1. Open the URL in a browser (from another machine: ssh -L ${new URL(server.url).port}:127.0.0.1:${new URL(server.url).port} …).
  2. Click the Connection Analytics icon in the activity bar, then Set API Key, and enter: demo
  3. Query Events → Last 24 hours, and browse the connections.
  4. Toggle Live Tail (the broadcast button): new heartbeats arrive every ${LIVE_EVERY_MS / 1000} s.
  5. Switch Profile (the status bar's "default") to staging, Set API Key with ${STAGING_KEY}: another organization.

  Press Ctrl+C to stop.
`);
}

/** The key of the demo's second profile. */
const STAGING_KEY = 'staging-demo';

/** How often the demo's data moves. */
const LIVE_EVERY_MS = 4000;

/** The preferred port when it is free on 127.0.0.1, otherwise any free one. */
function portOr(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(freePort()));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
