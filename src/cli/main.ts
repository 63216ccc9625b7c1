import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbookReadError, WorkbookWriteError } from '../workbook/errors';
import { CliError } from './errors';
import { MAIN_HELP } from './help';
import { CliIO, EXIT_OK, EXIT_UNUSABLE, processIO } from './io';

type Command = (args: string[], io: CliIO) => Promise<number>;

/**
 * Each command's module, loaded only when that command runs: a check need not load (nor
 * compile) the sign-off, register or compare code before it starts (issue #25: start-up was
 * most of a small check's time).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check')).runCheck,
  sign: async () => (await import('./sign')).runSign,
  withdraw: async () => (await import('./withdraw')).runWithdraw,
  audit: async () => (await import('./audit')).runAudit,
  register: async () => (await import('./register')).runRegister,
  compare: async () => (await import('./compare')).runCompare,
  restate: async () => (await import('./restate')).runRestate,
  report: async () => (await import('./report')).runReport,
  repair: async () => (await import('./repair')).runRepair,
};

/**
 * The `outturn` command. Returns the exit status; never throws and never shows a stack
 * trace: every failure becomes one line on stderr ("outturn: …"), and an unexpected one
 * also says how to see the details.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      if (first === 'help' && rest[0] && COMMANDS[rest[0]]) return await (await COMMANDS[rest[0]]())(['--help'], io);
      io.stdout(MAIN_HELP);
      return first === undefined ? EXIT_UNUSABLE : EXIT_OK;
    }
    if (first === '--version' || first === '-v' || first === 'version') {
      io.stdout(`outturn ${packageVersion()}\n`);
      return EXIT_OK;
    }
    const command = COMMANDS[first];
    if (!command) {
      const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
      throw new CliError(
        `${what}; the commands are check, sign, withdraw, audit, register, compare, restate, report and repair (see \`outturn --help\`)`,
      );
    }
    return await (
      await command()
    )(rest, io);
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: CliIO): number {
  if (err instanceof CliError) {
    io.stderr(`outturn: ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof WorkbookReadError || err instanceof WorkbookWriteError) {
    io.stderr(`outturn: ${err.userMessage}\n`);
    return EXIT_UNUSABLE;
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  io.stderr(`outturn: something went wrong: ${message} (run with OUTTURN_DEBUG=1 for details)\n`);
  if (process.env.OUTTURN_DEBUG) io.stderr(`${err instanceof Error ? err.stack : String(err)}\n`);
  return EXIT_UNUSABLE;
}

/** The version in the project's package.json, found by walking up from here (src/ under ts-jest, dist/src/ when built). */
function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'outturn' && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}
