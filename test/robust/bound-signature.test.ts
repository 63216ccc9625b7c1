/**
 * Issue #12 items 1 and 3: a signature stays bound to the sheets and grids it covered, and
 * to what the reader sees and Excel computes (value, formula text, number format). Each
 * tamper is made on real files, by ExcelJS and by another writer (openpyxl, raw XML), on
 * returns first written by ExcelJS and by xlsxwriter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run } from '../cli/helpers';
import { pythonWithModules, python } from './python-writer';
import {
  editWithExcelJS,
  editXml,
  GRID_SHEET,
  sheetPart,
  signAllOwners,
  signedReturn,
  SIGNERS,
  SIGNING_DAY,
  unsignedReturn,
  type Writer,
} from './signed-workbook';

const noPython = pythonWithModules();
if (noPython) console.warn(`robust tests: xlsxwriter/openpyxl cases skipped: ${noPython}`);
const WRITERS: Writer[] = noPython ? ['exceljs'] : ['exceljs', 'xlsxwriter'];

async function audit(file: string) {
  return run(['audit', file], { now: SIGNING_DAY });
}

async function outstanding(file: string): Promise<string[] | 'no grid'> {
  // After the deadline (14/08/2017), when an outstanding sign-off is reported.
  const r = await run(['check', file, '--format', 'json', '--period', '2017-07'], { now: '2017-08-21T09:00:00Z' });
  const out = JSON.parse(r.stdout) as { grids: unknown[]; findings: { rule: string; message: string }[] };
  if (out.grids.length === 0) {
    // Nothing left to check: exit 2 with one line, never "every check passed".
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^outturn: no metric collection grid found in '.*'\n$/);
    return 'no grid';
  }
  return out.findings.filter((f) => f.rule === 'signoff-outstanding').map((f) => f.message);
}

/**
 * Audit says every role is stale with `reason`, exits 1; check says sign-off is outstanding
 * (or, when no grid is left at all, that there is nothing it can check).
 */
async function expectStale(file: string, reason: RegExp, gridLeft = true): Promise<void> {
  const a = await audit(file);
  expect(a.stdout).toMatch(/Verification: UNBROKEN/); // the trail itself is intact: the figures are what moved
  expect(a.stdout).toMatch(new RegExp(`Compiler: STALE[^\\n]*${reason.source}`));
  expect(a.stdout).toMatch(/Head of service: STALE/);
  expect(a.code).toBe(1);
  expect(await outstanding(file)).toEqual(
    gridLeft ? [expect.stringMatching(/outstanding \(compiler, responsible officer, head of service\)/)] : 'no grid',
  );
}

