import { BUDGET_EVENTS, perEventBudget, type Figure } from './figures';
import { formatSize } from './report';

/** The smallest workload whose tree ratio has a budget. */
const TREE_RATIO_FROM = 30_000;

/**
 * What the panel suite measured of the tree at one size: `tree`, the tree's work in ms (`paged`: the last page of
 * BUDGET_EVENTS events added, as Load Older reaches a result larger than one response); `walk`, a walk over the events
 * that reads each one's ID and connection, in ms.
 */
export interface TreeTimes {
  readonly size: number;
  readonly paged: boolean;
  readonly tree: number;
  readonly walk: number;
}

/** The tree's work when one response holds the result: the whole result grouped. */
const WHOLE = 'tree: group + root nodes + largest connection’s children';

/**
 * The tree's work against the walk over the same events: a ratio a noisy machine swings less than a time. Only where the
 * whole result is grouped: a page added (`paged`) is other work than the walk over every event, and its time has a row
 * of its own. Named apart from the time, as every figure is: one name is one row of BENCHMARKS.md.
 */
export function treeRatioFigure({ size, paged, tree, walk }: TreeTimes): Figure | undefined {
  if (paged) {
    return undefined;
  }
  return {
    name: `${WHOLE} ÷ a walk over the events`,
    size,
    value: tree / walk,
    unit: 'ratio',
    // Below 30k events the walk takes well under a millisecond and the root page's 500 items are most of the
    // tree's work, so the ratio swings with the machine: only larger sizes are held to it, and in quick mode
    // only a several-fold regression fails.
    budget: size >= TREE_RATIO_FROM ? { max: 40, quick: 200 } : undefined,
  };
}

/** The tree's work in ms (full runs only). */
export function treeTimeFigure({ size, paged, tree }: TreeTimes): Figure {
  return {
    name: paged ? `tree: last page of ${formatSize(BUDGET_EVENTS)} added + root nodes + largest connection’s children` : WHOLE,
    size,
    value: tree,
    unit: 'ms',
    budget: { max: perEventBudget(150, size) },
  };
}
