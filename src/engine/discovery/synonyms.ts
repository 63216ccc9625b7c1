import type { SingleRole } from '../model/roles';

/**
 * Header wordings by role, as councils write them. Matched after normaliseHeader (lower
 * case, punctuation and line breaks as single spaces), so 'Floor\nStandard' and
 * 'Floor standard:' both read 'floor standard'. First match wins; a phrase belongs to
 * one role only.
 */
export const HEADER_SYNONYMS: Record<SingleRole, readonly string[]> = {
  ref: ['ref', 'reference', 'pi code', 'pi ref', 'indicator ref', 'indicator reference', 'indicator code', 'code', 'pi', 'pi no', 'pi number', 'kpi ref', 'kpi code', 'measure ref', 'id', 'ref no', 'ni ref', 'no', 'npi lpi', 'npi', 'lpi', 'bvpi', 'bvpi ref', 'lpi ref', 'kpi no', 'pi no', 'measure no', 'indicator no', 'indicator number', 'refs', 'pi codes'],
  description: ['indicator description', 'description', 'measure', 'metric', 'indicator', 'indicator name', 'indicator title', 'performance indicator', 'measure description', 'measure name', 'pi description', 'kpi', 'kpi description', 'title', 'definition', 'measures', 'indicators', 'performance indicators', 'key performance indicators', 'kpis', 'pis', 'performance measures', 'key measures', 'measure title', 'indicator title and description', 'indicator and description'],
  serviceArea: ['service area', 'service', 'department', 'directorate', 'team', 'portfolio', 'service unit'],
  unit: ['unit', 'units', 'unit of measure', 'measure type', 'format'],
  frequency: ['frequency', 'reporting frequency', 'collection frequency', 'reported'],
  keyIndicator: ['key indicator', 'key', 'key pi', 'key measure', 'corporate kpi'],
  cumulative: ['cumulative', 'cumulative measure', 'is cumulative'],
  latest: ['latest month', 'latest', 'current', 'current month', 'latest quarter', 'current quarter', 'this month', 'this quarter', 'latest period', 'current period', 'latest value', 'current value', 'latest data', 'actual', 'value', 'current value this period', 'latest figure', 'latest performance', 'current performance', 'latest actual', 'latest outturn', 'actual this period', 'this period', 'performance this quarter', 'performance this month', 'month', 'current position', 'latest position', 'actual value', 'value this quarter', 'value this month'],
  ytd: ['year to date', 'ytd', 'outturn', 'ytd actual', 'year to date actual', 'ytd outturn', 'ytd value', 'cumulative to date', 'cumulative ytd', 'ytd cumulative', 'year to date cumulative', 'year end outturn', 'forecast outturn'],
  previousYear: ['previous year', 'last year', 'prior year', 'same period last year', 'same month last year', 'previous year outturn', 'last year outturn', 'previous years outturn', 'outturn last year'],
  numerator: ['numerator'],
  denominator: ['denominator'],
  previousPeriod: ['previous month', 'last month', 'prior month', 'previous quarter', 'last quarter', 'prior quarter', 'previous period', 'last period', 'previous value', 'last value', 'prior value', 'previous', 'previous figure', 'previous performance', 'last reported', 'previously reported', 'previous quarter value', 'previous month value', 'last quarter value'],
  target: ['target', 'annual target', 'ytd target', 'monthly target', 'quarterly target', 'target ytd', 'target value'],
  floor: ['floor standard', 'floor', 'tolerance', 'minimum standard', 'intervention level', 'floor target'],
  polarity: ['polarity', 'good performance is', 'good is', 'higher or lower is better', 'direction of good performance', 'good performance', 'aim', 'desired direction', 'direction of improvement', 'better if', 'good if', 'is higher better', 'higher is better', 'high or low is good', 'good performance is higher or lower', 'preferred direction', 'what good looks like', 'better is'],
  rag: ['rag', 'month rag', 'latest rag', 'status', 'rag status', 'on target', 'on track', 'target met', 'current rag', 'monthly rag', 'quarter rag', 'quarterly rag', 'rag rating', 'performance status', 'latest status', 'month status', 'overall status', 'current status', 'status against target', 'performance against target', 'traffic light', 'rating', 'rag rating status', 'quarter status', 'performance rating', 'status rag'],
  ytdRag: ['ytd rag', 'year to date rag', 'ytd status', 'ytd rag status', 'outturn rag', 'cumulative rag', 'rag ytd'],
  dot: ['dot', 'direction of travel', 'trend', 'direction', 'dot arrow', 'travel', 'performance trend', 'direction of travel since last period', 'trend since last period', 'trend arrow', 'improving or declining', 'short term trend', 'short term dot', 'dot since last quarter', 'dot since last month'],
  result: ['result', 'actual result', 'value this period', 'activity'],
  inRange: ['in expected range', 'within expected range', 'in range', 'within range', 'expected range', 'in expected range yes no'],
  upperThreshold: ['upper threshold', 'upper limit', 'upper', 'upper bound', 'upper tolerance', 'maximum expected'],
  lowerThreshold: ['lower threshold', 'lower limit', 'lower', 'lower bound', 'lower tolerance', 'minimum expected'],
  compiler: ['compiling officer', 'data compiler', 'compiler', 'compiled by', 'data entered by', 'entered by', 'data inputter', 'data input officer', 'updated by', 'input by', 'inputted by', 'prepared by', 'completed by', 'data entry', 'data entry officer', 'compiler name', 'submitted by'],
  responsibleOfficer: ['responsible officer', 'lead officer', 'accountable officer', 'officer responsible', 'indicator owner', 'owner', 'responsible', 'lead', 'data owner', 'pi owner', 'kpi owner', 'measure owner', 'performance owner', 'responsible manager', 'accountable manager', 'lead manager', 'officer', 'contact officer', 'lead officer name'],
  headOfService: ['head of service', 'hos', 'service head', 'director', 'assistant director', 'head of service sign off'],
  commentary: ['commentary', 'comments', 'comment', 'explanation', 'narrative', 'notes', 'explanation of performance', 'remedial action', 'commentary and action'],
  dateSubmitted: ['date submitted', 'date entered', 'submitted', 'submission date', 'date of submission', 'date completed', 'date updated', 'date returned', 'updated', 'last updated', 'date last updated', 'update date', 'date of update', 'entered', 'date added', 'date of entry', 'entry date', 'date input'],
  dataSource: ['data source', 'source', 'source of data', 'evidence'],
};