describe.each(WRITERS)(
  'a return written by %s whose grid names no owners, signed as a whole by all three roles',
  (writer) => {
    const sheet = GRID_SHEET[writer];
    let signed: string;
    beforeAll(async () => {
      signed = await signedReturn(writer, SIGNERS.length, 'whole-return');
    }, 60_000);

    async function copy(): Promise<string> {
      const fs = await import('node:fs');
      const path = await import('node:path');
      const file = path.join(path.dirname(signed), `t-${Math.random().toString(36).slice(2)}.xlsx`);
      fs.copyFileSync(signed, file);
      return file;
    }

    test('as signed: audit exits 0, all roles signed, nothing outstanding', async () => {
      const a = await audit(signed);
      expect(a.code).toBe(0);
      expect(a.stdout).toMatch(/Head of service: signed by Keith Aubrey/);
      expect(await outstanding(signed)).toEqual([]);
    });

    test('the signed sheet renamed (ExcelJS): stale, naming the sheet', async () => {
      const file = await copy();
      await editWithExcelJS(file, (wb) => {
        wb.getWorksheet(sheet)!.name = 'Archive';
      });
      await expectStale(
        file,
        new RegExp(`The signed sheet '${sheet}' is no longer in the workbook \\(deleted or renamed\\)`),
      );
    });

    test('the signed sheet deleted (ExcelJS): stale', async () => {
      const file = await copy();
      await editWithExcelJS(file, (wb) => {
        const ws = wb.getWorksheet(sheet)!;
        wb.addWorksheet('Notes').getCell('A1').value = 'moved elsewhere';
        wb.removeWorksheet(ws.id);
      });
      await expectStale(file, /is no longer in the workbook/, false);
    });

    test('the signed sheet made very hidden (ExcelJS): stale, saying so', async () => {
      const file = await copy();
      await editWithExcelJS(file, (wb) => {
        wb.getWorksheet(sheet)!.state = 'veryHidden';
      });
      await expectStale(file, new RegExp(`The signed sheet '${sheet}' is very hidden`), false);
    });

    test('the header row cleared (ExcelJS): stale, no grid on the signed sheet', async () => {
      const file = await copy();
      await editWithExcelJS(file, (wb) => {
        const ws = wb.getWorksheet(sheet)!;
        for (let r = 1; r <= 30; r++) {
          const row = ws.getRow(r);
          if (row.getCell(1).value === 'Ref')
            row.eachCell((c) => {
              c.value = null;
            });
        }
      });
      await expectStale(file, new RegExp(`No grid is found on the signed sheet '${sheet}' any more`), false);
    });

    test('the signed sheet renamed by hand in xl/workbook.xml (another writer): stale', async () => {
      const file = await copy();
      await editXml(file, 'xl/workbook.xml', (xml) => xml.replace(`name="${sheet}"`, 'name="Old figures"'));
      await expectStale(file, /is no longer in the workbook/);
    });

    test('the signed sheet made very hidden by hand in xl/workbook.xml (another writer): stale', async () => {
      const file = await copy();
      await editXml(file, 'xl/workbook.xml', (xml) =>
        xml.replace(new RegExp(`<sheet [^>]*name="${sheet}"[^>]*>`), (el) =>
          el.includes('state=')
            ? el.replace(/state="[^"]*"/, 'state="veryHidden"')
            : el.replace('<sheet ', '<sheet state="veryHidden" '),
        ),
      );
      await expectStale(file, /is very hidden/, false);
    });

    (noPython ? test.skip : test)('the signed sheet renamed and very hidden by openpyxl: stale', async () => {
      const file = await copy();
      python(
        `import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb[sys.argv[2]].title = 'Renamed'\nwb.save(sys.argv[1])`,
        file,
        sheet,
      );
      await expectStale(file, /The signed sheet '[^']+' is no longer in the workbook/);
      const hidden = await copy();
      python(
        `import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.create_sheet('Notes')\nwb.active = len(wb.sheetnames) - 1\nwb[sys.argv[2]].sheet_state = 'veryHidden'\nwb.save(sys.argv[1])`,
        hidden,
        sheet,
      );
      await expectStale(hidden, /is very hidden/, false);
    });

    /** The first percentage figure of the grid (its Jul column) and its value. */
    const FIGURE: Record<Writer, { cell: string; value: number }> = {
      exceljs: { cell: 'H6', value: 0.94 },
      xlsxwriter: { cell: 'G5', value: 0.97 },
    };

    test('a figure replaced by =0.5 whose cached result still reads as signed (ExcelJS): stale', async () => {
      const file = await copy();
      const { cell, value } = FIGURE[writer];
      await editWithExcelJS(file, (wb) => {
        const c = wb.getWorksheet(sheet)!.getCell(cell);
        expect(c.value).toBe(value);
        c.value = { formula: '0.5', result: value } as ExcelJS.CellValue;
      });
      await expectStale(file, /figures changed since signed/);
      const a = await audit(file);
      expect(a.stdout).toMatch(/Changed: (CS01|SP01)\./);
    });

    test('a formula added in the sheet XML over the cached figure (another writer): stale', async () => {
      const file = await copy();
      const { cell } = FIGURE[writer];
      const part = await sheetPart(file, sheet);
      await editXml(file, part, (xml) => xml.replace(new RegExp(`(<c r="${cell}"[^>]*>)(<v>)`), '$1<f>0.5</f>$2'));
      await expectStale(file, /figures changed since signed/);
    });

    test('a number format "50%" laid over the figure (ExcelJS): stale', async () => {
      const file = await copy();
      await editWithExcelJS(file, (wb) => {
        wb.getWorksheet(sheet)!.getCell(FIGURE[writer].cell).numFmt = '"50%"';
      });
      await expectStale(file, /figures changed since signed/);
    });

    test('a format change on a title line, outside the grid, leaves the signatures current', async () => {
      const file = await copy();
      await editWithExcelJS(file, (wb) => {
        wb.getWorksheet(sheet)!.getCell('A2').numFmt = '@';
      });
      const a = await audit(file);
      expect(a.code).toBe(0);
    });
  },
);

