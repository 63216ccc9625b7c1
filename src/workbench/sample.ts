/**
 * The workbench's sample return: a Melton-style corporate performance grid (title lines,
 * two service-area blocks with a banner and a repeated header, Apr … Mar columns,
 * judgement and accountability columns) held as plain data, so the browser needs no
 * ExcelJS. Percentages are fractions with '0.0%', counts '#,##0', dates are serial
 * numbers with 'dd/mm/yyyy'. Reporting period July 2017, checked as of 21/08/2017.
 *
 * Deliberate errors (see SAMPLE_ERRORS); everything else is clean.
 */
import { isoDateToSerial } from '../engine/model/cell';
import { a1 } from '../engine/model/address';
import type { CellInput, WorkbookInput } from '../simulator/state';

export interface SampleCell {
  /** Value as Excel holds it: number (dates as serials), text, boolean, or an error code with error: true. */
  value: number | string | boolean | null;
  format?: string;
  /** The formula text ('=SUM(E9:H9)'); value is then its cached result. */
  formula?: string;
  error?: boolean;
  bold?: boolean;
}

export interface SampleSheet {
  name: string;
  /** Row-major, 0-based, from A1. */
  rows: (SampleCell | null)[][];
  columnWidths: Record<number, number>;
}

export const SAMPLE_SHEET = 'Corporate PIs';
export const SAMPLE_AS_OF = '2017-08-21';

export const SAMPLE_HEADERS = [
  'Ref',
  'Indicator description',
  'Service area',
  'Polarity',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
  'Jan',
  'Feb',
  'Mar',
  'Year to Date',
  'Target',
  'Floor Standard',
  'RAG',
  'DoT',
  'Compiling officer',
  'Responsible officer',
  'Head of service',
  'Commentary',
  'Date submitted',
];

/** The deliberate mistakes in the sample, as the engine should report them. */
export const SAMPLE_ERRORS = [
  {
    cell: 'T6',
    rule: 'rag-mismatch',
    note: 'says GREEN; 94.0% is between the floor (90%) and the target (95%): AMBER',
  },
  { cell: 'G8', rule: 'number-stored-as-text', note: '"93 %" typed as text' },
  { cell: 'F9', rule: 'negative-count', note: '-11 complaints' },
  { cell: 'W10', rule: 'missing-owner', note: 'no responsible officer' },
  { cell: 'Z11', rule: 'submitted-late', note: '16/08/2017, after the 14/08/2017 deadline' },
  { cell: 'Y15', rule: 'missing-commentary', note: 'AMBER with no commentary' },
  { cell: 'G17', rule: 'excel-error', note: '#DIV/0!' },
  { cell: 'Q17', rule: 'excel-error', note: 'the AVERAGE over it is #DIV/0! too' },
] as const;

type Fmt = 'pct' | 'count' | 'dec';
const FORMATS: Record<Fmt, string> = { pct: '0.0%', count: '#,##0', dec: '0.0' };
const DATE = 'dd/mm/yyyy';

interface Indicator {
  row: number; // 1-based, as Excel shows it
  ref: string;
  desc: string;
  area: string;
  polarity: string;
  fmt: Fmt;
  months: (number | string | SampleCell | null)[]; // Apr..Jul
  ytd: number | string | SampleCell;
  target: number;
  floor: number;
  rag: string;
  dot: string;
  compiler: string;
  ro: string;
  hos: string;
  comment: string;
  submitted: string | null;
}

const ON_TIME = '2017-08-10';
const formula = (f: string, value: number | string, error = false): SampleCell => ({ value, formula: f, error });
const CS = 'Corporate Services';
const HC = 'Housing and Communities';

