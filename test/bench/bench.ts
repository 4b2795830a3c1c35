import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../vscode/codeServer';
import type { BenchContext } from './figures';
import { benchmarksMarkdown, clashingFigures, describeMachine, formatSize, formatValue, missedBudget, type BenchResults } from './report';
import { suites } from './suites';

/**
 * `npm run bench`: every suite of suites.ts at 1k to 1M events, each figure a
 * median of rounds; writes bench-results.json and BENCHMARKS.md (generated
 * from it) and exits non-zero naming each budget missed.
 * `npm run bench -- --quick` (or BENCH_QUICK=1): small sizes, ratios and
 * byte sizes only, wide budgets, nothing written; CI runs it.
 * BENCH_ROUNDS (at least 5), BENCH_SUITES and BENCH_SIZES (comma-separated) change a run by hand:
 * a run of some suites replaces their figures in bench-results.json (a new suite's are added);
 * a run narrowed to some sizes writes nothing.
 */
const FULL_SIZES = [1_000, 10_000, 100_000, 1_000_000];
const QUICK_SIZES = [10_000, 30_000];

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const rounds = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 5));
  const only = process.env.BENCH_SUITES?.split(',').map((name) => name.trim());
  const sizes = process.env.BENCH_SIZES?.split(',').map(Number) ?? (quick ? QUICK_SIZES : FULL_SIZES);
  const ctx: BenchContext = { sizes, rounds, quick };
  console.log(
    `bench${quick ? ' (quick)' : ''}: ${ctx.sizes.map(formatSize).join(', ')} events, ${rounds} rounds, medians; ${describeMachine()}`,
  );
  const figures: BenchResults['figures'][number][] = [];
  for (const [name, suite] of suites) {
    if (only && !only.includes(name)) {
      continue;
    }
    const started = performance.now();
    const results = await suite.run(ctx);
    console.log(`\n${name} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    for (const figure of results) {
      const budget = quick ? figure.budget?.quick : figure.budget?.max;
      const size = figure.size === undefined ? '' : `${formatSize(figure.size)} events`;
      const limit = budget === undefined ? '' : `(budget ${formatValue(budget, figure.unit)})`;
      console.log(`  ${figure.name.padEnd(50)} ${size.padStart(11)} ${formatValue(figure.value, figure.unit).padStart(10)}  ${limit}`);
      figures.push({ ...figure, suite: name });
    }
  }
  // Two figures of one name and size would share a cell of BENCHMARKS.md: a bench's mistake, failed before anything is written.
  const clashes = clashingFigures(figures);
  for (const line of clashes) {
    console.error(`FIGURE NAMED TWICE: ${line}`);
  }
  if (!quick && !process.env.BENCH_SIZES && clashes.length === 0) {
    // A run of some suites replaces their figures in the last results and keeps the others'.
    const file = path.join(ROOT, 'bench-results.json');
    const kept =
      only && fs.existsSync(file)
        ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults).figures.filter((f) => !only.includes(f.suite))
        : [];
    const results: BenchResults = {
      date: new Date().toISOString().slice(0, 10),
      machine: describeMachine(),
      node: process.version,
      rounds,
      sizes: ctx.sizes,
      figures: [...kept, ...figures],
    };
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), benchmarksMarkdown(results));
    console.log('\nwrote bench-results.json and BENCHMARKS.md');
  }
  const missed = figures.map((figure) => missedBudget(figure, quick)).filter((line) => line !== undefined);
  for (const line of missed) {
    console.error(`BUDGET MISSED: ${line}`);
  }
  console.log(missed.length === 0 ? '\nall budgets held' : `\n${missed.length} budget(s) missed`);
  return missed.length === 0 && clashes.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
