// PLACEHOLDER written by the CLI engineer so main.ts compiles; the sign-off engineer owns
// this file and replaces it with the real `outturn sign`.
import type { CliIO } from './io';
import { CliError } from './errors';

export async function runSign(args: string[], io: CliIO): Promise<number> {
  void args; void io;
  throw new CliError('`outturn sign` is not available in this build yet.');
}
