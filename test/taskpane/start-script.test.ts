/**
 * `npm start` stops its whole process tree on SIGTERM and SIGINT: nothing is left serving
 * on the port and no process it started lives on (issue #9). Runs the real script (webpack
 * serve, development build) on a free port; POSIX only (it reads /proc for the tree).
 */
import { type ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const posix = process.platform === 'linux' && fs.existsSync('/proc/self/stat');
if (!posix) process.stderr.write('\nSKIPPED start-script.test.ts: needs Linux /proc to follow the process tree.\n');
const describeIf = posix ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Every live process descended from pid (children of children too), from /proc. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent)
      if (pp === p) {
        out.push(c);
        walk(c);
      }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** 'pid': the signal to npm's process id alone (`kill PID`); 'group': to its process group, as Ctrl+C in a terminal sends it. */
async function startAndStop(
  signal: NodeJS.Signals,
  to: 'pid' | 'group',
): Promise<{ served: boolean; tree: number[]; leftAlive: number[]; stillListening: boolean; exited: boolean }> {
  const port = await freePort();
  // `npm start`, as a user runs it: the process id stopped is npm's, with the script and the server below it.
  const child: ChildProcess = spawn(NPM, ['start', '--', '--workbench'], {
    cwd: ROOT,
    env: { ...process.env, OUTTURN_PORT: String(port), BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, like a command run in a terminal
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  child.stderr!.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<boolean>((resolve) => child.on('exit', () => resolve(true)));
  const deadline = Date.now() + 240_000;
  while (!out.includes('Outturn is being served') && Date.now() < deadline && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 500));
  const served = out.includes('Outturn is being served') && (await listening(port));
  const tree = descendants(child.pid!);
  if (to === 'group') process.kill(-child.pid!, signal);
  else child.kill(signal);
  const done = await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
  // npm itself may exit first; the script then notices and stops the rest: give it ten seconds.
  for (let i = 0; i < 40 && tree.some(alive); i++) await new Promise((r) => setTimeout(r, 250));
  const leftAlive = tree.filter(alive);
  const stillListening = await listening(port);
  for (const pid of leftAlive)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  if (!served) process.stderr.write(out.slice(-2000));
  return { served, tree, leftAlive, stillListening, exited: done };
}

describeIf('npm start (scripts/start.js)', () => {
  for (const [signal, to, how] of [
    ['SIGTERM', 'pid', "to npm start's process id (kill PID)"],
    ['SIGINT', 'group', 'to its process group (Ctrl+C)'],
  ] as const) {
    test(`${signal} ${how} stops the server and every process under it`, async () => {
      const r = await startAndStop(signal, to);
      expect(r.served).toBe(true);
      expect(r.tree.length).toBeGreaterThan(1); // npm started the script, and the script the server
      expect({ exited: r.exited, leftAlive: r.leftAlive, stillListening: r.stillListening }).toEqual({
        exited: true,
        leftAlive: [],
        stillListening: false,
      });
    }, 300_000);
  }
});
