import { z } from 'zod';

/**
 * What a column of a metric collection grid holds. Header wording varies between
 * councils; discovery maps headers to these roles by meaning (see src/engine/discovery).
 * 'period' columns (Apr … Mar, Q1 … Q4) are many per grid and kept apart in Grid.periods.
 */
export const ColumnRole = z.enum([
  // identity
  'ref',
  'description',
  'serviceArea',
  'unit',
  'frequency',
  'keyIndicator',
  'cumulative',
  // values
  'period',
  'latest',
  'ytd',
  'previousYear',
  'numerator',
  'denominator',
  // the period before the latest one ("Previous Month", "Last quarter"): what DoT compares with
  'previousPeriod',
  // the change over the period columns ("change in value", "% change in value"): last less first, and as a share of the first
  'change',
  'percentChange',
  // a figure the indicator is compared with but not judged by ("Benchmark", "National average", "Budget")
  'comparator',
  // judgement
  'target',
  'floor',
  'polarity',
  'rag',
  'ytdRag',
  'dot',
  // activity indicators
  'result',
  'inRange',
  'upperThreshold',
  'lowerThreshold',
  // accountability
  'compiler',
  'responsibleOfficer',
  'headOfService',
  'commentary',
  'dateSubmitted',
  'dataSource',
  // figures by body: one column per organisation, station, district or landlord (many per grid, like 'period')
  'body',
]);
export type ColumnRole = z.infer<typeof ColumnRole>;

/** Roles that sit once in a grid (every role but 'period' and 'body'). */
export type SingleRole = Exclude<ColumnRole, 'period' | 'body'>;
