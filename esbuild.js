// Four bundles into dist/: the extension (Node, CommonJS, `vscode` external), what it loads after
// activation (undici on its first request; the bodies of commands such as export, Copy for Support,
// Compare and saved queries on the first of them, src/commands/onDemand.ts), and the events panel's
// webview script (browser, IIFE), plus the codicon font the panel uses. What activation loads is
// dist/extension.js alone: BENCHMARKS.md's activation figures.
// `node esbuild.js --production` minifies and writes a metafile; `--watch` rebuilds on change and
// type-checks alongside with tsc (`--no-check-types` leaves that to the caller).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// esbuild strips types without checking them: in watch mode tsc checks alongside, unless the caller
// runs its own checker (VS Code's watch task runs tsc as a task of its own, for its problem matcher).
const checkTypes = watch && !process.argv.includes('--no-check-types');

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

const common = {
  bundle: true,
  minify: production,
  // Class names reach the log and notifications (`error.name`): minified, they would read "Ir".
  keepNames: true,
  sourcemap: !production,
  sourcesContent: false,
  metafile: production,
  logLevel: 'silent',
  plugins: watch ? [problemMatcher] : [],
};

/**
 * undici is most of the host side's code and no part of activation: src/api/undici.ts requires it on the
 * first request, and in the extension bundle that `require` names the bundle of its own beside it.
 */
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/**
 * The bodies of the commands that run only when the user runs them (src/commands/onDemand.ts) are no
 * part of activation either: src/commands/onDemandLoader.ts requires them on the first such command,
 * and in the extension bundle that `require` names the bundle of their own beside it. That bundle must
 * hold only pure code and command bodies: a class or module state in both bundles would be two
 * (test/unit/bundles.test.ts).
 */
const COMMANDS_ENTRY = path.resolve(__dirname, 'src', 'commands', 'onDemand.ts');
const commandsApart = {
  name: 'commands-apart',
  setup(build) {
    build.onResolve({ filter: /[\\/]onDemand$/ }, (args) =>
      path.resolve(args.resolveDir, `${args.path}.ts`) === COMMANDS_ENTRY ? { path: './commands.js', external: true } : undefined,
    );
  },
};

/**
 * `import * as vscode from 'vscode'` in a CommonJS bundle becomes, in every file that writes it, a copy of
 * the whole API object (esbuild's `__toESM`: a getter for each of its hundreds of names). At 27 files that
 * was the largest part of loading the extension. Bundled, each such import reads the API object itself
 * (`import vscode = require('vscode')`, which esbuild emits as a plain `require`): the same names, no copy.
 * The sources keep the usual import; any other value import of 'vscode' fails the build, so none slips past.
 */
const VSCODE_NAMESPACE_IMPORT = /^import \* as vscode from 'vscode';$/m;
const vscodeWithoutCopies = {
  name: 'vscode-without-copies',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source.replace(VSCODE_NAMESPACE_IMPORT, "import vscode = require('vscode');");
      const other = contents.match(/^import (?!type\b)(?!vscode = require).*from 'vscode';$/m);
      if (other) {
        return {
          errors: [{ text: `import vscode as \`import * as vscode from 'vscode'\` (the bundle reads the API object once): ${other[0]}` }],
        };
      }
      return { contents, loader: 'ts' };
    });
  },
};

/** The extension host side, without undici and without the command bodies loaded on demand. */
const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  plugins: [...common.plugins, undiciApart, commandsApart, vscodeWithoutCopies],
};

/** The command bodies, loaded by the extension on the first command that needs one. */
const commands = {
  ...extension,
  entryPoints: [COMMANDS_ENTRY],
  outfile: 'dist/commands.js',
  plugins: [...common.plugins, undiciApart, vscodeWithoutCopies],
};

/** undici, loaded by the extension on its first request. */
const undiciBundle = {
  ...common,
  entryPoints: ['undici'],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/undici.js',
};

/** The events panel, running in the webview: DOM only. */
const webview = {
  ...common,
  entryPoints: ['src/webview/main.ts'],
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outfile: 'dist/webview.js',
};

/** The codicon font and stylesheet, which the webview loads from the extension (not a CDN). */
function copyCodicons() {
  const from = path.join('node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join('dist', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

async function main() {
  const contexts = await Promise.all([extension, commands, undiciBundle, webview].map((options) => esbuild.context(options)));
  copyCodicons();
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    if (checkTypes) {
      const tsc = require.resolve('typescript/bin/tsc');
      for (const project of ['.', 'src/webview']) {
        require('node:child_process').spawn(process.execPath, [tsc, '-p', project, '--noEmit', '--watch', '--preserveWatchOutput'], {
          stdio: 'inherit',
        });
      }
    }
    return;
  }
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (production) {
    const inputs = {};
    const outputs = {};
    for (const { metafile } of results) {
      Object.assign(inputs, metafile.inputs);
      Object.assign(outputs, metafile.outputs);
    }
    fs.writeFileSync(path.join('dist', 'meta.json'), JSON.stringify({ inputs, outputs }));
    for (const file of ['dist/extension.js', 'dist/commands.js', 'dist/undici.js', 'dist/webview.js']) {
      console.log(`${file}: ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);
    }
    console.log('Analyse the bundles: dist/meta.json at https://esbuild.github.io/analyze/');
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

/** The bundles' options, for test/unit/bundles.test.ts to build them as `--production` would. */
module.exports = { extension, commands };
