import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from '@fluentui/react-components';
import { checkWorkbook } from '../engine';
import { RULES } from '../engine/rules';
import { createOfficeHost } from '../excel';
import { App } from './App';
import { localToday } from './run-check';
import { type ThemeName, isDarkColour } from './theme';
import { OFFICE_READY, mark } from './render-marks';

/** Follow Office's theme: dark when Office paints the pane's body dark. */
function officeTheme(): ThemeName {
  try {
    const theme = Office.context.officeTheme as (Office.OfficeTheme & { isDarkTheme?: boolean }) | undefined;
    if (typeof theme?.isDarkTheme === 'boolean') return theme.isDarkTheme ? 'dark' : 'light';
    return isDarkColour(theme?.bodyBackgroundColor) ? 'dark' : 'light';
  } catch {
    return 'light'; // officeTheme needs a newer host: fall back to light
  }
}

/**
 * Opened outside Excel (the page in a browser, or another Office host), Office.onReady says
 * so with a null or different host: there is no workbook to read, so say where Outturn runs
 * rather than fail on the first Excel call.
 */
function OutsideExcel() {
  return (
    <FluentProvider theme={webLightTheme}>
      <MessageBar intent="info" style={{ margin: 12 }}>
        <MessageBarBody>
          <MessageBarTitle>Outturn runs inside Excel</MessageBarTitle>
          Open it from Excel: Home › Outturn. To try it without Excel, open <a href="workbench.html">the workbench</a>.
        </MessageBarBody>
      </MessageBar>
    </FluentProvider>
  );
}

Office.onReady((info) => {
  mark(OFFICE_READY);
  const root = createRoot(document.getElementById('root')!);
  if (info.host !== Office.HostType.Excel) {
    root.render(<OutsideExcel />);
    return;
  }
  root.render(
    <App host={createOfficeHost()} check={checkWorkbook} rules={RULES} theme={officeTheme()} today={localToday} />,
  );
});
