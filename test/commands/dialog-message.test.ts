import { dialogUrl, readDialogMessage, MAX_LINE, MAX_LINES } from '../../src/dialog/message';
import { outcomeMessage, failureMessage } from '../../src/commands/summary';

describe("the dialog message travels in the dialog page's address", () => {
  test('round trip: kind, title, lines and the countdown come back as sent, beside the function file', () => {
    const m = outcomeMessage({ errors: 18, warnings: 5, indicators: 14, grids: 1, notices: [] });
    const url = dialogUrl('https://outturn.melton.gov.uk/addin/commands.html?_host_Info=Excel$Win32', m);
    expect(url.startsWith('https://outturn.melton.gov.uk/addin/dialog.html?')).toBe(true);
    expect(url).not.toContain('_host_Info');
    expect(readDialogMessage(new URL(url).search)).toEqual(m);
    expect(m).toEqual({
      kind: 'error',
      title: '18 errors and 5 warnings marked',
      lines: ['14 indicators checked.', expect.stringMatching(/^Failing cells are marked/)],
      closeAfterSeconds: 8,
    });
  });

  test('text that looks like markup or carries & = # stays text', () => {
    const m = failureMessage('Sheet "<b>Q1 & Q2</b>" #1 = bad?');
    expect(readDialogMessage(new URL(dialogUrl('https://localhost:3000/commands.html', m)).search).lines).toEqual([
      'Sheet "<b>Q1 & Q2</b>" #1 = bad?',
    ]);
  });

  test('long messages are clipped so the address stays short', () => {
    const m = {
      kind: 'warning' as const,
      title: 'x'.repeat(500),
      lines: Array.from({ length: 20 }, () => 'y '.repeat(400)),
      closeAfterSeconds: null,
    };
    const url = dialogUrl('https://localhost:3000/commands.html', m);
    const back = readDialogMessage(new URL(url).search);
    expect(back.lines).toHaveLength(MAX_LINES);
    for (const l of back.lines) expect(l.length).toBeLessThanOrEqual(MAX_LINE);
    expect(back.title.length).toBeLessThanOrEqual(120);
    expect(url.length).toBeLessThan(2083 * 3); // percent-encoding of spaces; Office accepts far more
    expect(back.closeAfterSeconds).toBeNull();
  });

  test('a hand-edited address falls back to a plain note', () => {
    expect(readDialogMessage('?k=<script>&s=-4')).toEqual({
      kind: 'info',
      title: 'Outturn',
      lines: [],
      closeAfterSeconds: null,
    });
    expect(readDialogMessage('?s=99999').closeAfterSeconds).toBe(120);
  });

  test('summaries: all clear closes itself; no grid, unmarked and failures stay', () => {
    expect(
      outcomeMessage({
        errors: 0,
        warnings: 0,
        indicators: 1,
        grids: 1,
        notices: ['The period was read from the title.'],
      }),
    ).toEqual({
      kind: 'info',
      title: 'No errors or warnings',
      lines: ['1 indicator checked.', 'The period was read from the title.'],
      closeAfterSeconds: 8,
    });
    expect(outcomeMessage({ errors: 0, warnings: 1, indicators: 3, grids: 1, notices: [] }).title).toBe(
      '0 errors and 1 warning marked',
    );
    expect(outcomeMessage({ errors: 0, warnings: 0, indicators: 0, grids: 0, notices: [] })).toEqual(
      expect.objectContaining({ kind: 'warning', title: 'No return found on this sheet', closeAfterSeconds: null }),
    );
    expect(
      outcomeMessage({
        errors: 2,
        warnings: 0,
        indicators: 3,
        grids: 1,
        markError: 'The sheet is protected.',
        notices: [],
      }),
    ).toEqual({
      kind: 'error',
      title: '2 errors and 0 warnings found, but not marked',
      lines: ['The sheet is protected.', 'Open the Outturn pane to see the list.'],
      closeAfterSeconds: null,
    });
  });
});
