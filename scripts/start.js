#!/usr/bin/env node
// `npm start`: build and serve the add-in on https://localhost:3000 (webpack serve), then
// sideload it into Excel where Excel desktop is installed (Windows, macOS). On Linux there
// is no Excel desktop: serve the workbench (the real task pane against a simulated
// workbook) and say how to sideload into Excel on the web.
//   npm start                 serve + sideload (Windows/macOS) or serve + instructions (Linux)
//   npm start -- --workbench  serve only, and print the workbench address
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const port = Number(process.env.OUTTURN_PORT || 3000);
const workbenchOnly = process.argv.includes('--workbench') || process.platform === 'linux';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd, args, opts = {}) {
  return spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...opts });
}

const server = run(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development'], {
  env: { ...process.env, OUTTURN_PORT: String(port) },
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));

setTimeout(() => {
  if (workbenchOnly) {
    console.log([
      '',
      'Outturn is being served.',
      `  Workbench (the task pane on a sample workbook, no Excel needed): https://localhost:${port}/workbench.html`,
      `    (if certificates could not be made, the server said so above: use http://localhost:${port}/workbench.html)`,
      '  To try it in Excel on the web: open a workbook at https://www.office.com, then',
      '    Home > Add-ins (or Insert > Add-ins) > More Add-ins > Upload My Add-in > choose manifest.xml from this folder.',
      '  Excel needs https://localhost:3000 to be trusted: run `npx office-addin-dev-certs install` once.',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'));
    return;
  }
  // office-addin-debugging is fetched by npx rather than installed: its native keytar
  // dependency does not build everywhere (it does not on Linux CI).
  const sideload = run(npx, ['--yes', 'office-addin-debugging', 'start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server-port', String(port)]);
  sideload.on('exit', (code) => {
    if (code !== 0) {
      console.log(`\nCould not sideload into Excel automatically. Open Excel, then Home > Add-ins > My Add-ins > Upload My Add-in > manifest.xml.\nWorkbench: https://localhost:${port}/workbench.html`);
    }
  });
}, 4000);
