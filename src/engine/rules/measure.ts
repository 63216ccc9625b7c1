/**
 * What kind of measure an indicator is, decided from its words (description, unit, the
 * value column's header), its unit and its number format, before any figure is judged.
 * Not every measure is a share or a count: thousands and money may be fractional, changes
 * and gaps may be negative, a percentage of a budget may pass 100 %. Where the words do
 * not say, the kind is only a guess from the number format, and a figure that breaks the
 * guessed kind's bounds is a warning (`kind-uncertain`), never an error.
 */

export type MeasureKind =
  /** A share of a whole, 0–100 % ('% of calls answered within 20 seconds'). */
  | 'proportion'
  /** A percentage of a reference that may pass 100 % ('outturn against budget', '% of target achieved', '% of fund spent'). */
  | 'percent-of-reference'
  /** A change, gap, variance or difference: negative figures are normal ('% reduction', 'pay gap', 'days behind timetable'). */
  | 'signed'
  /** Whole things counted: not negative, not fractional ('Number of …'). */
  | 'count'
  /** Anything else: thousands, money, rates, averages, durations, weights, scores. Fractions are normal. */
  | 'amount';

export interface Measure {
  kind: MeasureKind;
  /** The figures are percentages (a % number format, or a unit saying %). */
  percent: boolean;
  /** The words say what the measure is; false when only the number format suggests it. */
  sure: boolean;
}

/** A change, a gap, a difference: the figure may be below zero (and a percentage change may pass 100 %). */
export const SIGNED_WORDS =
  /\b(change|changes|changed|reduction|reduce|reduced|reducing|increase|decrease|variance|variation|gap|difference|net|movement|growth|behind|ahead|over ?spend|under ?spend|overspend|underspend|surplus|deficit|shortfall|balance|plus or minus|deviation|swing|improvement on|compared (?:to|with) last year)\b|\+\s*\/\s*-|±/i;

/** A percentage of something other than a whole: may pass 100 %. */
export const OVER_100_WORDS =
  /\b(?:of|against|to|versus|vs) (?:the |a |an |its |our )?(?:annual |approved |revised |original |profiled )?(?:budget|target|targets|fund|funding|allocation|plan|profile|forecast|capacity|baseline|last year|previous year|national average|average|benchmark|england average|establishment|grant|estimate)\b|\bbudget (?:spent|used|achieved|variance)\b|\b(?:spent|spend|achieved|achievement|occupancy|utilisation|utilization|collection against|outturn against|performance against|delivery against|progress against|index)\b|\boutturn as a\b|\b(?:collected|received|recovered) as (?:a )?(?:%|percentage|percent) of (?:the )?(?:rent|charges|income|debt)? ?(?:owed|due|debit|debited|charged)\b/i;

/** Words that say the percentage is a share of a whole. */
const PROPORTION_WORDS =
  /^\s*(?:%|(?:percentage|percent|proportion|pct)\b)|(?:%|\b(?:percentage|percent|proportion|share|pct)) of\b|\b(?:within|on time|in time|satisfied|satisfaction|answered|responded|resolved|completed|collected|recycled|composted|reused|paid|processed|determined|compliance|compliant|uptake|coverage|attendance|success rate|collection rate|recycling rate|occupancy rate|vacancy rate|turnover)\b/i;

/** Words that say the figure is not a whole number of things. */
const NOT_A_COUNT =
  /\b(per|average|avg|mean|median|rate|ratio|percentage|percent|proportion|days|day|hours|hour|weeks|week|minutes|mins|months|seconds|time taken|length|duration|score|index|tonnes|tonne|tons|kg|kilograms|kwh|mwh|co2|litres|miles|km|hectares|ha|cost|costs|spend|spent|income|expenditure|budget|amount|savings|saving|£|thousand|thousands|million|millions|bn|fte|satisfaction|rating|level|metres|sq)\b|%|£|\(\s*0{3}s?\s*\)|\b0{3}s\b|£\s*0{3}|£\s*k\b|£\s*m\b|\b\d*k\b|\bm\b/i;

/**
 * A time limit the things counted met ('within 20 working days', 'in under 28 days', 'for more
 * than 6 weeks'): it qualifies what is counted, and does not make the figure a duration.
 * "Number of requests responded to within 20 working days" is a count; "Average days to
 * respond" is not (no figure before its unit of time).
 */
const TIME_LIMIT =
  /\b(?:within|in|under|over|after|before|inside|for|more than|less than|longer than|fewer than|up to|at least|exceeding)\s+(?:(?:under|over|more than|less than)\s+)?(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty)\s+(?:working |calendar |clear |school |business )?(?:days?|hours?|weeks?|months?|minutes?|mins|seconds?|secs)\b/gi;

/** Words that say things are counted. */
const COUNT_WORDS =
  /^\s*(?:number|no\.?|count|total number|total no\.?) of\b|\b(?:number|no\.?|count) of\b|^\s*(?:number|count)\b/i;

