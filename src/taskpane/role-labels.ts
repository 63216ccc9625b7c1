import type { ColumnRole } from '../engine/model/roles';

/** What each column role is called in the pane: the words a compiler uses for the column. */
/** Partial so a role the engine adds later still shows (as its id, spaced out) rather than breaking the build. */
export const ROLE_LABELS: Partial<Record<ColumnRole, string>> = {
  ref: 'Ref',
  description: 'Indicator description',
  serviceArea: 'Service area',
  unit: 'Unit',
  frequency: 'Frequency',
  keyIndicator: 'Key indicator',
  cumulative: 'Cumulative',
  period: 'Period (month or quarter)',
  latest: 'Latest value',
  ytd: 'Year to date / outturn',
  previousYear: 'Previous year',
  previousPeriod: 'Previous period',
  numerator: 'Numerator',
  denominator: 'Denominator',
  target: 'Target',
  floor: 'Floor standard',
  polarity: 'Polarity',
  rag: 'RAG',
  ytdRag: 'YTD RAG',
  dot: 'Direction of travel',
  result: 'Result',
  inRange: 'In expected range?',
  upperThreshold: 'Upper threshold',
  lowerThreshold: 'Lower threshold',
  compiler: 'Compiling officer',
  responsibleOfficer: 'Responsible officer',
  headOfService: 'Head of service',
  commentary: 'Commentary',
  dateSubmitted: 'Date submitted',
  dataSource: 'Data source',
};

export function roleLabel(role: string): string {
  if (role === 'ignore') return 'Ignore this column';
  if (role === '') return 'Not mapped';
  const label = (ROLE_LABELS as Record<string, string>)[role];
  if (label) return label;
  const spaced = role.replace(/([A-Z])/g, ' $1').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
