/**
 * An error whose message is already a sentence for the user (bad arguments, a bad
 * configuration file). `main` prints it as one line, "outturn: <message>", and exits 2,
 * never with a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