const INDICATORS: Indicator[] = [
  {
    row: 6,
    ref: 'CS01',
    desc: 'Percentage of invoices paid within 30 days',
    area: CS,
    polarity: 'Higher is better',
    fmt: 'pct',
    months: [0.96, 0.97, 0.95, 0.94],
    ytd: formula('AVERAGE(E6:H6)', 0.955),
    target: 0.95,
    floor: 0.9,
    rag: 'GREEN',
    dot: 'Worse',
    compiler: 'Alan Pritchard',
    ro: 'Dawn Garton',
    hos: 'Keith Aubrey',
    comment: 'Two supplier disputes held up payment; both settled in August.',
    submitted: ON_TIME,
  },
  {
    row: 7,
    ref: 'CS02',
    desc: 'Average working days lost to sickness per FTE',
    area: CS,
    polarity: 'Lower is better',
    fmt: 'dec',
    months: [0.8, 0.7, 0.9, 0.6],
    ytd: formula('SUM(E7:H7)', 3),
    target: 0.8,
    floor: 1,
    rag: 'GREEN',
    dot: 'Improving',
    compiler: 'Alan Pritchard',
    ro: 'Dawn Garton',
    hos: 'Keith Aubrey',
    comment: '',
    submitted: ON_TIME,
  },
  {
    row: 8,
    ref: 'CS03',
    desc: 'Percentage of FOI requests answered within 20 working days',
    area: CS,
    polarity: 'Higher is better',
    fmt: 'pct',
    months: [0.88, 0.91, '93 %', 0.92],
    ytd: formula('AVERAGE(E8:H8)', 0.9033),
    target: 0.9,
    floor: 0.85,
    rag: 'GREEN',
    dot: 'Worse',
    compiler: 'Sarah Jones',
    ro: 'Dawn Garton',
    hos: 'Keith Aubrey',
    comment: '',
    submitted: ON_TIME,
  },
  {
    row: 9,
    ref: 'CS04',
    desc: 'Number of complaints received (cumulative)',
    area: CS,
    polarity: 'Lower is better',
    fmt: 'count',
    months: [14, -11, 9, 12],
    ytd: formula('SUM(E9:H9)', 24),
    target: 12,
    floor: 15,
    rag: 'GREEN',
    dot: 'Worse',
    compiler: 'Sarah Jones',
    ro: 'Dawn Garton',
    hos: 'Keith Aubrey',
    comment: '',
    submitted: ON_TIME,
  },
  {
    row: 10,
    ref: 'CS05',
    desc: 'Average days to process new Housing Benefit claims',
    area: CS,
    polarity: 'Lower is better',
    fmt: 'dec',
    months: [21.5, 19.8, 22.4, 20.1],
    ytd: formula('AVERAGE(E10:H10)', 20.95),
    target: 22,
    floor: 25,
    rag: 'GREEN',
    dot: 'Improving',
    compiler: 'Mark Selby',
    ro: '',
    hos: 'Keith Aubrey',
    comment: '',
    submitted: ON_TIME,
  },
  {
    row: 11,
    ref: 'CS06',
    desc: 'Percentage of Council Tax collected',
    area: CS,
    polarity: 'Higher is better',
    fmt: 'pct',
    months: [0.105, 0.197, 0.289, 0.381],
    ytd: 0.381,
    target: 0.38,
    floor: 0.37,
    rag: 'GREEN',
    dot: 'Improving',
    compiler: 'Mark Selby',
    ro: 'Dawn Garton',
    hos: 'Keith Aubrey',
    comment: '',
    submitted: '2017-08-16',
  },
  {
    row: 15,
    ref: 'HC01',
    desc: 'Number of households in temporary accommodation',
    area: HC,
    polarity: 'Lower is better',
    fmt: 'count',
    months: [23, 25, 27, 26],
    ytd: 'Snapshot data',
    target: 25,
    floor: 30,
    rag: 'AMBER',
    dot: 'Improving',
    compiler: 'Linda Hewitt',
    ro: 'Jim Worley',
    hos: 'Harry Bell',
    comment: '',
    submitted: ON_TIME,
  },
  {
    row: 16,
    ref: 'HC02',
    desc: 'Number of affordable homes delivered (cumulative)',
    area: HC,
    polarity: 'Higher is better',
    fmt: 'count',
    months: [3, 2, 0, 4],
    ytd: formula('SUM(E16:H16)', 9),
    target: 3,
    floor: 1,
    rag: 'GREEN',
    dot: 'Improving',
    compiler: 'Linda Hewitt',
    ro: 'Jim Worley',
    hos: 'Harry Bell',
    comment: '',
    submitted: ON_TIME,
  },
  {
    row: 17,
    ref: 'HC03',
    desc: 'Percentage of homelessness cases prevented',
    area: HC,
    polarity: 'Higher is better',
    fmt: 'pct',
    months: [0.62, 0.58, formula('E17/0', '#DIV/0!', true), 0.66],
    ytd: formula('AVERAGE(E17:H17)', '#DIV/0!', true),
    target: 0.6,
    floor: 0.5,
    rag: 'GREEN',
    dot: 'Improving',
    compiler: 'Linda Hewitt',
    ro: 'Jim Worley',
    hos: 'Harry Bell',
    comment: '',
    submitted: ON_TIME,
  },
  {
    row: 18,
    ref: 'HC04',
    desc: 'Number of new homelessness approaches',
    area: HC,
    polarity: '',
    fmt: 'count',
    months: [38, 41, 36, 44],
    ytd: formula('SUM(E18:H18)', 159),
    target: 40,
    floor: 50,
    rag: 'AMBER',
    dot: 'Worse',
    compiler: 'Linda Hewitt',
    ro: 'Jim Worley',
    hos: 'Harry Bell',
    comment: 'Rise follows the closure of a private hostel in Melton Mowbray.',
    submitted: ON_TIME,
  },
  {
    row: 19,
    ref: 'HC05',
    desc: 'Number of Disabled Facilities Grants completed (cumulative)',
    area: HC,
    polarity: 'Higher is better',
    fmt: 'count',
    months: ['-', '-', '-', 6],
    ytd: formula('SUM(E19:H19)', 6),
    target: 5,
    floor: 3,
    rag: 'GREEN',
    dot: 'New',
    compiler: 'Paul Dunn',
    ro: 'Jim Worley',
    hos: 'Harry Bell',
    comment: 'New indicator from July 2017.',
    submitted: ON_TIME,
  },
  {
    row: 20,
    ref: 'HC06',
    desc: 'Percentage of major planning applications determined within 13 weeks',
    area: HC,
    polarity: 'Higher is better',
    fmt: 'pct',
    months: [1, 1, 0.75, 1],
    ytd: formula('AVERAGE(E20:H20)', 0.9375),
    target: 0.6,
    floor: 0.5,
    rag: 'GREEN',
    dot: 'Improving',
    compiler: 'Paul Dunn',
    ro: 'Jim Worley',
    hos: 'Harry Bell',
    comment: 'N/a',
    submitted: ON_TIME,
  },
];

