#!/usr/bin/env node
// `npm start`: build and serve the add-in on https://localhost:3000 (webpack serve), then
// sideload it into Excel where Excel desktop is installed (Windows, macOS). On Linux there
// is no Excel desktop: serve the workbench (the real task pane against a simulated
// workbook) and say how to sideload into Excel on the web.
//   npm start                 serve + sideload (Windows/macOS) or serve + instructions (Linux)
//   npm start -- --workbench  serve only, and print the workbench address
'use strict';
const { spawn, spawnSync } = require('child_process');
const https = require('https');
const http = require('http');
const path = require('path');

const root = path.resolve(__dirname, '..');
const port = Number(process.env.OUTTURN_PORT || 3000);
const workbenchOnly = process.argv.includes('--workbench') || process.platform === 'linux';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

// Every process started here, so that stopping `npm start` (Ctrl+C, or SIGTERM to its
// process id) stops all of them and nothing is left serving on the port.
const children = new Set();

function run(cmd, args, opts = {}) {
  // On POSIX each child leads its own process group (detached), so the group can be
  // signalled as a whole: webpack's workers and anything npx starts go with it.
  const child = spawn(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    detached: process.platform !== 'win32',
    ...opts,
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Signal a child and everything under it. */
function killTree(child, sig) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    if (process.platform === 'win32')
      spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      /* already gone */
    }
  }
}

let stopping = false;
function stop(sig) {
  if (stopping) return;
  stopping = true;
  for (const child of children) killTree(child, sig);
  // A server that does not stop within five seconds is stopped for good.
  setTimeout(() => {
    for (const child of children) killTree(child, 'SIGKILL');
    process.exit(sig === 'SIGINT' ? 130 : 143);
  }, 5000).unref();
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
// `npm start` runs this script under `sh -c`; a SIGTERM to npm's process id ends npm and the
// shell but is not passed on to this script. So watch the parent: once it is gone, stop.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) stop('SIGTERM');
}, 500).unref();
// Whatever ends this process, the children end with it.
process.on('exit', () => {
  for (const child of children) killTree(child, 'SIGKILL');
});

const server = run(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development'], {
  env: { ...process.env, OUTTURN_PORT: String(port) },
});
server.on('exit', (code, signal) => {
  for (const child of children) killTree(child, 'SIGTERM');
  process.exit(code ?? (signal ? 0 : 1));
});

/** Which scheme the dev server answers on (https with dev certificates, else the http fallback); null while it is not up. */
function probe() {
  const get = (lib, url) =>
    new Promise((resolve) => {
      const req = lib.get(url, { rejectUnauthorized: false, timeout: 180_000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
    });
  return get(https, `https://localhost:${port}/workbench.html`).then((ok) =>
    ok ? 'https' : get(http, `http://localhost:${port}/workbench.html`).then((ok2) => (ok2 ? 'http' : null)),
  );
}

async function whenServed() {
  for (let i = 0; i < 600; i++) {
    const scheme = await probe();
    if (scheme) return scheme;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return null;
}

whenServed().then((scheme) => {
  if (!scheme) return;
  if (workbenchOnly) {
    console.log(
      [
        '',
        'Outturn is being served.',
        `  Workbench (the task pane on a sample workbook, no Excel needed): ${scheme}://localhost:${port}/workbench.html`,
        '  To try it in Excel on the web: open a workbook at https://www.office.com, then',
        '    Home > Add-ins (or Insert > Add-ins) > More Add-ins > Upload My Add-in > choose manifest.xml from this folder.',
        scheme === 'https'
          ? `  The add-in is served on https://localhost:${port}; your browser must trust the Office dev certificate (npx office-addin-dev-certs install).`
          : '  Excel needs https: run `npx office-addin-dev-certs install` (it needs the rights to trust a certificate), then npm start again.',
        port === 3000 ? '' : `  Note: manifest.xml points at port 3000, not ${port}.`,
        'Press Ctrl+C to stop.',
        '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return;
  }
  // office-addin-debugging is fetched by npx rather than installed: its native keytar
  // dependency does not build everywhere (it does not on Linux CI).
  const sideload = run(npx, [
    '--yes',
    'office-addin-debugging',
    'start',
    'manifest.xml',
    'desktop',
    '--app',
    'excel',
    '--dev-server-port',
    String(port),
  ]);
  sideload.on('exit', (code) => {
    if (code !== 0) {
      console.log(
        `\nCould not sideload into Excel automatically. Open Excel, then Home > Add-ins > My Add-ins > Upload My Add-in > manifest.xml.\nWorkbench: ${scheme}://localhost:${port}/workbench.html`,
      );
    }
  });
});
