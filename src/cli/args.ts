import { parseArgs, ParseArgsConfig } from 'node:util';
import { CliError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * node:util parseArgs, with its errors turned into sentences that name the command's
 * help ("unknown option '--fromat'; see `outturn check --help`").
 */
export function parseCommandArgs(command: string, args: string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const msg = err instanceof Error ? err.message : String(err);
    const help = `see \`outturn ${command} --help\``;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const m = /Unknown option '([^']+)'/.exec(msg);
      throw new CliError(`unknown option '${m ? m[1] : msg}'; ${help}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const m = /Option '([^']+)'/.exec(msg);
      const name = m ? m[1].split(',').pop()!.trim().split(' ')[0] : 'an option';
      throw new CliError(`${name} needs a value; ${help}`);
    }
    throw new CliError(`${msg.split('\n')[0]}; ${help}`);
  }
}

/** A string option's value, or undefined; an empty value is an argument error. */
export function stringOption(values: ParsedArgs['values'], name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`--${name} needs a value`);
  return v;
}
