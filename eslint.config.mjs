// piiguard's own source, linted with type information (`npm run lint`, run by `npm test`).
// Fixtures are users' code (each with its own config where a test lints it), and bench/.work is
// generated: neither is linted here. The tests use their own configs (overrideConfigFile).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'fixtures/',
      'bench/',
      'test/',
      'scripts/',
      'node_modules/',
      'test-artifacts/',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.js',
      'vitest.config.ts',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_name` marks a parameter or binding kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // SyntaxKind and other enums of the `ts` copy the core receives are compared as numbers on purpose (STYLE.md, habit 6).
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // ts.sys's methods are plain functions, passed around as TypeScript's own code passes them.
      '@typescript-eslint/unbound-method': 'off',
      // Commands share one async signature whether or not they wait for anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
