// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The rule that keeps undici out of activation (see src/api/undici.ts). */
const UNDICI_LAZILY = {
  name: 'undici',
  allowTypeImports: true,
  message: 'undici is loaded on first use: call undici() from src/api/undici.ts, and import its types with `import type`.',
};

/** The rules that keep classic zod out of the bundle: it is not tree-shakable, and activation would load all of it. */
const ZOD_MINI = ['zod', 'zod/v4'].map((name) => ({
  name,
  message: "Import 'zod/mini' (tree-shakable); refusals are worded in src/core/issues.ts.",
}));

/**
 * A zod schema made at a module's top level is made when the bundle loads, at activation (a third of
 * loading it, measured): schemas are made on first use, inside core/lazy's `lazy(() => …)`.
 */
const TOP_LEVEL = ':matches(Program, Program > ExportNamedDeclaration) > VariableDeclaration > VariableDeclarator';
const SCHEMAS_LAZILY = [
  `${TOP_LEVEL} > CallExpression[callee.object.name='z']`,
  `${TOP_LEVEL} > CallExpression[callee.object.callee.object.name='z']`,
].map((selector) => ({
  selector,
  message: 'Make zod schemas on first use: `lazy(() => z.…)` (src/core/lazy.ts), not when the bundle loads.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.vscode-test-server/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      curly: 'error',
      'no-console': 'off',
    },
  },
  {
    // Type-aware lint: the whole recommended set for the product's code.
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    // And for the tests, the rules that catch a test that passes without waiting for what it checks.
    files: ['test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // undici loads on the first request, not at activation: its values only through src/api/undici.ts. zod is zod/mini.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [UNDICI_LAZILY, ...ZOD_MINI] }],
      'no-restricted-syntax': ['error', ...SCHEMAS_LAZILY],
    },
  },
  {
    // The pure layers: plain mocha tests them without an editor.
    files: ['src/api/**/*.ts', 'src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'src/api and src/core stay free of vscode; move this to src/views, src/commands or the composition root.',
            },
            UNDICI_LAZILY,
            ...ZOD_MINI,
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
