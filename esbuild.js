// Bundles the extension (Node, CommonJS, `vscode` external) into dist/.
// `node esbuild.js --production` minifies and writes a metafile; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build errors in the problem-matcher format of the `esbuild` task in .vscode/tasks.json. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

async function main() {
  const context = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: production,
    logLevel: 'silent',
    plugins: watch ? [problemMatcher] : [],
  });
  if (watch) {
    await context.watch();
    return;
  }
  const result = await context.rebuild();
  await context.dispose();
  if (result.metafile) {
    fs.writeFileSync(path.join('dist', 'meta.json'), JSON.stringify(result.metafile));
    const bytes = fs.statSync('dist/extension.js').size;
    console.log(`dist/extension.js: ${(bytes / 1024).toFixed(0)} KiB (analyse dist/meta.json at https://esbuild.github.io/analyze/)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
