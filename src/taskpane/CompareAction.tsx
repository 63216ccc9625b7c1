/**
 * "Compare with the previous return…" on the Check tab: the user chooses last month's or
 * last quarter's .xlsx, the pane reads it in the browser with Outturn's own reader (no
 * upload, no network) and runs the application layer's comparison against the return just
 * checked. The reliability findings join the list and are marked like any other.
 */
import * as React from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { compareReturns, userMessageOf, type ComparedReturn, type ReturnsCompared } from '../app';
import { readReturnFile, ReturnFileError } from '../excel/return-file';
import type { LoadedTrail } from '../signoff/trail';
import type { CheckSnapshot } from './signoff/contract';
import { trailStore } from './signoff/trail-client';

export interface Comparison {
  /** The check this comparison was made against (a new check drops it). */
  snapshot: CheckSnapshot;
  fileName: string;
  previous: ComparedReturn;
  compared: ReturnsCompared;
}

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  button: { minWidth: 'auto', paddingLeft: 0, paddingRight: 0, justifyContent: 'flex-start' },
  input: { display: 'none' },
});

async function currentTrail(): Promise<LoadedTrail | null> {
  try {
    return await trailStore().load();
  } catch {
    return null;
  }
}

/** Compare the return as last checked with a previous one already read (again after a restatement is recorded). */
export async function compareWith(
  snapshot: CheckSnapshot,
  fileName: string,
  previous: ComparedReturn,
): Promise<Comparison> {
  const compared = compareReturns(
    previous,
    {
      source: { sheets: snapshot.sheets, config: snapshot.config },
      trail: await currentTrail(),
      grids: snapshot.result.grids,
    },
    snapshot.result.timeline.asOf,
  );
  if (compared.indicators.previous === 0)
    throw new ReturnFileError(`No metric collection grid was found in '${fileName}', so there is nothing to compare.`);
  return { snapshot, fileName, previous, compared };
}

/** Read a chosen file's bytes in the browser and compare: the file goes nowhere. */
async function compareFile(snapshot: CheckSnapshot, file: File): Promise<Comparison> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = readReturnFile(file.name, bytes);
  // The previous return is judged with this workbook's rules: the same body's return, a period earlier.
  const previous: ComparedReturn = {
    source: { sheets: read.sheets, config: snapshot.config, allSheets: read.sheetNames },
    trail: read.trail,
  };
  return compareWith(snapshot, file.name, previous);
}

export function CompareAction({
  snapshot,
  disabled,
  onCompared,
  onError,
}: {
  snapshot: CheckSnapshot;
  disabled: boolean;
  onCompared: (c: Comparison) => void;
  onError: (message: string) => void;
}): React.JSX.Element {
  const s = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const [busy, setBusy] = React.useState(false);
  const chosen = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      onCompared(await compareFile(snapshot, file));
    } catch (err) {
      onError(err instanceof ReturnFileError ? err.message : userMessageOf(err));
    } finally {
      setBusy(false);
      // The same file can be chosen again (after fixing it, say).
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div className={s.row}>
      <Button
        appearance="transparent"
        size="small"
        className={s.button}
        disabled={disabled || busy}
        onClick={() => input.current?.click()}
        aria-label="Compare with the previous return…"
        title="Compare with the previous return: choose last month's or last quarter's .xlsx; it is read here, in the pane, and sent nowhere"
        data-testid="compare-previous"
      >
        {/* Short, to share the Group by line in a 320 px pane; the accessible name says it whole. */}
        {busy ? 'Comparing…' : 'Compare…'}
      </Button>
      <input
        ref={input}
        className={s.input}
        type="file"
        accept=".xlsx"
        aria-label="The previous return (.xlsx)"
        onChange={(e) => void chosen(e.target.files?.[0])}
        data-testid="compare-file"
      />
    </div>
  );
}

/** "Compared with 'q2.xlsx': 14 differences; 1 figure of a reported period changed without a recorded restatement." */
export function comparisonSentence(c: Comparison): string {
  const n = c.compared.differences.length;
  const u = c.compared.unrecorded.length;
  return `Compared with '${c.fileName}': ${n} ${n === 1 ? 'difference' : 'differences'}; ${u} ${u === 1 ? 'figure' : 'figures'} of reported periods changed without a recorded restatement.`;
}
