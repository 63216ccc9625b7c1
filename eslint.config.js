// ESLint 9 flat config: typescript-eslint's recommended rules everywhere, Microsoft's
// office-addins rules (no context.sync() in loops, nothing read before load + sync) over
// the source, and the React hooks rules over the React code.
'use strict';
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');
const { builtinModules } = require('node:module');

/*
 * The layers (docs/ARCHITECTURE.md), enforced on imports: the engine imports nothing of
 * ours outside itself; sign-off only the engine; the application layer only those two and
 * no React, Office or Node; the Office.js adapter never the simulator; the task pane never
 * the file-based workbook code, the command line or Node.
 */
const OUR_FOLDERS = [
  'app',
  'cli',
  'commands',
  'dialog',
  'engine',
  'excel',
  'signoff',
  'simulator',
  'taskpane',
  'workbench',
  'workbook',
];
/** An import of one of our top-level folders from anywhere below src/ ('../signoff/trail', '../../workbook'). */
const ourFolder = (names, why) => ({ regex: `^(\\.\\./)+(${names.join('|')})(/|$)`, message: why });
const NODE_BUILTINS = {
  group: ['node:*', ...builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`])],
  message: 'Node built-ins run in the command line only.',
};
const UI_LIBRARIES = {
  group: [
    'react',
    'react/*',
    'react-dom',
    'react-dom/*',
    '@fluentui/*',
    '@microsoft/office-js',
    '@microsoft/office-js/*',
  ],
  message: 'React, Fluent UI and Office.js belong to the pane and the Office.js adapter.',
};
const layer = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
const except = (...keep) => OUR_FOLDERS.filter((f) => !keep.includes(f));

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
  layer(
    ['src/engine/**/*.{ts,tsx}'],
    ourFolder(except('engine'), 'The engine is the lowest layer: it imports nothing of ours outside src/engine.'),
    NODE_BUILTINS,
    UI_LIBRARIES,
  ),
  layer(
    ['src/signoff/**/*.{ts,tsx}'],
    ourFolder(except('engine', 'signoff'), 'Sign-off imports only the engine.'),
    NODE_BUILTINS,
    UI_LIBRARIES,
  ),
  layer(
    ['src/app/**/*.{ts,tsx}'],
    ourFolder(except('engine', 'signoff', 'app'), 'The application layer imports only the engine and sign-off.'),
    NODE_BUILTINS,
    UI_LIBRARIES,
  ),
  layer(['src/excel/**/*.{ts,tsx}'], ourFolder(['simulator'], 'The Office.js adapter never imports the simulator.')),
  layer(
    ['src/taskpane/**/*.{ts,tsx}'],
    ourFolder(['workbook', 'cli'], 'The task pane never imports the file-based workbook code or the command line.'),
    NODE_BUILTINS,
  ),
);
