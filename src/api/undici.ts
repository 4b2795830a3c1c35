import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici, required on first use rather than at activation: it is most of
 * the extension's code (about 520 KiB of 670), and nothing needs it before
 * the first request. The production build keeps it in a bundle of its own,
 * dist/undici.js (esbuild.js), which this `require` loads; under tsc it is
 * the package itself. Every value of undici's is reached through here (a
 * lint rule refuses value imports elsewhere); types are imported as types.
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose, see above
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
