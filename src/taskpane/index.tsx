import * as React from 'react';
import { createRoot } from 'react-dom/client';
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

Office.onReady(() => {
  mark(OFFICE_READY);
  const root = createRoot(document.getElementById('root')!);
  root.render(<App host={createOfficeHost()} check={checkWorkbook} rules={RULES} theme={officeTheme()} today={localToday} />);
});
