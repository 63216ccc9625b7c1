import * as React from 'react';
import type { WorkbookHost } from '../excel/host';
import type { Simulator } from '../simulator';
import { a1 } from '../engine/model/address';
import { App } from '../taskpane/App';
import type { CheckFn } from '../taskpane/run-check';
import type { RuleInfo } from '../engine/model/finding';
import type { ThemeName } from '../taskpane/theme';
import { SheetView } from './SheetView';
import { AccountSwitcher } from './AccountSwitcher';
import { FIRST_ACCOUNT, signIn, type WorkbenchAccount } from './accounts';
import { forgetSignedInAccount } from '../taskpane/signoff/trail-client';
import { cellInView } from './visible-cells';
import type { WorkbenchSample } from './sample';

export interface WorkbenchProps {
  sim: Simulator;
  host: WorkbookHost;
  sample: WorkbenchSample;
  check: CheckFn;
  rules: readonly RuleInfo[];
  today: () => string;
  initialTheme: ThemeName;
  paneWidth: number;
  /** Only the pane, filling the window, as Excel shows a task pane (`?layout=pane`): for trying and testing pane sizes. */
  paneOnly?: boolean;
}

/** The real task pane beside the simulated workbook it works on. */
export function Workbench({
  sim,
  host,
  sample,
  check,
  rules,
  today,
  initialTheme,
  paneWidth,
  paneOnly = false,
}: WorkbenchProps): React.JSX.Element {
  const [version, setVersion] = React.useState(0);
  const [theme, setTheme] = React.useState<ThemeName>(initialTheme);
  const [editError, setEditError] = React.useState<string | null>(null);
  // Another officer signing in stands for another person opening the workbook: a new pane session (App remounted).
  const [account, setAccount] = React.useState<WorkbenchAccount>(() => {
    signIn(sim.Office, FIRST_ACCOUNT);
    return FIRST_ACCOUNT;
  });
  const [switched, setSwitched] = React.useState(false);
  const switchAccount = React.useCallback(
    (acc: WorkbenchAccount) => {
      signIn(sim.Office, acc);
      forgetSignedInAccount();
      setAccount(acc);
      setSwitched(true);
    },
    [sim],
  );

  React.useEffect(() => sim.subscribe(() => setVersion((v) => v + 1)), [sim]);

  const onEdit = React.useCallback(
    (sheet: string, row: number, col: number, text: string) => {
      sim.editCell(sheet, a1(row, col), text).then(
        () => setEditError(null),
        (err: Error) => setEditError(err.message),
      );
    },
    [sim],
  );

  if (paneOnly) {
    return (
      <div className="wb-pane wb-pane-only" aria-label="Outturn task pane" data-testid="pane">
        <App host={host} check={check} rules={rules} theme={theme} today={today} />
      </div>
    );
  }

  return (
    <div className="wb-app">
      <header className="wb-bar">
        <h1>Outturn workbench</h1>
        <p>The Outturn task pane on a sample return held in memory. Double-click a cell to change a figure.</p>
        <AccountSwitcher account={account} onChange={switchAccount} />
        <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="toggle-theme">
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </header>
      <div className="wb-main">
        <section className="wb-left" aria-label="Workbook">
          {editError && (
            <p role="alert" style={{ margin: 4, color: '#9C0006' }}>
              {editError}
            </p>
          )}
          <SheetView
            wb={sim.workbook}
            version={version}
            bold={sample.bold}
            columnWidths={sample.columnWidths}
            onActivate={(name) => sim.setSelection(name, 'A1')}
            onSelect={(name, r, c) => sim.setSelection(name, a1(r, c))}
            onEdit={onEdit}
          />
        </section>
        <aside className="wb-pane" style={{ width: paneWidth }} aria-label="Outturn task pane" data-testid="pane">
          <App
            key={account.upn}
            host={host}
            check={check}
            rules={rules}
            theme={theme}
            today={today}
            clearMarksOnStart={switched}
            cellInView={cellInView}
          />
        </aside>
      </div>
    </div>
  );
}
