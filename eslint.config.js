// ESLint 9 flat config: typescript-eslint's recommended rules everywhere, Microsoft's
// office-addins rules (no context.sync() in loops, nothing read before load + sync) over
// the source, and the React hooks rules over the React code.
'use strict';
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.es2021 } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The plugin's own "recommended" preset drags in prettier formatting; take its rules only.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'warn',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/workbench/**/*.{ts,tsx}', 'src/commands/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser, Office: 'readonly', Excel: 'readonly' } },
  },
  {
    files: ['src/excel/**/*.ts', 'src/simulator/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, Office: 'readonly', Excel: 'readonly' } },
  },
  {
    // Node-side code: CommonJS scripts, the CLI, tests, benchmarks, configs.
    files: [
      '*.js',
      'bin/**/*.js',
      'scripts/**/*.js',
      'test/**/*.{ts,tsx,js}',
      'bench/**/*.ts',
      'src/cli/**/*.ts',
      'src/workbook/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ['*.js', 'bin/**/*.js', 'scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
