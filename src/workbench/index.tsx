/**
 * workbench.html: the real task pane (same App, same Office.js adapter and engine) against
 * the in-memory simulator, beside a rendering of the simulated workbook. No Microsoft
 * CDN: the simulator is installed as the Office / Excel globals before anything runs.
 * URL options: ?theme=dark, ?pane=400 (pane width in px), ?api=1.9 (ExcelApi version),
 * ?rows=3000 (a large return with one error per indicator, instead of the sample),
 * ?layout=pane (the pane alone, filling the window, as Excel shows a task pane).
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { createSimulator } from '../simulator';
import { checkWorkbook } from '../engine';
import { RULES } from '../engine/rules';
import { createOfficeHost } from '../excel';
import { Workbench } from './Workbench';
import { SAMPLE_AS_OF, largeSample, workbenchSample } from './sample';
import { OFFICE_READY, mark } from '../taskpane/render-marks';

const params = new URLSearchParams(window.location.search);
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
const paneWidth = Math.max(280, Math.min(800, Number(params.get('pane')) || 320));
const rows = Number(params.get('rows')) || 0;
const paneOnly = params.get('layout') === 'pane';
const sample = rows > 0 ? largeSample(Math.min(rows, 100_000)) : workbenchSample();
const sim = createSimulator(sample.input, { theme, excelApi: params.get('api') ?? undefined }).install();
// For the browser tests and for anyone poking at the workbench from the console.
(window as unknown as { outturnWorkbench: unknown }).outturnWorkbench = { sim };

Office.onReady(async () => {
  const host = createOfficeHost();
  // The sample is a July 2017 return: check it as of a date in August 2017, as its compiler would have.
  if ((await host.loadSettings()) === null) await host.saveSettings({ asOf: SAMPLE_AS_OF });
  sim.resetStats();
  // Marked here, after the workbench's own set-up, so the figure is the pane's render as in Excel.
  mark(OFFICE_READY);
  createRoot(document.getElementById('root')!).render(
    <Workbench
      sim={sim}
      host={host}
      sample={sample}
      check={checkWorkbook}
      rules={RULES}
      today={() => SAMPLE_AS_OF}
      initialTheme={theme}
      paneWidth={paneWidth}
      paneOnly={paneOnly}
    />,
  );
});