/**
 * Wordings not in the table (longer headers, extra words) are read by key words, most
 * specific first: 'YTD RAG status (cumulative)' is ytdRag, not ytd and not rag.
 */
export const HEADER_KEYWORDS: readonly (readonly [RegExp, SingleRole])[] = [
  [/\b(ytd|year to date)\b.*\b(rag|status)\b|\b(rag|status)\b.*\b(ytd|year to date)\b/, 'ytdRag'],
  [/\brag\b/, 'rag'],
  [/\bdirection of travel\b|\bdot\b|\btrend\b/, 'dot'],
  [/\b(previous|last|prior) value\b/, 'previousPeriod'],
  [/\b(previous|last|prior) (month|quarter|period)\b/, 'previousPeriod'],
  [/\b(previous|last|prior) year\b/, 'previousYear'],
  [/\b(ytd|year to date)\b/, 'ytd'],
  [/\bfloor\b|\btolerance\b/, 'floor'],
  [/\btarget\b/, 'target'],
  [/\bpolarity\b/, 'polarity'],
  [/\bnumerator\b/, 'numerator'],
  [/\bdenominator\b/, 'denominator'],
  [/\bexpected range\b|\bin range\b/, 'inRange'],
  [/\bupper (threshold|limit|bound)\b/, 'upperThreshold'],
  [/\blower (threshold|limit|bound)\b/, 'lowerThreshold'],
  [/\bcompil/, 'compiler'],
  [/\bresponsible\b|\blead officer\b|\bowner\b|\blead\b/, 'responsibleOfficer'],
  [/\bhead of\b/, 'headOfService'],
  [/\bcomment|\bexplanation\b|\bnarrative\b/, 'commentary'],
  [/\bsubmitted\b|\bsubmission\b|\bdate (?:entered|updated)\b|\blast updated\b/, 'dateSubmitted'],
  [/\bpolarity\b|\bgood performance\b/, 'polarity'],
  [/\bdata source\b/, 'dataSource'],
  [/\bservice area\b|\bportfolio\b|\bbusiness area\b|\bdirectorate\b/, 'serviceArea'],
  [/\b(ref|reference|code)\b/, 'ref'],
  [/\bdescription\b|\bmeasures?\b|\bindicators?\b/, 'description'],
];

/** Roles that hold a value or a judgement: a header needs one of these (or a period) to start a grid. */
export const VALUE_ROLES: ReadonlySet<SingleRole> = new Set<SingleRole>([
  'latest', 'ytd', 'result', 'target', 'floor', 'rag', 'ytdRag', 'dot', 'inRange', 'previousPeriod',
]);
