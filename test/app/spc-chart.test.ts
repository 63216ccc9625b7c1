/**
 * The SPC chart (issue #22): the XmR series, mean, limits, target and signals of an indicator
 * with a special cause, and the SVG the pane and the HTML report draw from them.
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { spcChartOf, spcSummary } from '../../src/app/spc-chart';
import { spcGeometry, spcSvg } from '../../src/app/spc-svg';
import { cellAt } from '../../src/engine/model/sheet';
import { xmr } from '../../src/engine/rules/spc';
import { annotationSet } from '../../src/engine/values';
import { loadWorkbook } from '../../src/workbook/load';
import { discoverGrids } from '../../src/engine/discovery/grids';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { run, tmpDir } from '../cli/helpers';

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
const HEADERS = [2016, 2017].flatMap((y) => MONTHS.map((m, i) => `${m}-${String(i < 9 ? y % 100 : (y + 1) % 100)}`));
/** 999 calls a month, with one month of a flood; accidental dwelling fires falling after a campaign. */
const CALLS = [
  640, 655, 610, 702, 688, 630, 671, 645, 660, 690, 620, 655, 648, 662, 630, 690, 1150, 640, 655, 670, 650, 640, 668,
  652,
];
const FIRES = [52, 55, 49, 53, 51, 54, 50, 52, 53, 55, 51, 50, 41, 40, 42, 39, 41, 40, 38, 42, 40, 41, 39, 40];

async function monthlyReturnFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Monthly PIs');
  ws.addRow(['Monthly indicators: results up to March 2018']);
  ws.addRow(['Ref', 'Measure', ...HEADERS, 'Target']);
  for (const [ref, desc, values, target] of [
    ['C1', 'Number of 999 calls received', CALLS, 700],
    ['F1', 'Number of accidental dwelling fires', FIRES, 45],
  ] as const) {
    const row = ws.addRow([ref, desc, ...values, target]);
    row.eachCell((c) => {
      if (typeof c.value === 'number') c.numFmt = '#,##0';
    });
  }
  const file = path.join(tmpDir(), 'monthly.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

async function charts() {
  const file = await monthlyReturnFile();
  const loaded = await loadWorkbook(file);
  const sheet = loaded.sheets[0];
  const [grid] = discoverGrids(sheet, DEFAULT_CONFIG).grids;
  const at = (ref: string) => grid.indicatorRows.find((r) => cellAt(sheet, r, 0).value === ref)!;
  const set = annotationSet([]);
  return {
    file,
    calls: spcChartOf(sheet, grid, at('C1'), set, 'C1 — Number of 999 calls received')!,
    fires: spcChartOf(sheet, grid, at('F1'), set, 'F1 — Number of accidental dwelling fires')!,
  };
}

describe('the XmR chart of an indicator', () => {
  test('series, mean, limits and target as the spc rules see them; one signal where each is reported', async () => {
    const { calls, fires } = await charts();
    const limits = xmr(CALLS);
    expect(calls.points.map((p) => p.value)).toEqual(CALLS);
    expect(calls.points[0].label).toBe('Apr-16');
    expect(calls.mean).toBeCloseTo(limits.mean, 9);
    expect(calls.upper).toBeCloseTo(limits.upper, 9);
    expect(calls.lower).toBeCloseTo(limits.lower, 9);
    expect(calls.target).toBe(700);
    expect(calls.points.flatMap((p, i) => p.signals.map((s) => `${i} ${s}`))).toEqual([
      '16 spc-outside-limits',
      '23 spc-run', // the flood month lifts the mean above the last seven months, as the rule says too
    ]);
    // The fires fell after the first year: a run of 7 below the mean, reported at its seventh figure.
    expect(fires.points.flatMap((p, i) => p.signals.map((s) => `${i} ${s}`))).toContainEqual('18 spc-run');
    expect(spcSummary(calls)).toBe(
      'XmR chart of C1 — Number of 999 calls received: 24 figures from Apr-16 to Mar-18; mean 676, process limits 488 to 864, target 700. Special causes: Aug-17 (1,150): outside the process limits; Mar-18 (652): run of 7 on one side of the mean.',
    );
  });

  test('geometry: limits above and below the mean, points inside the plot, labels a line apart', async () => {
    const { calls } = await charts();
    const g = spcGeometry(calls, 320);
    const y = Object.fromEntries(g.lines.map((l) => [l.kind, l.y]));
    expect(y.upper).toBeLessThan(y.mean);
    expect(y.mean).toBeLessThan(y.lower);
    expect(g.points).toHaveLength(24);
    for (const p of g.points) {
      expect(p.x).toBeGreaterThanOrEqual(g.plot.left);
      expect(p.x).toBeLessThanOrEqual(g.plot.right);
      expect(p.y).toBeGreaterThanOrEqual(g.plot.top);
      expect(p.y).toBeLessThanOrEqual(g.plot.bottom);
    }
    const labels = g.lines.map((l) => l.labelY).sort((a, b) => a - b);
    for (let i = 1; i < labels.length; i++) expect(labels[i] - labels[i - 1]).toBeGreaterThanOrEqual(11);
  });

  test('the SVG holds the limits, the mean, the target, one marked point per signal and its text alternative', async () => {
    const { calls, fires } = await charts();
    const svg = spcSvg(calls, 'c1');
    for (const kind of ['upper', 'mean', 'lower', 'target']) expect(svg).toContain(`data-line="${kind}"`);
    expect(svg.match(/data-signal="/g)).toHaveLength(2);
    expect(svg).toContain('data-point="Aug-17" data-signal="spc-outside-limits"');
    expect(svg).toContain('<title id="c1-title">XmR chart: C1 — Number of 999 calls received</title>');
    expect(svg).toContain(`<desc id="c1-desc">${spcSummary(calls).replace(/'/g, '&#39;')}</desc>`);
    expect(svg).toContain('outside limits'); // the key names the shape, not only its colour
    const signalled = fires.points.filter((p) => p.signals.length > 0).length;
    expect(spcSvg(fires, 'f1').match(/data-signal="/g)).toHaveLength(signalled);
  });
});

describe('the HTML report', () => {
  test('draws the chart of each indicator with an spc finding, with its text alternative', async () => {
    const { file } = await charts();
    const r = await run(['check', file, '--format', 'html'], { now: '2018-04-20T09:00:00Z' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('<h3>Statistical process control</h3>');
    expect(r.stdout.match(/<svg /g)).toHaveLength(2);
    expect(r.stdout).toContain('<figcaption>C1 — Number of 999 calls received</figcaption>');
    expect(r.stdout).toContain('<p class="visually-hidden">XmR chart of C1 — Number of 999 calls received: 24 figures');
  });
});
