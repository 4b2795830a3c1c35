import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT, VSCODE_VERSION } from './codeServer';

/**
 * The same integration suite under the ecosystem's standard runner,
 * @vscode/test-electron, for contributors whose machines can download VS Code
 * (it cannot on machines without internet; CI uses test/vscode/runIntegration.ts).
 */
async function main(): Promise<void> {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-electron-'));
  try {
    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
      launchArgs: ['--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
      extensionTestsEnv: { CA_TEST_USER_DATA: userData },
    });
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
