// ESLint for sls-eda's own code: typescript-eslint's type-aware recommended rules, plus the few that catch real mistakes in async CLI code.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    // Generated output, and the projects `new` writes (they carry their own tooling).
    ignores: ['dist/**', 'node_modules/**', 'src/templates/**', 'test/fixtures/**', 'coverage/**', 'oclif.manifest.json'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      // tsconfig.json builds src/ only; this one also covers the tests and benchmarks.
      parserOptions: {project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname},
    },
    rules: {
      // A promise nobody awaits loses its error and, in a CLI, races the exit code.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch over a union (formats, node kinds) must say what it does with a new member.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', {considerDefaultExhaustiveForUnions: true}],
      // The codebase writes `import type` for types only: keep module loading what it looks like (start-up time).
      '@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true}],
      // The code marks index reads it knows are present with `!` (the habit of noUncheckedIndexedAccess, which tsconfig may turn on).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // An async function may implement an async interface without awaiting anything (oclif hooks, fakes).
      '@typescript-eslint/require-await': 'off',
      // Stripping ANSI escape codes from terminal output is what these regular expressions are for.
      'no-control-regex': 'off',
      // Messages build text from numbers and unions of literals on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true, allowBoolean: true}],
    },
  },
  {
    // Human output goes through oclif's this.log / this.warn, or process streams where oclif is not loaded.
    files: ['src/**/*.ts'],
    rules: {'no-console': 'error'},
  },
  {
    // Tests read JSON reports and SDK responses whose shape they assert, not declare.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // expect(spy.method) and vi.fn() stand-ins are passed unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: {process: 'readonly', console: 'readonly', URL: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', performance: 'readonly'},
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {sourceType: 'commonjs'},
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
  prettier,
)