function text(value: string, bold = false): SampleCell {
  return bold ? { value, bold } : { value };
}

function valueCell(v: number | string | SampleCell | null, fmt: string): SampleCell | null {
  if (v === null || v === '') return null;
  if (typeof v === 'object') return { ...v, format: v.format ?? fmt };
  return typeof v === 'number' ? { value: v, format: fmt } : { value: v };
}

/** Build the sample sheet afresh (callers may change it). */
export function sampleSheet(): SampleSheet {
  const rows: (SampleCell | null)[][] = [];
  const put = (a1row: number, col: number, cell: SampleCell | null) => {
    if (!cell) return;
    (rows[a1row - 1] ??= [])[col] = cell;
  };
  put(1, 0, text('Melton Borough Council — Corporate performance indicators', true));
  put(2, 0, text('Results up to July 2017'));
  for (const headerRow of [4, 14]) SAMPLE_HEADERS.forEach((h, i) => put(headerRow, i, text(h, true)));
  put(5, 0, text(CS, true));
  put(13, 0, text(HC, true));
  for (const ind of INDICATORS) {
    const fmt = FORMATS[ind.fmt];
    const cells: (SampleCell | null)[] = [
      text(ind.ref),
      text(ind.desc),
      text(ind.area),
      ind.polarity ? text(ind.polarity) : null,
      ...ind.months.map((m) => valueCell(m, fmt)),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null, // Aug … Mar not yet reported
      valueCell(ind.ytd, fmt),
      valueCell(ind.target, fmt),
      valueCell(ind.floor, fmt),
      text(ind.rag),
      text(ind.dot),
      ind.compiler ? text(ind.compiler) : null,
      ind.ro ? text(ind.ro) : null,
      ind.hos ? text(ind.hos) : null,
      ind.comment ? text(ind.comment) : null,
      ind.submitted ? { value: isoDateToSerial(ind.submitted), format: DATE } : null,
    ];
    cells.forEach((c, col) => put(ind.row, col, c));
  }
  put(
    22,
    0,
    text(
      'Source: Melton BC performance management system. RAG: GREEN on or better than target; AMBER between target and floor; RED worse than floor.',
    ),
  );
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return {
    name: SAMPLE_SHEET,
    rows,
    columnWidths: { 0: 56, 1: 300, 2: 150, 3: 110, 20: 80, 21: 120, 22: 130, 23: 110, 24: 320, 25: 96 },
  };
}

