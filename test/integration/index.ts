import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

function vscodeVersion(): string {
  return vscode.version;
}

/**
 * The standard mocha bootstrap that a VS Code extension host loads as
 * `extensionTestsPath`: under @vscode/test-electron and under this project's
 * code-server harness alike.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.CA_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  // The harness prints the extension host's output from this line on.
  console.log(`Connection Analytics integration suite: VS Code ${vscodeVersion()}, Node ${process.version}`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