/**
 * Things counted in whole numbers: people, events, cases, places. A figure of them cannot
 * be negative, and, unless the words make it a rate, an average or thousands, cannot be
 * fractional. Plural forms (and the participles of casualty reports): a singular ('fire
 * safety') names a topic, not what is counted.
 */
export const COUNTED_NOUNS =
  /\b(?:people|persons|deaths|casualties|fatalities|killed|injured|hospitalised|hospitalized|fires|incidents|calls|complaints|compliments|households|families|applications|cases|visits|visitors|users|attendances|admissions|referrals|arrests|crimes|offences|offenses|collisions|accidents|children|adults|pupils|students|clients|customers|homes|dwellings|properties|premises|inspections|enquiries|inquiries|requests|claims|assessments|interventions|placements|appeals|participants|residents|tenants|businesses|jobs|apprentices|apprenticeships|volunteers|patients|passengers|vehicles|schools|grants|licences|licenses|permits|alarms|rescues|evictions|presentations|approaches|reports|prosecutions|notices|loans|issues|attendees|members|bookings|downloads|sessions|missed bins|missed collections|fly ?tips|fly-tipping incidents)\b/i;

/** A unit cell that names a count. */
const COUNT_UNIT = /^\s*(?:number|no\.?|count|#|nr|people|households|cases|items|visits|incidents|units)\s*$/i;

const INTEGER_FORMAT = /^[#,]*0$/;
/** Money or thousands in the number format: '£#,##0', '#,##0,"k"', '0.0,,"m"'. */
const MONEY_FORMAT = /[£$€]|,"?[kmKM]"?|,,|"k"|"m"/;

const formats = new Map<string, 'integer' | 'money' | 'other'>();
function formatShape(format: string): 'integer' | 'money' | 'other' {
  let f = formats.get(format);
  if (f === undefined) {
    const first = format.split(';')[0];
    f = MONEY_FORMAT.test(first) ? 'money' : INTEGER_FORMAT.test(first) ? 'integer' : 'other';
    formats.set(format, f);
  }
  return f;
}

export interface MeasureWords {
  /** The indicator's description. */
  description: string;
  /** Its unit cell, '' when the grid has no unit column. */
  unit: string;
  /** The header of the column holding the figure ('Value (000s)', 'Outturn £k'). */
  header: string;
  /** Whether the figure or the target has a % number format. */
  percentFormat: boolean;
  /** The number format of the figure (else the target's). */
  valueFormat: string;
}

/**
 * The kind of measure, by precedence: signed words; then, for percentages, words of a
 * reference (budget, target, fund …), then words of a share; then, for other figures,
 * words or formats of an amount (thousands, money, rates, averages, durations); then count
 * words or a counted noun (people, fires, calls …); then a whole-number format (a count, but not sure); else an amount.
 *
 * Not remembered by its words: the words of each row differ (a memo keyed by them kept a
 * key string a row and hit almost never); each row
 * remembers its own kind instead (measureOf in ./row-table).
 */
export function measureKind(w: MeasureWords): Measure {
  return decide(w);
}

/** A description that says the figure is a percentage even without a % format: then it is written in points, 0 to 100. */
const PERCENT_IN_WORDS = /^\s*(?:%|(?:percentage|percent|proportion)\b)|(?:%|\b(?:percentage|percent)) of\b/i;

function decide(w: MeasureWords): Measure {
  const words = `${w.description} | ${w.unit} | ${w.header}`;
  const percent = w.percentFormat || (w.unit !== '' && /%|percent/i.test(w.unit));
  if (SIGNED_WORDS.test(words)) return { kind: 'signed', percent, sure: true };
  if (percent) {
    if (OVER_100_WORDS.test(words)) return { kind: 'percent-of-reference', percent, sure: true };
    return { kind: 'proportion', percent, sure: PROPORTION_WORDS.test(words) };
  }
  // '% times the first appliance arrived …' in a plain number format: a share written as points (0 to 100).
  if (PERCENT_IN_WORDS.test(w.description) && !OVER_100_WORDS.test(words))
    return { kind: 'proportion', percent, sure: true };
  if (NOT_A_COUNT.test(words.replace(TIME_LIMIT, ' ')) || formatShape(w.valueFormat) === 'money')
    return { kind: 'amount', percent, sure: true };
  if (
    COUNT_WORDS.test(w.description) ||
    (w.unit !== '' && COUNT_UNIT.test(w.unit)) ||
    COUNTED_NOUNS.test(w.description) ||
    COUNTED_NOUNS.test(w.unit)
  )
    return { kind: 'count', percent, sure: true };
  if (formatShape(w.valueFormat) === 'integer') return { kind: 'count', percent, sure: false };
  return { kind: 'amount', percent, sure: false };
}
