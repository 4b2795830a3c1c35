import type * as OnDemand from './onDemand';

let loaded: typeof OnDemand | undefined;

/**
 * The command bodies of onDemand.ts, required on the first command that needs one rather than at
 * activation: export, Copy for Support, Compare, Show Connection, saved queries, the live tail's
 * commands, Switch Profile and the query prompt. The production build keeps them in a bundle of their own,
 * dist/commands.js (esbuild.js), which this `require` loads; under tsc it is the module itself.
 * The commands are still registered at activation (commands/index.ts); only their bodies wait.
 */
export function onDemand(): typeof OnDemand {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose, see above
  loaded ??= require('./onDemand') as typeof OnDemand;
  return loaded;
}
