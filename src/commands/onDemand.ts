import { useHostLanguage } from '../l10n';

/**
 * The commands bundle (dist/commands.js, esbuild.js): the bodies of the commands that only run when
 * the user runs them, loaded on the first such command through onDemandLoader.ts rather than at
 * activation. Only pure code and command bodies belong here: anything with state or a class that is
 * checked with `instanceof` (services, the API client and its errors, the key store, the outcome
 * index) is passed in by the caller, or this bundle would hold a second copy of it
 * (test/unit/bundles.test.ts checks).
 */
useHostLanguage();

export { compareConnections } from './compare';
export { copyForSupport } from './copyForSupport';
export { exportResults, openResultsAsJson } from './exportResults';
export { liveTailHandlers } from './liveTail';
export { switchProfile } from './profiles';
export { promptForQuery } from './queryInput';
export { savedQueryHandlers } from './savedQueries';
export { showConnection } from './showConnection';
