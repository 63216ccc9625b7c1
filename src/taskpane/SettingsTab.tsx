import * as React from 'react';
import {
  Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Subtitle2, Switch, Text,
  makeStyles, tokens,
} from '@fluentui/react-components';
import type { OutturnConfig } from '../engine/model/config';
import { parseConfig } from '../engine/model/config';
import type { RuleInfo, Severity } from '../engine/model/finding';
import type { Grid } from '../engine/model/grid';
import { ColumnRole } from '../engine/model/roles';
import { dimensionTitle } from './findings-view';
import { type ColumnMapping, type MappedRole, gridMapping, withColumnRole } from './mapping';
import { roleLabel } from './role-labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  rule: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  ruleText: { gridColumn: '1 / span 2', color: tokens.colorNeutralForeground3, paddingLeft: tokens.spacingHorizontalXXL },
  severity: { minWidth: '110px', width: '110px' },
  column: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  header: { overflowWrap: 'anywhere' },
  roleDropdown: { minWidth: '150px', width: '150px' },
  save: { alignSelf: 'flex-start' },
});

const SEVERITY_LABELS: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const ROLE_OPTIONS: MappedRole[] = ['', ...ColumnRole.options, 'ignore'];

interface Props {
  config: OutturnConfig;
  rules: readonly RuleInfo[];
  grids: readonly Grid[];
  onSave: (config: OutturnConfig) => Promise<void>;
}

/** Reporting period, dates, rules and column mapping; saved into the workbook so they travel with it. */
export function SettingsTab({ config, rules, grids, onSave }: Props): React.JSX.Element {
  const s = useStyles();
  const [draft, setDraft] = React.useState<OutturnConfig>(config);
  const [deadlineDays, setDeadlineDays] = React.useState(String(config.deadlineDays));
  const [errors, setErrors] = React.useState<string[]>([]);
  const [saving, setSaving] = React.useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(config) || deadlineDays !== String(config.deadlineDays);

  const setOptional = (key: 'period' | 'asOf', value: string) =>
    setDraft((d) => {
      const next = { ...d };
      if (value.trim()) next[key] = value.trim(); else delete next[key];
      return next;
    });

  const setRule = (id: string, patch: { enabled?: boolean; severity?: Severity }) =>
    setDraft((d) => ({ ...d, rules: { ...d.rules, [id]: { enabled: d.rules[id]?.enabled ?? true, severity: d.rules[id]?.severity, ...patch } } }));

  const save = async () => {
    const candidate = { ...draft, deadlineDays: deadlineDays.trim() === '' ? NaN : Number(deadlineDays) };
    const parsed = parseConfig(candidate);
    if (!parsed.ok) {
      setErrors(parsed.errors.map(explain));
      return;
    }
    setErrors([]);
    setSaving(true);
    try {
      await onSave(parsed.config);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={s.root}>
      <section className={s.section} aria-labelledby="settings-period">
        <Subtitle2 id="settings-period">Reporting period</Subtitle2>
        <Field label="Period (YYYY-MM)" hint="Blank: read from a 'Results up to …' title.">
          <Input value={draft.period ?? ''} placeholder="2017-07" onChange={(_, d) => setOptional('period', d.value)} data-testid="setting-period" />
        </Field>
        <Field label="As-of date (YYYY-MM-DD)" hint="Blank: today.">
          <Input value={draft.asOf ?? ''} placeholder="2017-08-14" onChange={(_, d) => setOptional('asOf', d.value)} data-testid="setting-as-of" />
        </Field>
        <Field label="Deadline (working days after the period ends)">
          <Input type="number" min={0} max={120} value={deadlineDays} onChange={(_, d) => setDeadlineDays(d.value)} data-testid="setting-deadline-days" />
        </Field>
      </section>

      <section className={s.section} aria-labelledby="settings-rules">
        <Subtitle2 id="settings-rules">Rules</Subtitle2>
        {rules.length === 0 && <Text>No rules are available.</Text>}
        {rules.map((rule) => {
          const setting = draft.rules[rule.id];
          const enabled = setting?.enabled ?? true;
          const severity = setting?.severity ?? rule.severity;
          return (
            <div className={s.rule} key={rule.id} data-testid={`rule-${rule.id}`}>
              <Switch checked={enabled} label={rule.title} onChange={(_, d) => setRule(rule.id, { enabled: d.checked })} data-testid={`rule-switch-${rule.id}`} />
              <Dropdown
                className={s.severity}
                aria-label={`Severity of ${rule.title}`}
                value={SEVERITY_LABELS[severity]}
                selectedOptions={[severity]}
                disabled={!enabled}
                onOptionSelect={(_, d) => d.optionValue && setRule(rule.id, { severity: d.optionValue as Severity })}
              >
                {(['error', 'warning', 'info'] as Severity[]).map((sev) => <Option key={sev} value={sev}>{SEVERITY_LABELS[sev]}</Option>)}
              </Dropdown>
              <Caption1 className={s.ruleText}>{dimensionTitle(rule.dimension)}: {rule.description}</Caption1>
            </div>
          );
        })}
      </section>

      <section className={s.section} aria-labelledby="settings-columns">
        <Subtitle2 id="settings-columns">Column mapping</Subtitle2>
        {grids.length === 0 && <Text>Press Check to detect the columns; then correct any the check got wrong here.</Text>}
        {grids.map((grid) => (
          <GridColumns key={`${grid.sheet}!${grid.headerRow}!${grid.left}`} grid={grid} draft={draft} onChange={(col, role) => setDraft((d) => withColumnRole(d, col, role))} />
        ))}
      </section>

      {errors.length > 0 && (
        <MessageBar intent="error" data-testid="settings-errors">
          <MessageBarBody>{errors.join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" className={s.save} onClick={save} disabled={saving || !dirty} data-testid="save-settings">
        {saving ? 'Saving…' : 'Save settings'}
      </Button>
    </div>
  );
}

function GridColumns({ grid, draft, onChange }: { grid: Grid; draft: OutturnConfig; onChange: (col: ColumnMapping, role: MappedRole) => void }): React.JSX.Element {
  const s = useStyles();
  const columns = gridMapping(grid, draft);
  const idBase = React.useId(); // sheet names hold spaces, which aria-labelledby would split
  return (
    <div className={s.section}>
      <Text weight="semibold">{grid.sheet}, header row {grid.headerRow + 1}</Text>
      {columns.map((c) => {
        const chosen: MappedRole = draft.columns[c.configKey] ?? draft.columns[c.letter] ?? c.role;
        const id = `${idBase}-${c.letter}`;
        return (
          <div className={s.column} key={c.col}>
            <Text id={id} className={s.header}>{c.letter}: {c.header || '(no header)'}</Text>
            <Dropdown
              className={s.roleDropdown}
              aria-labelledby={id}
              value={roleLabel(chosen)}
              selectedOptions={[chosen]}
              onOptionSelect={(_, d) => onChange(c, (d.optionValue ?? '') as MappedRole)}
            >
              {ROLE_OPTIONS.map((r) => <Option key={r || 'none'} value={r}>{roleLabel(r)}</Option>)}
            </Dropdown>
          </div>
        );
      })}
    </div>
  );
}

/** zod paths to words a compiler reads ("period: must be a month written YYYY-MM"). */
function explain(error: string): string {
  return error
    .replace(/^period:/, 'Period:')
    .replace(/^asOf:/, 'As-of date:')
    .replace(/^deadlineDays:.*/, 'Deadline: enter a whole number of working days from 0 to 120.')
    .replace(/([^.])$/, '$1.');
}
