import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../vscode/codeServer';
import { median, type BenchContext, type Figure } from './figures';
import type { ActivationReport } from './hostActivation';

/**
 * What activation costs. Both modes: the production bundle is built, then
 * required in plain Node (`vscode` stubbed) to see which of the extension's
 * files activation reads. A full run also starts a real VS Code (code-server,
 * through the integration harness) once per round and measures activation,
 * the bytes it loaded and the time to the Connections view's first data
 * there (hostActivation.ts).
 */
const KIB = 1024;
// Quick: what a noisy machine cannot swing (a byte count), wide enough for features that add code,
// tight enough that undici (~520 KiB) loaded at activation again fails CI.
const ACTIVATION_KIB = { max: 200, quick: 300 };

const sumKiB = (files: Readonly<Record<string, number>>) => Object.values(files).reduce((sum, size) => sum + size, 0) / KIB;

export async function run(ctx: BenchContext): Promise<Figure[]> {
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, stdio: 'ignore' });
  const loading = spawnSync(process.execPath, [path.join(__dirname, 'bundleLoad.js'), ROOT], { cwd: ROOT, encoding: 'utf8' });
  if (loading.status !== 0) {
    // A minified bundle's error quotes a whole line of it: the message and the stack are enough.
    throw new Error(
      `requiring dist/extension.js failed: ${loading.stderr
        .split('\n')
        .filter((l) => /Error|^\s+at /.test(l))
        .slice(0, 6)
        .join('\n')}`,
    );
  }
  const files = JSON.parse(loading.stdout) as Record<string, number>;
  const figures: Figure[] = [
    { name: 'activation: KiB loaded (Node, vscode stubbed)', value: sumKiB(files), unit: 'KiB', budget: ACTIVATION_KIB },
    { name: 'dist/extension.js', value: fs.statSync(path.join(ROOT, 'dist', 'extension.js')).size / KIB, unit: 'KiB' },
  ];
  if (ctx.quick) {
    return figures;
  }
  const reports: ActivationReport[] = [];
  for (let i = 0; i < ctx.rounds; i++) {
    reports.push(await inRealHost());
  }
  figures.push(
    {
      name: 'activation: KiB loaded (real extension host)',
      value: median(reports.map((r) => sumKiB(r.loadedAtActivation))),
      unit: 'KiB',
      budget: ACTIVATION_KIB,
    },
    { name: 'activation: loading the bundle, ms (real extension host)', value: median(reports.map((r) => r.loadMs)), unit: 'ms' },
    {
      // By VS Code's own marks: loading the bundle, then activating it (the context, activate()); VS Code loads before it marks the start of activation.
      name: 'activation: loading + activate(), ms (real extension host)',
      value: median(reports.map((r) => r.loadMs + r.hostActivationMs)),
      unit: 'ms',
      budget: { max: 50 },
    },
    {
      name: 'activation: VS Code’s willActivate to didActivate, ms (host’s context and the call)',
      value: median(reports.map((r) => r.hostActivationMs)),
      unit: 'ms',
    },
    { name: 'key set and query to the view’s first data: ms', value: median(reports.map((r) => r.firstDataMs)), unit: 'ms' },
    { name: 'KiB loaded after the first query', value: median(reports.map((r) => sumKiB(r.loadedAfterQuery))), unit: 'KiB' },
  );
  return figures;
}

async function inRealHost(): Promise<ActivationReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-bench-activation-'));
  const out = path.join(dir, 'activation.json');
  try {
    await new Promise<void>((resolve, reject) => {
      // The harness prints its own progress; only a failure matters here.
      const child = spawn(process.execPath, [path.join(ROOT, 'out', 'test', 'vscode', 'runIntegration.js')], {
        cwd: ROOT,
        env: { ...process.env, CA_TESTS_PATH: path.join(__dirname, 'hostActivation.js'), CA_BENCH_OUT: out },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 && fs.existsSync(out) ? resolve() : reject(new Error(`activation run failed (${code}):\n${stderr}`)),
      );
    });
    return JSON.parse(fs.readFileSync(out, 'utf8')) as ActivationReport;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
