import { z } from 'zod';
import { ColumnRole } from './roles';
import { Severity } from './finding';

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date written YYYY-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

export const RuleSetting = z.object({
  enabled: z.boolean().default(true),
  /** Overrides the rule's default severity. */
  severity: Severity.optional(),
});
export type RuleSetting = z.infer<typeof RuleSetting>;

/** What a status word means: one rating, AMBER or RED (a report with no amber), or not rated. */
export const StatusMeaning = z.enum(['GREEN', 'AMBER', 'RED', 'AMBER or RED', 'unrated']);
export type StatusMeaning = z.infer<typeof StatusMeaning>;

/** Whose bank holidays make the working-day calendar (date-holidays GB/ENG, GB/SCT, GB/NIR). */
export const Nation = z.enum(['england-and-wales', 'scotland', 'northern-ireland']);
export type Nation = z.infer<typeof Nation>;

export const DEFAULT_ANNOTATIONS = [
  'N/a',
  'N/A',
  'NA',
  'New',
  'Snapshot data',
  'Snapshot',
  '-',
  '–',
  'n/k',
  'TBC',
  'Not available',
  'Annual',
  'Not yet due',
  'New measure',
  'New indicator',
  'Annual indicator',
  'Annual measure',
  'Not applicable',
  'No data',
  'Data not available',
  'Not collected',
  'Not reported',
  'Awaiting data',
  'Data only',
  'Baseline',
  'Baseline year',
  'n/c',
  'TBA',
  'Not due',
  // statistical tables' marks for no figure: '..' not available, 'x' suppressed, '*' and ':' (ONS, LGBF, Eurostat)
  '--',
  '---',
  '—',
  '..',
  '...',
  'x',
  '*',
  ':',
];

/**
 * Who signs indicators the grid names no owner for: a compiling officer, responsible
 * officer or head of service, for the indicators of a sheet, a service area or one ref
 * (the most specific assignment that fits wins). Blank owner cells only: the grid's own names stand.
 */
export const OwnerAssignment = z
  .object({
    sheet: z.string().min(1).optional(),
    serviceArea: z.string().min(1).optional(),
    ref: z.string().min(1).optional(),
    compiler: z.string().min(1).optional(),
    responsibleOfficer: z.string().min(1).optional(),
    headOfService: z.string().min(1).optional(),
  })
  .strict();
export type OwnerAssignment = z.infer<typeof OwnerAssignment>;

/** Per sign-off role (the words `outturn sign --role` takes), the declaration text it confirms. */
export const Declarations = z
  .object({
    compiler: z.string().trim().min(1).optional(),
    'responsible-officer': z.string().trim().min(1).optional(),
    'head-of-service': z.string().trim().min(1).optional(),
  })
  .strict();
export type Declarations = z.infer<typeof Declarations>;

export const Tolerances = z.object({
  /** Relative tolerance when numerator / denominator is compared with the stated value (0.005 = 0.5 %). */
  ratio: z.number().min(0).max(1).default(0.005),
  /** Relative tolerance when year to date is compared with the sum of the monthly values. */
  ytd: z.number().min(0).max(1).default(0.005),
  /** A value this many robust standard deviations from the indicator's own history is an outlier. */
  outlierZ: z.number().positive().default(3.5),
  /** Fewer earlier period values than this and the outlier rule says nothing. */
  outlierMinHistory: z.number().int().min(2).default(4),
});
export type Tolerances = z.infer<typeof Tolerances>;

/**
 * The rule configuration. It lives in the workbook (so it travels with the return) and
 * can be loaded from a JSON file with `outturn check --config FILE`.
 */
export const OutturnConfig = z
  .object({
    /** Reporting period, e.g. '2017-07' (results up to July 2017). Else from a "Results up to …" title. */
    period: isoMonth.optional(),
    /** The date the check is made as of; default today. */
    asOf: isoDate.optional(),
    /** Submission deadline; default `deadlineDays` working days after the period ends. */
    deadline: isoDate.optional(),
    deadlineDays: z.number().int().min(0).max(120).default(10),
    /** Bank holidays of England and Wales (default), Scotland or Northern Ireland for working days. */
    nation: Nation.default('england-and-wales'),
    /** Rule id to setting; rules not named run with their defaults. */
    rules: z.record(z.string(), RuleSetting).default({}),
    tolerances: Tolerances.default(Tolerances.parse({})),
    /** Column mapping that overrides detection: a header text (matched like detection) or a column letter, to a role, or to 'ignore'. */
    columns: z.record(z.string(), z.union([ColumnRole, z.literal('ignore')])).default({}),
    /** Text that may stand where a number would without being an error. */
    annotations: z.array(z.string()).default(DEFAULT_ANNOTATIONS),
    /**
     * A report's own status words and what they mean ('Exceeded expectations' to GREEN, 'Slipping'
     * to AMBER, 'Monitoring' to unrated): read before the words Outturn knows. Optional, so a
     * configuration without it parses to the same object as before.
     */
    statusWords: z.record(z.string(), StatusMeaning).optional(),
    /** Owners for indicators whose grid names none (sign-off): per sheet, service area or ref. */
    owners: z.array(OwnerAssignment).optional(),
    /**
     * The declaration each role confirms when signing, where the organisation words its own
     * (a collector's certification text): a role not named keeps Outturn's own statement.
     */
    declarations: Declarations.optional(),
    /** Where each indicator's working papers are (indicator ref to a SharePoint or file link), shown in the pack. */
    evidence: z.record(z.string().min(1), z.string().trim().min(1)).optional(),
  })
  .strict();
export type OutturnConfig = z.infer<typeof OutturnConfig>;
export type OutturnConfigInput = z.input<typeof OutturnConfig>;

export const DEFAULT_CONFIG: OutturnConfig = OutturnConfig.parse({});

export type ConfigResult = { ok: true; config: OutturnConfig } | { ok: false; errors: string[] };

/** Validate a configuration object, with one readable line per problem ("rules.ragMismatch.severity: …"). */
export function parseConfig(input: unknown): ConfigResult {
  const r = OutturnConfig.safeParse(input ?? {});
  if (r.success) return { ok: true, config: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`),
  };
}
