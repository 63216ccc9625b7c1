// Builds the add-in's pages into dist/web:
//   taskpane.html  the task pane
//   commands.html  the ribbon's function file (runCheck)
//   dialog.html    the small message the ribbon's Check shows (Office.context.ui.displayDialogAsync)
//   workbench.html the same task pane beside a simulated workbook: no Office.js, no Excel needed
// Office.js: a production build loads it from Microsoft's CDN, as Microsoft recommends for
// production add-ins (AppSource requires it); the dev server and test builds (`--env officeJs=local`)
// serve the @microsoft/office-js package's copy from /office-js/, so built pages boot offline
// with the real library, in Office or outside it.
// `webpack serve` serves them on https://localhost:3000 with office-addin-dev-certs, or on
// plain http with a message when certificates cannot be made (e.g. no rights to trust a CA).
// Deploying: `OUTTURN_URL=https://outturn.example.gov.uk npm run build` writes the production
// manifest for that address (scripts/manifest.js) to dist/manifest.xml, for the Microsoft 365
// admin centre, and beside the pages in dist/web (docs/DEPLOY.md). Without OUTTURN_URL the
// pages carry the development manifest (https://localhost:3000).
'use strict';
const path = require('path');
const fs = require('fs');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { parseBaseUrl, productionManifest } = require('./scripts/manifest');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_LOCAL = 'office-js/office.js';
const OFFICE_JS_DIST = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
const PORT = Number(process.env.OUTTURN_PORT || 3000);

/** ExcelJS is for the command line only; the pane reads workbooks through Office.js. Fail the build if it sneaks in. */
class NoExcelJsInBrowser {
  apply(compiler) {
    compiler.hooks.compilation.tap('NoExcelJsInBrowser', (compilation) => {
      compilation.hooks.finishModules.tap('NoExcelJsInBrowser', (modules) => {
        for (const m of modules) {
          if (m.resource && /node_modules[\\/]exceljs[\\/]/.test(m.resource)) {
            compilation.errors.push(
              new Error(`exceljs must not be bundled for the browser (pulled in via ${m.resource}).`),
            );
            return;
          }
        }
      });
    });
  }
}

/** The production manifest also goes one folder up (dist/manifest.xml): the file an administrator uploads. */
class ManifestBesidePages {
  constructor(xml) {
    this.xml = xml;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap('ManifestBesidePages', () => {
      fs.writeFileSync(path.resolve(compiler.options.output.path, '..', 'manifest.xml'), this.xml);
    });
  }
}

/** The base address from OUTTURN_URL (or `--env url=`), null when neither is given; a wrong one stops the build. */
function deployBase(env) {
  const raw = env.url || process.env.OUTTURN_URL;
  if (!raw) return null;
  const base = parseBaseUrl(raw);
  if (base instanceof Error) {
    console.error(`\noutturn: ${base.message}\n`);
    process.exit(2);
  }
  return base;
}

async function httpsOptions() {
  if (process.env.OUTTURN_HTTP === '1') return null;
  try {
    const devCerts = require('office-addin-dev-certs');
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    const why = String((err && err.message) || err).split('\n')[0];
    console.warn(
      `\noutturn: could not make a trusted localhost certificate (${why}).\n` +
        `outturn: serving over plain http instead: http://localhost:${PORT}/workbench.html works in a browser, ` +
        'but Excel needs https to load the add-in. Run `npx office-addin-dev-certs install` and start again.\n',
    );
    return null;
  }
}

/**
 * The engine needs England and Wales bank holidays only. date-holidays ships every
 * country's rules (about 400 KB) and, through moment-timezone, every time zone (about
 * 700 KB); give the browser bundle GB's rules and the Europe/London zone instead.
 */
function slimCalendarData() {
  const dir = path.resolve(__dirname, 'node_modules/.cache/outturn-web');
  fs.mkdirSync(dir, { recursive: true });
  const { data } = require('date-holidays/data');
  // Written only when changed, so `webpack serve` does not see a fresh file and rebuild.
  const write = (file, text) => {
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  };
  const holidaysFile = path.join(dir, 'date-holidays-gb.js');
  write(holidaysFile, `export const data = ${JSON.stringify({ ...data, holidays: { GB: data.holidays.GB } })};\n`);
  const tz = require('moment-timezone/data/packed/latest.json');
  const london = (z) => z.startsWith('Europe/London|');
  const zonesFile = path.join(dir, 'moment-timezone-london.json');
  write(
    zonesFile,
    JSON.stringify({
      version: tz.version,
      zones: tz.zones.filter(london),
      links: tz.links.filter(london),
      countries: [],
    }),
  );
  return [
    // moment (under moment-timezone) would bundle every locale; dates here are formatted by hand.
    new webpack.IgnorePlugin({ resourceRegExp: /^\.\/locale$/, contextRegExp: /moment$/ }),
    // The engine loads date-holidays lazily with require() (src/engine/calendar/working-days.ts), which
    // would pick its CommonJS build and every country's data: point it at the ES build, whose data
    // file is replaced by GB's just below.
    new webpack.NormalModuleReplacementPlugin(
      /^date-holidays$/,
      path.resolve(__dirname, 'node_modules/date-holidays/src/index.js'),
    ),
    new webpack.NormalModuleReplacementPlugin(/date-holidays[\\/]src[\\/]data\.js$/, holidaysFile),
    new webpack.NormalModuleReplacementPlugin(/moment-timezone[\\/]data[\\/]packed[\\/]latest\.json$/, zonesFile),
  ];
}

