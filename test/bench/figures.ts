/**
 * What a bench suite reports, and the plug-in point for suites: a module
 * exporting `run(ctx)` that resolves to its figures. The harness (bench.ts)
 * runs each suite listed in suites.ts, prints, checks budgets and writes
 * bench-results.json and BENCHMARKS.md.
 */

export type Unit = 'ratio' | 'ms' | 'bytes' | 'KiB' | 'MiB';

export interface Budget {
  /** The most a full run allows. */
  readonly max: number;
  /** The most a quick run allows: wide enough for a noisy machine, tight enough for a real regression. Unchecked in quick mode when absent. */
  readonly quick?: number;
}

export interface Figure {
  /** What was measured, the same at every size: figures of one name form a row of BENCHMARKS.md. */
  name: string;
  /** Events in the workload, when the figure depends on it. */
  size?: number;
  /** A median over the rounds, unless the name says otherwise (a peak, a byte count). */
  value: number;
  unit: Unit;
  budget?: Budget;
}

export interface BenchContext {
  /** Workload sizes in events: 1k to 1M for a full run, small ones for a quick run. */
  readonly sizes: readonly number[];
  /** Rounds per figure (at least 5): each figure is their median. */
  readonly rounds: number;
  readonly quick: boolean;
}

export interface BenchSuite {
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** The budgets are for 100,000 events; above that size, a time budget grows with the events (its "1M rule"). */
export const BUDGET_EVENTS = 100_000;

/** `ms` at {@link BUDGET_EVENTS} events or fewer, and as much per event above. */
export function perEventBudget(ms: number, size: number): number {
  return (ms * Math.max(size, BUDGET_EVENTS)) / BUDGET_EVENTS;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median time of `rounds` runs of `work` in milliseconds, after one warm-up run. */
export async function medianMs(rounds: number, work: () => unknown): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** The budget a figure is held to in this mode, if any. */
export function budgetFor(figure: Figure, quick: boolean): number | undefined {
  return quick ? figure.budget?.quick : figure.budget?.max;
}