describe.each(WRITERS)('a return written by %s whose grid names its owners, signed by every owner', (writer) => {
  const sheet = GRID_SHEET[writer];
  let signed: string;
  beforeAll(async () => {
    signed = await unsignedReturn(writer);
    await signAllOwners(signed, writer);
  }, 120_000);

  async function copy(): Promise<string> {
    const file = path.join(path.dirname(signed), `o-${Math.random().toString(36).slice(2)}.xlsx`);
    fs.copyFileSync(signed, file);
    return file;
  }

  test('as signed: audit exits 0, the matrix complete', async () => {
    const a = await audit(signed);
    expect(a.stdout).toContain('Sign-off (per owner, as the grid assigns each indicator):');
    expect(a.stdout).toContain('Complete: every indicator holds three current signatures.');
    expect(a.stdout).not.toContain('Stale signatures');
    expect(a.code).toBe(0);
  });

  test('the signed sheet renamed (ExcelJS): every signature stale, saying the sheet is gone; audit exits 1', async () => {
    const file = await copy();
    await editWithExcelJS(file, (wb) => {
      wb.getWorksheet(sheet)!.name = 'Archive';
    });
    const a = await audit(file);
    expect(a.stdout).toMatch(/Verification: UNBROKEN/);
    expect(a.stdout).toContain('Stale signatures (must be signed again):');
    expect(a.stdout).toContain(`The signed sheet '${sheet}' has no grid any more (renamed, deleted or hidden)`);
    expect(a.stdout).toMatch(/Head of service \(Keith Aubrey, record \d+\) over [^\n]*: STALE\./);
    expect(a.stdout).toContain('Not complete yet.');
    expect(a.code).toBe(1);
    const j = JSON.parse((await run(['audit', file, '--format', 'json'], { now: SIGNING_DAY })).stdout) as {
      progress: { complete: boolean; gone: { role: string; status: string }[] };
      signOff: { role: string; status: string }[];
    };
    expect(j.progress.complete).toBe(false);
    expect(new Set(j.progress.gone.map((g) => g.role))).toEqual(
      new Set(['compiler', 'responsible-officer', 'head-of-service']),
    );
    expect(j.signOff.map((s) => s.status)).toEqual(['stale', 'stale', 'stale']);
  });

  test('the signed sheet renamed by hand in xl/workbook.xml (another writer): stale, audit exits 1', async () => {
    const file = await copy();
    await editXml(file, 'xl/workbook.xml', (xml) => xml.replace(`name="${sheet}"`, 'name="Old figures"'));
    const a = await audit(file);
    expect(a.stdout).toContain(`The signed sheet '${sheet}' has no grid any more`);
    expect(a.code).toBe(1);
  });

  test('a figure replaced by =0.5 whose cached result still reads as signed: that indicator stale, audit exits 1', async () => {
    const file = await copy();
    const cell = writer === 'exceljs' ? 'H6' : 'G5';
    await editWithExcelJS(file, (wb) => {
      const c = wb.getWorksheet(sheet)!.getCell(cell);
      c.value = { formula: '0.5', result: c.value } as ExcelJS.CellValue;
    });
    const a = await audit(file);
    expect(a.stdout).toMatch(
      new RegExp(
        `${writer === 'exceljs' ? 'CS01' : 'SP01'}, compiler \\(Alan Pritchard\\): Figures of ${writer === 'exceljs' ? 'CS01' : 'SP01'} changed since signed`,
      ),
    );
    expect(a.code).toBe(1);
  });
});
