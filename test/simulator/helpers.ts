/**
 * The simulator is strict where Office.js is strict (issue #8): each behaviour tested under
 * test/simulator/ is one the reference documents (cited beside it in src/simulator) and the
 * adapter relies on. What those tests share: a small return and a way to run a batch on it.
 */
import { createSimulator, Simulator } from '../../src/simulator';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Ctx = any;
export const run = <T>(sim: Simulator, batch: (ctx: Ctx) => Promise<T>) => sim.Excel.run<T>(batch);

export function workbook(): Simulator {
  return createSimulator({
    sheets: [
      {
        name: 'Return',
        cells: [
          ['Ref', 'Apr'],
          ['CS01', { value: 0.96, format: '0.0%' }],
          ['CS02', { value: 0.9, format: '0.0%' }],
        ],
        conditionalFormats: [
          { range: 'B2', formula: '=B2<0.9', fill: '#FFC7CE' },
          { range: 'B3', formula: '=B3<0.8', fill: '#FFEB9C' },
          { range: 'B2:B3', formula: '=ISBLANK(B2)', fill: '#DDDDDD' },
        ],
        selection: 'A1:A3, B2',
      },
      { name: 'OutturnTrail', visibility: 'VeryHidden', cells: [['seq']] },
    ],
  });
}

export const formulas = (s: Simulator) => s.sheet('Return').conditionalFormats.map((cf) => cf.formula);
