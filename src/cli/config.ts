import { promises as fs } from 'node:fs';
import { Nation, OutturnConfig, parseConfig } from '../engine/model/config';
import type { StoredConfig } from '../workbook/settings';
import { CliError } from './errors';

/** What the command line says about the configuration, before any workbook is read. */
export interface ConfigOverrides {
  /** The --config file's object, validated on its own. */
  file?: { name: string; raw: Record<string, unknown> };
  period?: string;
  asOf?: string;
  deadlineDays?: number;
  nation?: Nation;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parsePeriodFlag(v: string): string {
  if (!MONTH.test(v.trim()))
    throw new CliError(`--period must be a month written YYYY-MM, such as 2017-07 (got '${v}')`);
  return v.trim();
}

export function parseAsOfFlag(v: string): string {
  const m = DATE.exec(v.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new CliError(`--as-of must be a date written YYYY-MM-DD, such as 2017-08-21 (got '${v}')`);
  }
  return v.trim();
}

export function parseDeadlineDaysFlag(v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) > 120) {
    throw new CliError(`--deadline-days must be a whole number of working days from 0 to 120 (got '${v}')`);
  }
  return Number(v);
}

const NATIONS = Nation.options;

export function parseNationFlag(v: string): Nation {
  const n = v.trim().toLowerCase();
  if (!(NATIONS as readonly string[]).includes(n))
    throw new CliError(
      `--nation must be ${NATIONS.slice(0, -1).join(', ')} or ${NATIONS[NATIONS.length - 1]} (got '${v}')`,
    );
  return n as Nation;
}

/** Read and validate a --config file; every problem becomes part of one readable line. */
export async function readConfigFile(file: string): Promise<{ name: string; raw: Record<string, unknown> }> {
  let text: string;
  try {
    if ((await fs.stat(file)).isDirectory())
      throw new CliError(`cannot read the configuration file '${file}': it is a folder, not a file`);
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read the configuration file '${file}': ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unknown error')}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new CliError(`the configuration file '${file}' is not valid JSON (${(err as Error).message})`);
  }
  if (!isPlainObject(raw))
    throw new CliError(`the configuration file '${file}' must hold a JSON object such as {"period": "2017-07"}`);
  const r = parseConfig(raw);
  if (!r.ok) throw new CliError(`the configuration file '${file}' is not valid: ${r.errors.join('; ')}`);
  return { name: file, raw };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys whose values are maps: a file's entries are laid over the workbook's, key by key. */
const MERGED_KEYS = ['rules', 'columns', 'tolerances'] as const;

/**
 * The configuration one workbook is checked with: the workbook's stored configuration,
 * overridden by the --config file (key by key; rules, columns and tolerances entry by
 * entry), then by --period, --as-of, --deadline-days and --nation.
 * Throws CliError (naming the workbook) when the stored configuration is unusable.
 */
export function resolveConfig(stored: StoredConfig, overrides: ConfigOverrides): OutturnConfig {
  return resolveConfigWithNotes(stored, overrides).config;
}

/**
 * resolveConfig, with a sentence for every configured value the command line set aside.
 * A fixed deadline is a date for one reporting period, so:
 * - `--deadline-days N` sets aside any fixed deadline (the command line asked for N working days);
 * - `--period P` sets aside a deadline stored in the workbook for another period (or for
 *   no stated period), but keeps one stored for P itself and one given in the --config file;
 * and each time a deadline is set aside, a note says which and why: it is never dropped silently.
 */
export function resolveConfigWithNotes(
  stored: StoredConfig,
  overrides: ConfigOverrides,
): { config: OutturnConfig; notes: string[] } {
  let base: Record<string, unknown> = {};
  if (stored.found && 'invalid' in stored) throw new CliError(stored.invalid);
  if (stored.found && 'raw' in stored) {
    if (!isPlainObject(stored.raw))
      throw new CliError('the rule configuration stored in the workbook (OutturnSettings!A1) is not a JSON object');
    const r = parseConfig(stored.raw);
    if (!r.ok)
      throw new CliError(
        `the rule configuration stored in the workbook (OutturnSettings!A1) is not valid: ${r.errors.join('; ')}; correct it in the add-in's Settings or pass --config`,
      );
    base = stored.raw;
  }
  const notes: string[] = [];
  const merged: Record<string, unknown> = { ...base };
  if (overrides.file) {
    for (const [k, v] of Object.entries(overrides.file.raw)) {
      merged[k] =
        (MERGED_KEYS as readonly string[]).includes(k) && isPlainObject(base[k]) && isPlainObject(v)
          ? { ...base[k], ...v }
          : v;
    }
  }
  const deadlineFromFile = overrides.file !== undefined && 'deadline' in overrides.file.raw;
  const setAside = (why: string) => {
    if (typeof merged.deadline === 'string')
      notes.push(`The configured deadline ${merged.deadline} was set aside: ${why}.`);
    delete merged.deadline;
  };
  if (overrides.period !== undefined) {
    const storedPeriod = deadlineFromFile ? overrides.period : (merged.period as string | undefined);
    if (storedPeriod !== overrides.period) {
      setAside(
        `it was saved ${storedPeriod ? `for the period ${storedPeriod}` : 'without a period'}, and --period asks for ${overrides.period}, so the deadline is counted in working days after ${overrides.period} ends (give a deadline in --config to fix one)`,
      );
    }
    merged.period = overrides.period;
  }
  if (overrides.asOf !== undefined) merged.asOf = overrides.asOf;
  if (overrides.deadlineDays !== undefined) {
    merged.deadlineDays = overrides.deadlineDays;
    setAside(
      `--deadline-days ${overrides.deadlineDays} asks for the deadline to be counted in working days after the period ends`,
    );
  }
  if (overrides.nation !== undefined) merged.nation = overrides.nation;
  const r = parseConfig(merged);
  if (!r.ok) throw new CliError(`the configuration is not valid: ${r.errors.join('; ')}`);
  return { config: r.config, notes };
}

export type { OutturnConfig };
