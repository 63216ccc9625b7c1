/**
 * Every example in every --help text is a command that works, on the sample return the
 * repository ships (examples/corporate-pis-july-2017.xlsx) and with names from it: each is run
 * as printed, in a folder holding a copy of examples/, in the order a reader would follow them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = 'examples/corporate-pis-july-2017.xlsx';

/** The example lines under "Example:" / "Examples:" of a help text. */
function examples(help: string): string[] {
  const block = help.split(/\nExamples?:\n/)[1] ?? '';
  return block
    .split('\n\n')[0]
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('outturn '));
}

/** A command line as a shell would split it (double quotes only), and where `>` sends its output. */
function parse(line: string): { argv: string[]; redirect: string | null } {
  const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
  const at = words.indexOf('>');
  const redirect = at >= 0 ? words[at + 1] : null;
  return { argv: (at >= 0 ? words.slice(0, at) : words).slice(1), redirect };
}

/** What each command's example must end with: signing and withdrawing succeed; a check or an audit may report problems (1), never unusable input (2). */
const EXPECTED: Record<string, number[]> = { check: [0, 1], audit: [0, 1], sign: [0], withdraw: [0] };

test('every --help example runs as printed on the shipped sample, in order', async () => {
  const helps: string[] = [];
  for (const args of [
    ['--help'],
    ['check', '--help'],
    ['sign', '--help'],
    ['withdraw', '--help'],
    ['audit', '--help'],
  ]) {
    helps.push((await run(args)).stdout);
  }
  const lines = helps.flatMap(examples);
  expect(lines.length).toBeGreaterThanOrEqual(10);
  // Each names the shipped sample or a file an earlier example made from it; no made-up file.
  const made = new Set<string>([SAMPLE, 'examples/']);
  for (const line of lines) {
    const { argv } = parse(line);
    const input = argv[1];
    expect({ line, input, known: made.has(input) }).toEqual({ line, input, known: true });
    if (argv.includes('--out')) made.add(argv[argv.indexOf('--out') + 1]);
  }

  const dir = tmpDir();
  fs.mkdirSync(path.join(dir, 'examples'));
  fs.copyFileSync(path.join(ROOT, SAMPLE), path.join(dir, SAMPLE));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    for (const line of lines) {
      const { argv, redirect } = parse(line);
      // The clock is today's: the examples must work as a reader types them now, not only in 2017.
      const r = await run(argv, { now: new Date().toISOString() });
      expect({ line, code: EXPECTED[argv[0]].includes(r.code), stderr: r.stderr }).toEqual({
        line,
        code: true,
        stderr: '',
      });
      expect(r.stdout.length).toBeGreaterThan(0);
      if (redirect) fs.writeFileSync(redirect, r.stdout);
      const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : null;
      if (out) expect(fs.existsSync(out)).toBe(true);
    }
    // The files the examples say they make are there, and the chain of signatures verifies.
    expect(JSON.parse(fs.readFileSync('results.json', 'utf8'))).toBeTruthy();
    expect(fs.readFileSync('report.html', 'utf8')).toMatch(/<html/i);
    const audit = await run(['audit', 'corporate-pis-signed.xlsx', '--format', 'json']);
    const trail = JSON.parse(audit.stdout);
    expect(JSON.stringify(trail)).toMatch(/Alan Pritchard/);
    expect(JSON.stringify(trail)).toMatch(/HC04 under review/);
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
