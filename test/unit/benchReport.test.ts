import * as assert from 'node:assert/strict';
import { benchmarksMarkdown, clashingFigures, type BenchResults } from '../bench/report';
import { treeRatioFigure, treeTimeFigure, type TreeTimes } from '../bench/treeFigures';

/** BENCHMARKS.md's row of a figure name, as its cells (the figure's name first, the budget last). */
function row(markdown: string, name: string): string[] | undefined {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${name} |`));
  return line
    ?.split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('bench: BENCHMARKS.md from the tree’s figures', () => {
  // One size one response holds (the whole result grouped), one reached by Load Older (the last page added).
  const whole: TreeTimes = { size: 100_000, paged: false, tree: 120, walk: 4 };
  const paged: TreeTimes = { size: 1_000_000, paged: true, tree: 900, walk: 45 };
  const results: BenchResults = {
    date: '2026-11-30',
    machine: 'test',
    node: 'v20',
    rounds: 5,
    sizes: [100_000, 1_000_000],
    figures: [whole, paged].flatMap((times) =>
      [treeRatioFigure(times), treeTimeFigure(times)].filter((f) => f !== undefined).map((f) => ({ ...f, suite: 'panel' })),
    ),
  };
  const markdown = benchmarksMarkdown(results);

  it('shows every figure the suite measured: the ratio and the time of one size are two rows', () => {
    assert.ok(markdown.includes('30.00×'), `the tree ÷ walk ratio at 100k (30.00×) is in BENCHMARKS.md:\n${markdown}`);
    assert.ok(markdown.includes('120 ms'), 'the tree’s time at 100k is in BENCHMARKS.md');
  });

  it('labels each row for what it measured: no row of times holds a ratio, no row of the whole grouping the last page’s', () => {
    for (const line of markdown.split('\n').filter((l) => l.startsWith('| tree'))) {
      const cells = line
        .split('|')
        .slice(2, -2)
        .map((cell) => cell.trim())
        .filter(Boolean);
      const units = new Set(cells.map((cell) => (cell.endsWith('×') ? 'ratio' : cell.split(' ').pop())));
      assert.ok(units.size <= 1, `one unit per row: ${line}`);
    }
    const grouping = row(markdown, 'tree: group + root nodes + largest connection’s children');
    assert.ok(
      grouping === undefined || grouping[2] === '',
      `the whole grouping's row has nothing at 1M (a page was timed there): ${grouping?.join(' | ')}`,
    );
  });

  it('a run whose figures would share a cell fails, naming them; the tree’s figures share none', () => {
    assert.deepEqual(clashingFigures(results.figures), []);
    const ms = { name: 'x', size: 1000, value: 3, unit: 'ms', suite: 'panel' } as const;
    assert.deepEqual(clashingFigures([ms, { ...ms, value: 2, unit: 'ratio' }, { ...ms, suite: 'pipeline' }, { ...ms, size: 10_000 }]), [
      'panel: “x” at 1k events twice (3.0 ms, 2.00×)',
    ]);
  });
});
