import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Subtitle2,
  Switch,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { OutturnConfig } from '../engine/model/config';
import { parseConfig } from '../engine/model/config';
import { Dimension, type RuleInfo, type Severity } from '../engine/model/finding';
import type { Grid } from '../engine/model/grid';
import { ColumnRole } from '../engine/model/roles';
import { dimensionTitle } from './findings-view';
import { type ColumnMapping, type MappedRole, gridMapping, withColumnRole } from './mapping';
import { roleLabel } from './role-labels';

const useStyles = makeStyles({
  // Sections scroll; Save and Cancel stay at the foot of the pane, always in reach.
  root: { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 },
  sections: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
  rule: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  ruleText: {
    gridColumn: '1 / span 2',
    color: tokens.colorNeutralForeground2,
    paddingLeft: tokens.spacingHorizontalXXL,
  },
  dimension: { marginTop: tokens.spacingVerticalS },
  severity: { minWidth: '104px', width: '104px' },
  column: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  header: { overflowWrap: 'anywhere' },
  roleDropdown: { minWidth: '150px', width: '150px' },
  footer: {
    position: 'sticky',
    bottom: 0,
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  status: { color: tokens.colorNeutralForeground2, marginLeft: 'auto' },
});

const SEVERITY_LABELS: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const ROLE_OPTIONS: MappedRole[] = ['', ...ColumnRole.options, 'ignore'];
// Every dimension the catalogue knows, so a new one (reliability) is never left out of the settings.
const DIMENSIONS: readonly Dimension[] = Dimension.options;
type SectionId = 'period' | 'rules' | 'columns' | 'annotations';

interface Props {
  config: OutturnConfig;
  rules: readonly RuleInfo[];
  grids: readonly Grid[];
  /** Resolves true once saved. */
  onSave: (config: OutturnConfig) => Promise<boolean | void>;
  /** Told whenever the form starts or stops differing from the saved configuration. */
  onDirtyChange?: (dirty: boolean) => void;
}

/** Annotations as the user types them: one per line. */
const annotationText = (list: readonly string[]) => list.join('\n');
const annotationList = (text: string) =>
  text
    .split(/\r?\n/)
    .map((t) => t.trim())
    .filter(Boolean);

/** Reporting period, dates, rules, column mapping and annotations; saved into the workbook so they travel with it. */
export function SettingsTab({ config, rules, grids, onSave, onDirtyChange }: Props): React.JSX.Element {
  const s = useStyles();
  const [draft, setDraft] = React.useState<OutturnConfig>(config);
  const [deadlineDays, setDeadlineDays] = React.useState(String(config.deadlineDays));
  const [annotations, setAnnotations] = React.useState(annotationText(config.annotations));
  const [errors, setErrors] = React.useState<string[]>([]);
  const [saving, setSaving] = React.useState(false);
  const [open, setOpen] = React.useState<SectionId[]>(['period']);
  const dirty =
    JSON.stringify(draft) !== JSON.stringify(config) ||
    deadlineDays !== String(config.deadlineDays) ||
    JSON.stringify(annotationList(annotations)) !== JSON.stringify(config.annotations);

  React.useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const setOptional = (key: 'period' | 'asOf' | 'deadline', value: string) =>
    setDraft((d) => {
      const next = { ...d };
      if (value.trim()) next[key] = value.trim();
      else delete next[key];
      return next;
    });

  const setRule = (id: string, patch: { enabled?: boolean; severity?: Severity }) =>
    setDraft((d) => ({
      ...d,
      rules: { ...d.rules, [id]: { enabled: d.rules[id]?.enabled ?? true, severity: d.rules[id]?.severity, ...patch } },
    }));

  const cancel = () => {
    setDraft(config);
    setDeadlineDays(String(config.deadlineDays));
    setAnnotations(annotationText(config.annotations));
    setErrors([]);
  };

  const save = async () => {
    const candidate = {
      ...draft,
      deadlineDays: deadlineDays.trim() === '' ? NaN : Number(deadlineDays),
      annotations: annotationList(annotations),
    };
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

  const changedRules = rules.filter(
    (r) =>
      draft.rules[r.id] &&
      (draft.rules[r.id].enabled === false ||
        (draft.rules[r.id].severity && draft.rules[r.id].severity !== r.severity)),
  ).length;

  return (
    <div className={s.root}>
      <Accordion
        className={s.sections}
        multiple
        collapsible
        openItems={open}
        onToggle={(_, d) => setOpen(d.openItems as SectionId[])}
        data-testid="settings-sections"
      >
        <AccordionItem value="period">
          <AccordionHeader as="h2" size="medium" data-testid="section-period">
            Period and deadline
          </AccordionHeader>
          <AccordionPanel className={s.section}>
            <Field label="Period (YYYY-MM)" hint="Blank: read from a 'Results up to …' title.">
              <Input
                value={draft.period ?? ''}
                placeholder="2017-07"
                onChange={(_, d) => setOptional('period', d.value)}
                data-testid="setting-period"
              />
            </Field>
            <Field label="As-of date (YYYY-MM-DD)" hint="Blank: today.">
              <Input
                value={draft.asOf ?? ''}
                placeholder="2017-08-14"
                onChange={(_, d) => setOptional('asOf', d.value)}
                data-testid="setting-as-of"
              />
            </Field>
            <Field label="Deadline (working days after the period ends)">
              <Input
                type="number"
                min={0}
                max={120}
                value={deadlineDays}
                onChange={(_, d) => setDeadlineDays(d.value)}
                data-testid="setting-deadline-days"
              />
            </Field>
            <Field label="Deadline date (YYYY-MM-DD)" hint="Blank: the working days above decide it.">
              <Input
                value={draft.deadline ?? ''}
                placeholder="2017-08-14"
                onChange={(_, d) => setOptional('deadline', d.value)}
                data-testid="setting-deadline"
              />
            </Field>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="rules">
          <AccordionHeader as="h2" size="medium" data-testid="section-rules">
            Rules ({rules.length}
            {changedRules ? `, ${changedRules} changed` : ''})
          </AccordionHeader>
          <AccordionPanel className={s.section}>
            {rules.length === 0 && <Text>No rules are available.</Text>}
            {DIMENSIONS.map((dim) => {
              const list = rules.filter((r) => r.dimension === dim);
              if (list.length === 0) return null;
              return (
                <React.Fragment key={dim}>
                  <Subtitle2 as="h3" className={s.dimension}>
                    {dimensionTitle(dim)}
                  </Subtitle2>
                  {list.map((rule) => {
                    const setting = draft.rules[rule.id];
                    const enabled = setting?.enabled ?? true;
                    const severity = setting?.severity ?? rule.severity;
                    return (
                      <div className={s.rule} key={rule.id} data-testid={`rule-${rule.id}`}>
                        <Switch
                          checked={enabled}
                          label={rule.title}
                          onChange={(_, d) => setRule(rule.id, { enabled: d.checked })}
                          data-testid={`rule-switch-${rule.id}`}
                        />
                        <Dropdown
                          className={s.severity}
                          aria-label={`Severity of ${rule.title}`}
                          value={SEVERITY_LABELS[severity]}
                          selectedOptions={[severity]}
                          disabled={!enabled}
                          onOptionSelect={(_, d) =>
                            d.optionValue && setRule(rule.id, { severity: d.optionValue as Severity })
                          }
                        >
                          {(['error', 'warning', 'info'] as Severity[]).map((sev) => (
                            <Option key={sev} value={sev}>
                              {SEVERITY_LABELS[sev]}
                            </Option>
                          ))}
                        </Dropdown>
                        <Caption1 className={s.ruleText}>{rule.description}</Caption1>
                      </div>
                    );
                  })}
                </React.Fragment>
              );
            })}
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="columns">
          <AccordionHeader as="h2" size="medium" data-testid="section-columns">
            Columns
          </AccordionHeader>
          <AccordionPanel className={s.section}>
            {grids.length === 0 && (
              <Text>Press Check to detect the columns; then correct any the check got wrong here.</Text>
            )}
            {grids.map((grid) => (
              <GridColumns
                key={`${grid.sheet}!${grid.headerRow}!${grid.left}`}
                grid={grid}
                draft={draft}
                onChange={(col, role) => setDraft((d) => withColumnRole(d, col, role))}
              />
            ))}
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="annotations">
          <AccordionHeader as="h2" size="medium" data-testid="section-annotations">
            Annotations
          </AccordionHeader>
          <AccordionPanel className={s.section}>
            <Field
              label="Text that may stand where a number would (one per line)"
              hint="Matched ignoring case, e.g. N/a, New, Snapshot data."
            >
              <Textarea
                value={annotations}
                onChange={(_, d) => setAnnotations(d.value)}
                rows={6}
                resize="vertical"
                data-testid="setting-annotations"
              />
            </Field>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      <div className={s.footer} data-testid="settings-footer">
        {errors.length > 0 && (
          <MessageBar intent="error" layout="multiline" data-testid="settings-errors">
            <MessageBarBody>{errors.join(' ')}</MessageBarBody>
          </MessageBar>
        )}
        <div className={s.buttons}>
          <Button appearance="primary" onClick={save} disabled={saving || !dirty} data-testid="save-settings">
            {saving ? 'Saving…' : 'Save'}
          </Button>
          <Button appearance="secondary" onClick={cancel} disabled={saving || !dirty} data-testid="cancel-settings">
            Cancel
          </Button>
          <Caption1 className={s.status} data-testid="settings-status">
            {dirty ? 'Unsaved changes' : 'Saved in the workbook'}
          </Caption1>
        </div>
      </div>
    </div>
  );
}

function GridColumns({
  grid,
  draft,
  onChange,
}: {
  grid: Grid;
  draft: OutturnConfig;
  onChange: (col: ColumnMapping, role: MappedRole) => void;
}): React.JSX.Element {
  const s = useStyles();
  const columns = gridMapping(grid, draft);
  const idBase = React.useId(); // sheet names hold spaces, which aria-labelledby would split
  return (
    <div className={s.section}>
      <Text weight="semibold">
        {grid.sheet}, header row {grid.headerRow + 1}
      </Text>
      {columns.map((c) => {
        const chosen: MappedRole = draft.columns[c.configKey] ?? draft.columns[c.letter] ?? c.role;
        const id = `${idBase}-${c.letter}`;
        return (
          <div className={s.column} key={c.col}>
            <Text id={id} className={s.header}>
              {c.letter}: {c.header || '(no header)'}
            </Text>
            <Dropdown
              className={s.roleDropdown}
              aria-labelledby={id}
              value={roleLabel(chosen)}
              selectedOptions={[chosen]}
              onOptionSelect={(_, d) => onChange(c, (d.optionValue ?? '') as MappedRole)}
            >
              {ROLE_OPTIONS.map((r) => (
                <Option key={r || 'none'} value={r}>
                  {roleLabel(r)}
                </Option>
              ))}
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
    .replace(/^deadline:/, 'Deadline date:')
    .replace(/^annotations[^:]*:/, 'Annotations:')
    .replace(/^deadlineDays:.*/, 'Deadline: enter a whole number of working days from 0 to 120.')
    .replace(/([^.])$/, '$1.');
}