/** The HTML pages: Office.js (CDN or local copy) in the three Office loads; none in the workbench. */
function pages(only, officeJs) {
  const all = [
    { filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], officeJs },
    { filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'], officeJs },
    { filename: 'dialog.html', template: './src/dialog/dialog.html', chunks: ['dialog'], officeJs },
    { filename: 'workbench.html', template: './src/workbench/workbench.html', chunks: ['workbench'] },
    // `--env e2e`: the end-to-end pane that `npm run test:e2e` sideloads (test/e2e).
    { filename: 'e2e.html', template: './test/e2e/src/e2e.html', chunks: ['e2e'], officeJs },
  ];
  return all.filter((p) => !only || only.split(',').includes(p.chunks[0])).map((p) => new HtmlWebpackPlugin(p));
}

/**
 * The files of the office-js package a local Office.js needs: office.js loads its host
 * script (excel-web-16.00.js, excel-win32-16.01.js, excel-mac-16.00.js …), a few helpers
 * and its strings from its own folder. Debug builds, other hosts and other languages
 * (80 MB in all) are left out.
 */
function localOfficeJs() {
  // Already minified by Microsoft: `minimized` keeps Terser off them (it would take minutes).
  const from = (glob) => ({
    from: glob,
    context: OFFICE_JS_DIST,
    to: 'office-js/',
    globOptions: { ignore: ['**/*.debug.js'] },
    noErrorOnMissing: true,
    info: { minimized: true },
  });
  return [
    from('office.js'),
    from('excel-*.js'),
    from('o15apptofilemappingtable.js'),
    from('es6-promise.js'),
    from('telemetry/**'),
    from('ariatelemetry/**'),
    from('en-us/**'),
    from('en-gb/**'),
  ];
}

/** 'local' unless a production build asks for the CDN (the default for `npm run build`). */
function officeJsSource(env, production) {
  if (env.officeJs === 'local' || env.officeJs === 'cdn') return env.officeJs;
  return production ? 'cdn' : 'local';
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const serving = Boolean(process.env.WEBPACK_SERVE);
  const https = serving ? await httpsOptions() : null;
  const officeJs = officeJsSource(env, production && !serving);
  const only = env.only ? String(env.only) : '';
  const base = serving ? null : deployBase(env);
  const manifest = base ? productionManifest(base) : null;
  if (production && !serving && !base && !env.outDir) {
    console.warn(
      '\noutturn: no OUTTURN_URL, so dist/web/manifest.xml is the development manifest (https://localhost:3000). ' +
        'To deploy: OUTTURN_URL=https://<your host> npm run build (docs/DEPLOY.md).\n',
    );
  }
  const tenantId = (process.env.OUTTURN_ENTRA_TENANT_ID || '').trim();
  if (process.env.OUTTURN_ENTRA_CLIENT_ID && !tenantId && !serving) {
    console.warn(
      '\noutturn: OUTTURN_ENTRA_CLIENT_ID without OUTTURN_ENTRA_TENANT_ID: signers are verified against the tenant ' +
        'Office reports for them (else any organisation). Set OUTTURN_ENTRA_TENANT_ID to your directory (tenant) id ' +
        'for a single-tenant registration (docs/DEPLOY.md).\n',
    );
  }
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    // `--env only=workbench` (or `only=taskpane,dialog`) builds some pages (the browser tests need few).
    entry: Object.fromEntries(
      Object.entries({
        taskpane: './src/taskpane/index.tsx',
        commands: './src/commands/commands.ts',
        dialog: './src/dialog/dialog.ts',
        workbench: './src/workbench/index.tsx',
        ...(env.e2e ? { e2e: './test/e2e/src/e2e-taskpane.ts' } : {}),
      }).filter(([name]) => !only || only.split(',').includes(name)),
    ),
    output: {
      path: path.resolve(__dirname, env.outDir || 'dist/web'),
      filename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // The pane's bundle holds the engine, the Office.js adapter and React; Node built-ins
      // some libraries mention (date-holidays' optional loaders) are not needed in a browser.
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: !production } },
          },
        },
      ],
    },
    stats: serving ? 'minimal' : 'normal',
    performance: { hints: production ? 'warning' : false, maxEntrypointSize: 1_600_000, maxAssetSize: 1_600_000 },
    plugins: [
      new NoExcelJsInBrowser(),
      // Outturn's xlsx reader (src/workbook/xlsx, read in the pane for "Compare with the previous
      // return…") names node:zlib; in the browser the fallback above leaves it out and fflate inflates.
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, '');
      }),
      ...slimCalendarData(),
      // Which Entra ID app registration nested app authentication uses (empty: none, signers are not verified).
      new webpack.DefinePlugin({
        'process.env.OUTTURN_ENTRA_CLIENT_ID': JSON.stringify(process.env.OUTTURN_ENTRA_CLIENT_ID || ''),
        // The directory (tenant) the registration is in: MSAL's authority (empty: see src/excel/identity.ts).
        'process.env.OUTTURN_ENTRA_TENANT_ID': JSON.stringify(tenantId),
      }),
      ...pages(only, officeJs === 'cdn' ? OFFICE_JS_CDN : OFFICE_JS_LOCAL).filter(
        (p) => env.e2e || p.userOptions.filename !== 'e2e.html',
      ),
      ...(manifest ? [new ManifestBesidePages(manifest)] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          manifest
            ? { from: 'manifest.xml', to: 'manifest.xml', transform: () => manifest }
            : { from: 'manifest.xml', to: 'manifest.xml' },
          ...(officeJs === 'local' && only !== 'workbench' ? localOfficeJs() : []),
        ],
      }),
    ],
    devServer: {
      port: PORT,
      host: 'localhost',
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      server: https ? { type: 'https', options: https } : { type: 'http' },
      client: { overlay: { warnings: false, errors: true } },
      open: false,
    },
  };
};
