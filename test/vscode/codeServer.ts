import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A real VS Code for tests, demos and screenshots on machines without
 * internet: code-server (VS Code's own server and workbench, with a real Node
 * extension host), installed on demand into an ignored folder the way
 * @vscode/test-electron caches VS Code in .vscode-test/.
 */
export const CODE_SERVER_VERSION = '4.100.3';
/** VS Code 1.100.3; `engines.vscode` and `@types/vscode` must not be newer. */
export const VSCODE_VERSION = '1.100.3';

export const ROOT = path.resolve(__dirname, '../../..');
const CACHE = path.join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const BIN = path.join(CACHE, 'node_modules', '.bin', 'code-server');

export function log(message: string): void {
  process.stderr.write(`[vscode-harness] ${message}\n`);
}

/** Installs code-server into .vscode-test/ unless it is there already; returns the binary. */
export function ensureCodeServer(): string {
  if (fs.existsSync(BIN) && fs.existsSync(path.join(CACHE, '.complete'))) {
    return BIN;
  }
  const rg = findOnPath('rg');
  if (!rg) {
    throw new Error('ripgrep is missing: code-server needs it. Install it with: apt-get install -y ripgrep');
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, CACHE)} (about 2 minutes, once)…`);
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(path.join(CACHE, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));

  // @vscode/ripgrep's postinstall downloads from GitHub; seed its cache with the system rg instead.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-code-server-install-'));
  const cache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(cache);
  fs.copyFileSync(rg, path.join(tmp, 'rg'));
  run('tar', ['czf', path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), 'rg'], tmp);

  const result = spawnSync('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CACHE,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      TMPDIR: tmp,
      // Its postinstall refuses to run as root otherwise; node-pty's runs `npx node-gyp` and would wait for a yes.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      // npm 11 skips dependency install scripts unless allowed. code-server's postinstall runs a nested
      // `npm install` in lib/vscode whose native modules need theirs, so allowing a list here is not
      // enough; this applies only to this pinned package, installed into its own cache folder.
      npm_config_dangerously_allow_all_scripts: 'true',
    },
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (result.status !== 0 || !fs.existsSync(BIN)) {
    throw new Error(`installing code-server ${CODE_SERVER_VERSION} failed (npm exit ${String(result.status)}); see the output above`);
  }
  fs.writeFileSync(path.join(CACHE, '.complete'), new Date().toISOString());
  return BIN;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed`);
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One isolated run: its own user data, extensions, HOME, XDG dirs and TMPDIR, removed by dispose(). */
export class Sandbox {
  readonly root: string;
  readonly userData: string;
  readonly extensions: string;
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(label: string) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `ca-${label}-`));
    this.userData = this.dir('user-data');
    this.extensions = this.dir('extensions');
    this.workspace = this.dir('workspace');
    const home = this.dir('home');
    this.env = {
      PATH: process.env.PATH,
      LANG: 'en_US.UTF-8',
      TZ: process.env.TZ ?? 'UTC',
      HOME: home,
      TMPDIR: this.dir('tmp'),
      XDG_CONFIG_HOME: this.dir('xdg/config'),
      XDG_DATA_HOME: this.dir('xdg/data'),
      XDG_CACHE_HOME: this.dir('xdg/cache'),
      XDG_STATE_HOME: this.dir('xdg/state'),
      XDG_RUNTIME_DIR: this.dir('xdg/runtime'),
    };
    fs.writeFileSync(path.join(this.workspace, 'README.md'), '# A workspace for trying Connection Analytics\n');
  }

  /** Writes the user settings.json before VS Code starts, e.g. the fake API's base URL. */
  writeUserSettings(settings: Record<string, unknown>): void {
    const dir = path.join(this.userData, 'User');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'workbench.enableExperiments': false,
          'telemetry.telemetryLevel': 'off',
          'extensions.autoUpdate': false,
          'extensions.autoCheckUpdates': false,
          'update.mode': 'none',
          'security.workspace.trust.enabled': false,
          ...settings,
        },
        null,
        2,
      ),
    );
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private dir(name: string): string {
    const dir = path.join(this.root, name);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }
}

export class CodeServer {
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly logFile: string,
  ) {
    child.once('exit', () => (this.exited = true));
  }

  /** Installs a .vsix into the sandbox's extensions folder. */
  static installExtension(sandbox: Sandbox, vsix: string): void {
    const result = spawnSync(
      ensureCodeServer(),
      ['--extensions-dir', sandbox.extensions, '--user-data-dir', sandbox.userData, '--install-extension', vsix],
      {
        env: sandbox.env,
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) {
      throw new Error(`installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
    }
  }

  static async start(sandbox: Sandbox, options: { port?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CodeServer> {
    const bin = ensureCodeServer();
    const port = options.port ?? (await freePort());
    const logFile = path.join(sandbox.root, 'code-server.log');
    const out = fs.openSync(logFile, 'a');
    const child = spawn(
      bin,
      [
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--user-data-dir',
        sandbox.userData,
        '--extensions-dir',
        sandbox.extensions,
        sandbox.workspace,
      ],
      // Its own process group, so that stop() ends the extension host and every helper with it.
      { env: { ...sandbox.env, ...options.env }, stdio: ['ignore', out, out], detached: true },
    );
    fs.closeSync(out);
    const server = new CodeServer(child, `http://127.0.0.1:${port}`, logFile);
    running.add(server);
    try {
      await server.waitHealthy(60_000);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** The last lines of code-server's log, for failure reports. */
  tail(lines = 60): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  async stop(): Promise<void> {
    running.delete(this);
    if (this.exited || this.child.pid === undefined) {
      return;
    }
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    killGroup(this.child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(this.child.pid!, 'SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }

  /** Synchronous last resort on process exit. */
  killNow(): void {
    if (!this.exited && this.child.pid !== undefined) {
      killGroup(this.child.pid, 'SIGKILL');
    }
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(`code-server exited during start-up:\n${this.tail()}`);
      }
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not become healthy within ${timeoutMs / 1000} s:\n${this.tail()}`);
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Every code-server still running, stopped on exit and on Ctrl+C. */
const running = new Set<CodeServer>();
const cleanups = new Set<() => unknown>();

/** Registers work to do when the process is interrupted; returns a function that unregisters it. */
export function onInterrupt(cleanup: () => unknown): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) {
      return;
    }
    interrupted = true;
    log(`${signal}: stopping…`);
    void Promise.allSettled([...cleanups].map((c) => c()))
      .then(() => Promise.allSettled([...running].map((s) => s.stop())))
      .then(() => process.exit(130));
  });
}
process.on('exit', () => {
  for (const server of running) {
    server.killNow();
  }
});