/** A second, plain sheet so the workbench shows sheet tabs and a sheet with no grid. */
export function notesSheet(): SampleSheet {
  return {
    name: 'Notes',
    rows: [
      [text('About this return', true)],
      [
        text(
          'Figures are drawn from the council’s performance management system on the first working day of the month.',
        ),
      ],
      [text('Queries to the corporate performance team.')],
    ],
    columnWidths: { 0: 560 },
  };
}

export interface WorkbenchSample {
  input: WorkbookInput;
  /** 'Sheet!A1' addresses drawn bold (titles, headers, banners): the simulator keeps no fonts. */
  bold: Set<string>;
  columnWidths: Record<string, Record<number, number>>;
}

function toInput(c: SampleCell | null): CellInput {
  if (!c) return undefined;
  if (c.error) return { value: c.value as string, error: String(c.value), formula: c.formula, format: c.format };
  if (c.formula || c.format) return { value: c.value as number | string, formula: c.formula, format: c.format };
  return c.value;
}

/** The sample as the simulator's input: the return sheet (selected at A1) and the notes sheet. */
export function workbenchSample(): WorkbenchSample {
  const sheets = [sampleSheet(), notesSheet()];
  const bold = new Set<string>();
  for (const s of sheets) {
    s.rows.forEach((row, r) =>
      row.forEach((c, col) => {
        if (c?.bold) bold.add(`${s.name}!${a1(r, col)}`);
      }),
    );
  }
  return {
    input: {
      sheets: sheets.map((s) => ({
        name: s.name,
        cells: s.rows.map((row) => Array.from(row, toInput)),
        selection: 'A1',
      })),
      activeSheet: SAMPLE_SHEET,
    },
    bold,
    columnWidths: Object.fromEntries(sheets.map((s) => [s.name, s.columnWidths])),
  };
}

/**
 * A large return for trying the pane with thousands of findings (workbench.html?rows=2000):
 * `rows` percentage indicators whose stated RAG (GREEN) disagrees with their figures
 * (93.0% against a target of 95% and a floor of 90%: AMBER), one error per indicator.
 */
export function largeSample(rows: number): WorkbenchSample {
  const name = 'Large return';
  const headers = [
    'Ref',
    'Indicator description',
    'Polarity',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Target',
    'Floor Standard',
    'RAG',
    'Compiling officer',
    'Responsible officer',
    'Head of service',
    'Commentary',
  ];
  const cells: CellInput[][] = [['Results up to July 2017'], [], headers];
  const pct = (value: number): CellInput => ({ value, format: '0.0%' });
  for (let i = 0; i < rows; i++) {
    cells.push([
      `PI ${String(i + 1).padStart(5, '0')}`,
      `Percentage of cases completed on time, team ${i + 1}`,
      'Higher is better',
      pct(0.9),
      pct(0.91),
      pct(0.92),
      pct(0.93),
      pct(0.95),
      pct(0.9),
      'GREEN',
      'Alan Pritchard',
      'Dawn Garton',
      'Keith Aubrey',
      'Recovering after a vacancy was filled.',
    ]);
  }
  const bold = new Set(headers.map((_, c) => `${name}!${a1(2, c)}`));
  return {
    input: { sheets: [{ name, cells, selection: 'A1' }], activeSheet: name },
    bold,
    columnWidths: { [name]: { 0: 80, 1: 320, 2: 110, 10: 120, 11: 130, 12: 110, 13: 280 } },
  };
}
