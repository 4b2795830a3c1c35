import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { CodeServer, log, onInterrupt, ROOT, Sandbox } from './codeServer';

/** The line test/integration/index.ts logs before mocha starts. */
const SUITE_START = 'Connection Analytics integration suite:';

/**
 * Runs test/integration (mocha inside the extension host) in a real VS Code:
 * code-server's workbench takes the extension under development and the test
 * entry through its `payload` URL parameter, as VS Code's own browser
 * integration tests do, and reports through codeAutomationLog/Exit.
 */
async function main(): Promise<number> {
  const extensionPath = ROOT;
  // The integration suite; the bench's activation measure (test/bench/activationSuite.ts) names its own entry.
  const testsPath = process.env.CA_TESTS_PATH ?? path.join(ROOT, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js')) || !fs.existsSync(testsPath)) {
    throw new Error('Build first: npm run build && npm run compile');
  }
  const sandbox = new Sandbox('integration');
  sandbox.writeUserSettings({});
  let server: CodeServer | undefined;
  const browser = await launchBrowser();
  const cleanup = async () => {
    await browser.close().catch(() => undefined);
    await server?.stop();
  };
  const unregister = onInterrupt(cleanup);
  try {
    server = await CodeServer.start(sandbox, {
      env: {
        CA_TEST_USER_DATA: sandbox.userData,
        CA_TEST_GREP: process.env.CA_TEST_GREP ?? '',
        CA_BENCH_OUT: process.env.CA_BENCH_OUT ?? '',
      },
    });
    const authority = new URL(server.url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(sandbox.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The workbench's own console output arrives here too: it is kept back, and shown only
    // on failure, until the suite's bootstrap announces itself.
    let started = false;
    const heldBack: string[] = [];
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = format(...(args as [unknown, ...unknown[]]));
      started ||= text.includes(SUITE_START);
      if (!started) {
        heldBack.push(`[${type}] ${text}`);
        return;
      }
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    log(`running the integration suite in VS Code ${server.url}`);
    await page.goto(url);
    // A guard against a hung host, not a budget: each test has its own timeout. The suite takes about a minute
    // alone and over five on a machine whose two cores run four other jobs.
    const timeoutMs = 15 * 60_000;
    const code = await Promise.race([exit, new Promise<number>((resolve) => setTimeout(() => resolve(-1), timeoutMs))]);
    if (code !== 0) {
      const shot = path.join(ROOT, 'test-results', 'integration-failure.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      log(code === -1 ? `timed out after ${timeoutMs / 1000} s` : `the suite failed (exit code ${code})`);
      log(`screenshot: ${path.relative(ROOT, shot)}`);
      log(`workbench console before the suite started:\n${heldBack.join('\n')}`);
      log(`code-server log (tail):\n${server.tail()}`);
    }
    return code === 0 ? 0 : 1;
  } finally {
    unregister();
    await cleanup();
    sandbox.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
