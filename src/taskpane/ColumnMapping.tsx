import * as React from 'react';
import {
  Button,
  Caption1,
  Dropdown,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type ColumnChoice, type UnplacedColumn, type UnplacedRole, UNPLACED_ROLES } from '../app/column-mapping';
import { userMessage } from './run-check';

/** What each role offered for an unplaced column is called: the words of a compiler's return. */
const ROLE_WORDS: Record<UnplacedRole, string> = {
  latest: 'Figure for the period',
  ytd: 'Year to date',
  previousYear: "Last year's figure",
  body: 'One body (station, district, landlord…)',
  target: 'Target',
  floor: 'Floor standard',
  comparator: 'Benchmark (not judged)',
  ignore: 'Not a figure: ignore it',
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  // The heading above its dropdown: a 320 px pane has no room for both on one line.
  column: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  heading: { overflowWrap: 'anywhere' },
  dropdown: { minWidth: 0, width: '100%' },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

interface Props {
  /** The columns of figures the last check could not place. */
  columns: readonly UnplacedColumn[];
  /** Save the choices in the workbook's settings and check again. */
  onApply: (choices: ColumnChoice[]) => Promise<void>;
  /** A check is running: the choices wait. */
  disabled?: boolean;
}

/**
 * The figures-not-checked warning's mapping, in one step: a dropdown of roles for each
 * column the check could not place (the suggestion chosen), then Save and check again.
 */
export function ColumnMapping({ columns, onApply, disabled = false }: Props): React.JSX.Element | null {
  const s = useStyles();
  const [chosen, setChosen] = React.useState<Record<string, UnplacedRole>>({});
  const [saving, setSaving] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  if (columns.length === 0) return null;

  const id = (c: UnplacedColumn) => `${c.sheet}!${c.column}`;
  const roleOf = (c: UnplacedColumn) => chosen[id(c)] ?? c.suggested;
  const apply = async () => {
    setSaving(true);
    setError(null);
    try {
      await onApply(columns.map((c) => ({ key: c.key, role: roleOf(c) })));
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={s.root} aria-label="Map the columns not checked" data-testid="column-mapping">
      <Caption1 className={s.title}>Say what these columns hold, and they will be checked:</Caption1>
      {columns.map((c) => {
        const label = `${c.column}: ${c.header || '(no heading)'}`;
        return (
          <div key={id(c)} className={s.column}>
            <Caption1 className={s.heading}>
              {label} ({c.cells.toLocaleString('en-GB')} {c.cells === 1 ? 'figure' : 'figures'})
            </Caption1>
            <Dropdown
              size="small"
              className={s.dropdown}
              aria-label={label}
              value={ROLE_WORDS[roleOf(c)]}
              selectedOptions={[roleOf(c)]}
              onOptionSelect={(_, d) =>
                d.optionValue && setChosen((m) => ({ ...m, [id(c)]: d.optionValue as UnplacedRole }))
              }
              disabled={disabled || saving}
              data-testid="column-role"
              data-column={c.column}
            >
              {UNPLACED_ROLES.map((r) => (
                <Option key={r} value={r}>
                  {ROLE_WORDS[r]}
                </Option>
              ))}
            </Dropdown>
          </div>
        );
      })}
      <div className={s.actions}>
        <Button
          size="small"
          appearance="primary"
          onClick={() => void apply()}
          disabled={disabled || saving}
          data-testid="map-columns"
        >
          Save and check again
        </Button>
        {saving && <Spinner size="extra-tiny" label="Saving…" labelPosition="after" />}
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
