import * as React from 'react';
import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Caption1, Field, Radio, RadioGroup,
  Spinner, Text, ToggleButton, makeStyles, tokens,
} from '@fluentui/react-components';
import type { ReadScope } from '../excel/host';
import type { Finding, Severity } from '../engine/model/finding';
import type { CheckSnapshot } from './signoff/contract';
import type { CheckPhase } from './run-check';
import { type GroupBy, findingRows } from './findings-view';
import { indicatorSeries } from './indicator-series';
import { FindingsList } from './FindingsList';
import { roleLabel } from './role-labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, flexGrow: 1, minHeight: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  scope: { display: 'flex', flexWrap: 'wrap' },
  summary: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: '2px' },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  mapping: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  empty: { color: tokens.colorNeutralForeground3 },
});

const PHASE_TEXT: Record<CheckPhase, string> = {
  reading: 'Reading the sheet…',
  checking: 'Checking the indicators…',
  marking: 'Marking cells…',
};

interface Props {
  snapshot: CheckSnapshot | null;
  phase: CheckPhase | null;
  clearing: boolean;
  scope: ReadScope;
  onScope: (s: ReadScope) => void;
  onCheck: () => void;
  onClear: () => void;
  onSelect: (f: Finding) => void;
  active: Finding | null;
}

export function CheckTab({ snapshot, phase, clearing, scope, onScope, onCheck, onClear, onSelect, active }: Props): React.JSX.Element {
  const s = useStyles();
  const [shown, setShown] = React.useState<ReadonlySet<Severity>>(() => new Set<Severity>(['error', 'warning', 'info']));
  const [groupBy, setGroupBy] = React.useState<GroupBy>('dimension');
  const findings = React.useMemo(() => snapshot?.findings ?? [], [snapshot]);
  const rows = React.useMemo(() => findingRows(findings, shown, groupBy), [findings, shown, groupBy]);
  const series = React.useMemo(() => (snapshot ? indicatorSeries(snapshot.result.grids, snapshot.sheets) : new Map()), [snapshot]);
  const busy = phase !== null || clearing;
  const toggle = (sev: Severity) => setShown((prev) => {
    const next = new Set(prev);
    if (next.has(sev)) next.delete(sev); else next.add(sev);
    return next;
  });

  return (
    <div className={s.root}>
      <Field label="What to check">
        <RadioGroup layout="horizontal" value={scope} onChange={(_, d) => onScope(d.value as ReadScope)} className={s.scope}>
          <Radio value="sheet" label="Active sheet" />
          <Radio value="selection" label="Selection" />
          <Radio value="table" label="Table" />
        </RadioGroup>
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" onClick={onCheck} disabled={busy} data-testid="check">Check</Button>
        <Button appearance="secondary" onClick={onClear} disabled={busy} data-testid="clear-marks">Clear marks</Button>
        {phase && <Spinner size="tiny" label={PHASE_TEXT[phase]} aria-live="polite" />}
        {clearing && <Spinner size="tiny" label="Clearing marks…" />}
      </div>

      {snapshot ? (
        <>
          <section aria-label="Summary" data-testid="summary">
            <div className={s.summary}>
              <Badge appearance="filled" color="danger" data-testid="count-errors">{snapshot.result.summary.errors} {plural(snapshot.result.summary.errors, 'error')}</Badge>
              <Badge appearance="filled" color="warning" data-testid="count-warnings">{snapshot.result.summary.warnings} {plural(snapshot.result.summary.warnings, 'warning')}</Badge>
              <Badge appearance="filled" color="informative" data-testid="count-info">{snapshot.result.summary.info} info</Badge>
              <Text size={200}>{snapshot.result.indicators} {plural(snapshot.result.indicators, 'indicator')} checked</Text>
            </div>
            <dl className={s.facts}>
              <dt className={s.dt}>Period</dt><dd className={s.dd}>{snapshot.result.timeline.period ?? 'not known'}</dd>
              <dt className={s.dt}>As of</dt><dd className={s.dd}>{snapshot.result.timeline.asOf}</dd>
              <dt className={s.dt}>Deadline</dt><dd className={s.dd}>{snapshot.result.timeline.deadline ?? 'not known'}</dd>
            </dl>
            {snapshot.result.gridSummaries.length > 0 && (
              <Accordion collapsible>
                {snapshot.result.gridSummaries.map((g, i) => (
                  <AccordionItem value={i} key={`${g.sheet}!${g.range}`}>
                    <AccordionHeader size="small">Mapping: {g.sheet} {g.range} ({g.indicators} {plural(g.indicators, 'indicator')})</AccordionHeader>
                    <AccordionPanel>
                      <ul className={s.mapping}>
                        {Object.entries(g.columns).map(([role, letter]) => (
                          <li key={role}><Caption1>{letter}: {role.startsWith('period:') ? `period ${role.slice(7)}` : roleLabel(role)}</Caption1></li>
                        ))}
                      </ul>
                    </AccordionPanel>
                  </AccordionItem>
                ))}
              </Accordion>
            )}
          </section>

          <div className={s.filters} role="group" aria-label="Show findings">
            <ToggleButton size="small" checked={shown.has('error')} onClick={() => toggle('error')} data-testid="filter-error">Errors ({snapshot.result.summary.errors})</ToggleButton>
            <ToggleButton size="small" checked={shown.has('warning')} onClick={() => toggle('warning')} data-testid="filter-warning">Warnings ({snapshot.result.summary.warnings})</ToggleButton>
            <ToggleButton size="small" checked={shown.has('info')} onClick={() => toggle('info')} data-testid="filter-info">Info ({snapshot.result.summary.info})</ToggleButton>
            <ToggleButton size="small" checked={groupBy === 'indicator'} onClick={() => setGroupBy(groupBy === 'indicator' ? 'dimension' : 'indicator')} data-testid="group-by-indicator">
              By indicator
            </ToggleButton>
          </div>
          {rows.length > 0 ? (
            <FindingsList rows={rows} series={series} groupBy={groupBy} active={active} onSelect={onSelect} />
          ) : (
            <Text className={s.empty} data-testid="no-findings">{findings.length === 0 ? 'No findings: every check passed.' : 'No findings match the filters.'}</Text>
          )}
        </>
      ) : (
        <Text className={s.empty}>Press Check to check the return on the active sheet and mark failing cells.</Text>
      )}
    </div>
  );
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
