import type { BenchSuite } from './figures';
import * as activation from './activationSuite';
import * as memory from './memorySuite';
import * as panel from './panelSuite';
import * as pipeline from './pipelineSuite';
import * as treePaint from './treePaintSuite';

/** The suites `npm run bench` runs, in this order; each is a module exporting `run(ctx)` (see figures.ts). */
export const suites: readonly (readonly [name: string, suite: BenchSuite])[] = [
  ['pipeline', pipeline],
  ['memory', memory],
  ['activation', activation],
  ['panel', panel],
  ['treePaint', treePaint],
];
