import * as React from 'react';
import {
  Button,
  Caption1,
  Dropdown,
  Label,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  Text,
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { ReadScope } from '../excel/host';
import type { Finding, RuleInfo } from '../engine/model/finding';
import type { CheckSnapshot } from './signoff/contract';
import type { CheckPhase } from './run-check';
import { GROUP_BY_LABELS, type GroupBy, type Show, findingRows } from './findings-view';
import { indicatorDescriptions, indicatorSeries, seriesKey } from './indicator-series';
import { SpcChartPanel } from './SpcChartPanel';
import { FindingsList } from './FindingsList';
import { mappingLines, unrecognisedColumns } from './mapping';
import { coverageLine, uncheckedSentence } from '../engine/rules/coverage';
import { formatDate, formatDateTime, formatPeriod } from './format-date';
import { ColumnMapping } from './ColumnMapping';
import { type ColumnChoice, unplacedColumns } from '../app/column-mapping';
import { summarise } from '../engine/model/finding';
import { compareFindings } from './findings-view';
import { CompareAction, compareWith, comparisonSentence, type Comparison } from './CompareAction';
import { RestateForm } from './RestateForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 },
  // The header never scrolls away: scope, Check, Clear and the counts stay in reach while the list scrolls.
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexShrink: 0,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  scope: { minWidth: '0', flexGrow: 1, flexShrink: 1 },
  // Fluent buttons are at least 96 px wide: too wide for three controls in a 320 px pane.
  action: { minWidth: 'auto', whiteSpace: 'nowrap', flexShrink: 0 },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  // Pressed filters are filled with the brand colour (white text): unmistakable in both themes.
  coverage: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  uncovered: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: 600 },
  count: { minWidth: 0, paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
  tools: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    justifyContent: 'space-between',
    minWidth: 0,
  },
  disclosure: {
    minWidth: 0,
    flexShrink: 1,
    height: 'auto',
    minHeight: '24px',
    justifyContent: 'flex-start',
    paddingLeft: 0,
    paddingRight: 0,
    fontWeight: tokens.fontWeightRegular,
  },
  // The period line wraps rather than being cut ("12 indicators · Ju…").
  disclosureText: { whiteSpace: 'normal', textAlign: 'left', overflowWrap: 'anywhere' },
  chevron: { width: '12px', flexShrink: 0, transitionProperty: 'transform', transitionDuration: '0.1s' },
  chevronOpen: { transform: 'rotate(90deg)' },
  groupBy: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  groupDropdown: { minWidth: '112px', width: '112px' },
  details: { maxHeight: '45vh', overflowY: 'auto', paddingBottom: tokens.spacingVerticalS },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
  },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  mapping: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  gridTitle: { display: 'block', marginTop: tokens.spacingVerticalS, fontWeight: tokens.fontWeightSemibold },
  empty: { color: tokens.colorNeutralForeground2, padding: tokens.spacingHorizontalM },
  noGrid: { margin: `0 ${tokens.spacingHorizontalM}` },
  // Above the findings list, which takes the rest of the height: the bar keeps its own.
  compareBar: { margin: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, flexShrink: 0 },
  progress: { padding: `0 ${tokens.spacingHorizontalM}` },
});

const PHASE_TEXT: Record<CheckPhase, string> = {
  reading: 'Reading the sheet…',
  checking: 'Checking the indicators…',
  marking: 'Marking cells…',
};

export const SCOPE_LABELS: Record<ReadScope, string> = {
  sheet: 'Active sheet',
  selection: 'Selection',
  table: 'Table',
  workbook: 'All sheets',
};
const SCOPES: ReadScope[] = ['sheet', 'selection', 'table', 'workbook'];
const GROUPINGS: GroupBy[] = ['dimension', 'indicator', 'rule', 'sheet'];
/** A group longer than this starts collapsed: its heading already says how many. */
const COLLAPSE_ABOVE = 50;
const EMPTY: ReadonlySet<string> = new Set();

interface Props {
  snapshot: CheckSnapshot | null;
  phase: CheckPhase | null;
  clearing: boolean;
  scope: ReadScope;
  rules: readonly RuleInfo[];
  onScope: (s: ReadScope) => void;
  onCheck: () => void;
  onClear: () => void;
  onSelect: (f: Finding) => void;
  onOpenSettings: () => void;
  active: Finding | null;
  /** Messages from the last action, shown under the header. */
  notices?: React.ReactNode;
  /** Save a mapping for the columns the check could not place, and check again. */
  onMapColumns?: (choices: ColumnChoice[]) => Promise<void>;
  /** Mark these findings (the check's and a comparison's) in the workbook, replacing Outturn's marks. */
  onMark?: (findings: Finding[]) => Promise<void>;
}

export function CheckTab({
  snapshot,
  phase,
  clearing,
  scope,
  rules,
  onScope,
  onCheck,
  onClear,
  onSelect,
  onOpenSettings,
  active,
  notices,
  onMapColumns,
  onMark,
}: Props): React.JSX.Element {
  const s = useStyles();
  const [show, setShow] = React.useState<Show>('all');
  const [groupBy, setGroupBy] = React.useState<GroupBy>('dimension');
  const [detailsOpen, setDetailsOpen] = React.useState(false);
  const detailsId = React.useId();
  // Groups the user opened or closed, for this check only (a new check starts from the defaults).
  const [toggledFor, setToggledFor] = React.useState<{ snapshot: CheckSnapshot | null; keys: ReadonlySet<string> }>({
    snapshot: null,
    keys: new Set(),
  });
  // A comparison with the previous return adds its findings to this check's (a new check drops it).
  const [comparison, setComparison] = React.useState<Comparison | null>(null);
  const [compareNote, setCompareNote] = React.useState<{ intent: 'error' | 'warning'; text: string } | null>(null);
  const compared = comparison && comparison.snapshot === snapshot ? comparison : null;
  const findings = React.useMemo(
    () =>
      compared
        ? [...(snapshot?.findings ?? []), ...compared.compared.findings].sort(compareFindings)
        : (snapshot?.findings ?? []),
    [snapshot, compared],
  );
  const showCompared = async (c: Comparison) => {
    setComparison(c);
    setCompareNote(null);
    try {
      await onMark?.([...c.snapshot.findings, ...c.compared.findings].sort(compareFindings));
    } catch (err) {
      setCompareNote({
        intent: 'warning',
        text: `The comparison's findings are listed but not marked: ${String((err as Error)?.message ?? err)}`,
      });
    }
  };
  const findingAction = (f: Finding) =>
    snapshot && (f.rule === 'restated-figure' || f.rule === 'target-changed') ? (
      <RestateForm
        finding={f}
        snapshot={snapshot}
        previous={compared?.previous}
        onRecorded={() => {
          // Compared again with the same previous return, so the finding shows the reason; else checked again.
          if (compared)
            compareWith(compared.snapshot, compared.fileName, compared.previous).then(showCompared, (err) =>
              setCompareNote({ intent: 'error', text: String((err as Error)?.message ?? err) }),
            );
          else onCheck();
        }}
      />
    ) : null;
  const toggled = toggledFor.snapshot === snapshot ? toggledFor.keys : EMPTY;
  const ruleTitles = React.useMemo(() => new Map(rules.map((r) => [r.id, r.title])), [rules]);
  const ruleTitle = React.useCallback((id: string) => ruleTitles.get(id) ?? id, [ruleTitles]);
  const descriptions = React.useMemo(
    () => (snapshot ? indicatorDescriptions(snapshot.result.grids, snapshot.sheets) : new Map<string, string>()),
    [snapshot],
  );
  const rows = React.useMemo(
    () =>
      findingRows(findings, {
        show,
        groupBy,
        toggled,
        defaultCollapsedAbove: COLLAPSE_ABOVE,
        words: { ruleTitle, description: (sheet, ref) => descriptions.get(seriesKey(sheet, ref)) },
      }),
    [findings, show, groupBy, toggled, ruleTitle, descriptions],
  );
  const series = React.useMemo(
    () => (snapshot ? indicatorSeries(snapshot.result.grids, snapshot.sheets) : new Map()),
    [snapshot],
  );
  const multiSheet = React.useMemo(
    () => new Set(findings.map((f) => f.sheet)).size > 1 || (snapshot?.sheets.length ?? 0) > 1,
    [findings, snapshot],
  );
  const busy = phase !== null || clearing;
  const noGrid = snapshot !== null && snapshot.result.grids.length === 0;
  const summary = compared ? summarise(findings) : snapshot?.result.summary;
  const unplaced = React.useMemo(() => (snapshot ? unplacedColumns(snapshot.result) : []), [snapshot]);

  const toggleGroup = (key: string) =>
    setToggledFor((prev) => {
      const next = new Set(prev.snapshot === snapshot ? prev.keys : []);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return { snapshot, keys: next };
    });

  return (
    <div className={s.root}>
      <div className={s.header} data-testid="check-header">
        <div className={s.actions}>
          <Dropdown
            className={s.scope}
            aria-label="What to check"
            value={SCOPE_LABELS[scope]}
            selectedOptions={[scope]}
            onOptionSelect={(_, d) => d.optionValue && onScope(d.optionValue as ReadScope)}
            data-testid="scope"
          >
            {SCOPES.map((sc) => (
              <Option key={sc} value={sc}>
                {SCOPE_LABELS[sc]}
              </Option>
            ))}
          </Dropdown>
          <Button appearance="primary" className={s.action} onClick={onCheck} disabled={busy} data-testid="check">
            Check
          </Button>
          {/* "Clear" fits beside the scope at 320 px; its accessible name says what it clears. */}
          <Button
            appearance="secondary"
            className={s.action}
            onClick={onClear}
            disabled={busy}
            aria-label="Clear marks"
            title="Remove Outturn's marks from every sheet"
            data-testid="clear-marks"
          >
            Clear
          </Button>
        </div>
        {phase && <Spinner size="tiny" label={PHASE_TEXT[phase]} aria-live="polite" labelPosition="after" />}
        {clearing && <Spinner size="tiny" label="Clearing marks…" labelPosition="after" />}

        {snapshot && !noGrid && summary && (
          <>
            {/* One summary line: the counts are the filters. Exactly one is pressed. */}
            <div className={s.counts} role="group" aria-label="Show findings" data-testid="summary">
              {(
                [
                  ['all', `All ${findings.length.toLocaleString('en-GB')}`, 'filter-all', 'count-all'],
                  [
                    'error',
                    `${summary.errors.toLocaleString('en-GB')} ${plural(summary.errors, 'error')}`,
                    'filter-error',
                    'count-errors',
                  ],
                  [
                    'warning',
                    `${summary.warnings.toLocaleString('en-GB')} ${plural(summary.warnings, 'warning')}`,
                    'filter-warning',
                    'count-warnings',
                  ],
                  ['info', `${summary.info.toLocaleString('en-GB')} info`, 'filter-info', 'count-info'],
                ] as const
              ).map(([value, label, id, countId]) => (
                <ToggleButton
                  key={value}
                  size="small"
                  className={s.count}
                  appearance={show === value ? 'primary' : 'outline'}
                  checked={show === value}
                  onClick={() => setShow(value)}
                  data-testid={id}
                >
                  <span data-testid={countId}>{label}</span>
                </ToggleButton>
              ))}
            </div>
            {/* Coverage beside the counts, never behind a disclosure: 0 errors over figures not read is not clean. */}
            {snapshot.result.coverage && (
              <div
                className={uncheckedSentence(snapshot.result.coverage) ? s.uncovered : s.coverage}
                data-testid="coverage"
              >
                {coverageLine(snapshot.result.coverage)}
                {uncheckedSentence(snapshot.result.coverage) && ` — ${uncheckedSentence(snapshot.result.coverage)}`}
              </div>
            )}
            {onMapColumns && (
              <ColumnMapping key={snapshot.at} columns={unplaced} onApply={onMapColumns} disabled={busy} />
            )}
          </>
        )}
        {snapshot && !noGrid && (
          <div className={s.tools}>
            <Button
              appearance="transparent"
              size="small"
              className={s.disclosure}
              aria-expanded={detailsOpen}
              aria-controls={detailsId}
              onClick={() => setDetailsOpen((o) => !o)}
              icon={
                <svg
                  className={mergeClasses(s.chevron, detailsOpen && s.chevronOpen)}
                  viewBox="0 0 12 12"
                  aria-hidden="true"
                >
                  <path d="M4 2l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.5" />
                </svg>
              }
              data-testid="details-toggle"
            >
              <span className={s.disclosureText}>{detailsHeadline(snapshot)}</span>
            </Button>
            {/* Beside Group by, so the header is no taller for it. */}
            <CompareAction
              snapshot={snapshot}
              disabled={busy}
              onCompared={(c) => void showCompared(c)}
              onError={(text) => setCompareNote({ intent: 'error', text })}
            />
            {
              <div className={s.groupBy}>
                <Label size="small" htmlFor="outturn-group-by">
                  Group by
                </Label>
                <Dropdown
                  id="outturn-group-by"
                  size="small"
                  className={s.groupDropdown}
                  value={GROUP_BY_LABELS[groupBy]}
                  selectedOptions={[groupBy]}
                  onOptionSelect={(_, d) => d.optionValue && setGroupBy(d.optionValue as GroupBy)}
                  data-testid="group-by"
                >
                  {GROUPINGS.map((g) => (
                    <Option key={g} value={g}>
                      {GROUP_BY_LABELS[g]}
                    </Option>
                  ))}
                </Dropdown>
              </div>
            }
          </div>
        )}
        {snapshot && detailsOpen && <CheckDetails id={detailsId} snapshot={snapshot} />}
      </div>
      {notices}
      {compared && (
        <MessageBar intent="info" layout="multiline" className={s.compareBar} data-testid="compare-summary">
          <MessageBarBody>{comparisonSentence(compared)}</MessageBarBody>
        </MessageBar>
      )}
      {compareNote && (
        <MessageBar intent={compareNote.intent} layout="multiline" className={s.compareBar} data-testid="compare-note">
          <MessageBarBody>{compareNote.text}</MessageBarBody>
        </MessageBar>
      )}

      {!snapshot && !phase && (
        <Text className={s.empty}>
          Press Check to check the return on the{' '}
          {scope === 'workbook' ? 'sheets of this workbook' : scope === 'sheet' ? 'active sheet' : scope} and mark
          failing cells.
        </Text>
      )}
      {noGrid && (
        <MessageBar intent="info" layout="multiline" className={s.noGrid} data-testid="no-grid">
          <MessageBarBody>
            <MessageBarTitle>No grid found</MessageBarTitle>
            Outturn found no metric collection grid (a header row with a Ref or indicator column and value columns){' '}
            {snapshot.sheets.length === 1 ? `on sheet '${snapshot.sheets[0].name}'` : 'on the sheets read'}, so nothing
            was checked. If the return is elsewhere on the sheet, select it and check the{' '}
            <Link inline onClick={() => onScope('selection')} data-testid="no-grid-selection">
              Selection
            </Link>{' '}
            or the{' '}
            <Link inline onClick={() => onScope('table')}>
              Table
            </Link>
            ; if its headers are worded unusually, set the{' '}
            <Link inline onClick={onOpenSettings} data-testid="no-grid-mapping">
              column mapping
            </Link>{' '}
            in Settings.
          </MessageBarBody>
        </MessageBar>
      )}
      {snapshot &&
        !noGrid &&
        (rows.length > 0 ? (
          <FindingsList
            rows={rows}
            series={series}
            groupBy={groupBy}
            multiSheet={multiSheet}
            ruleTitle={ruleTitle}
            active={active}
            onSelect={onSelect}
            onToggleGroup={toggleGroup}
            findingAction={findingAction}
          />
        ) : (
          <Text className={s.empty} data-testid="no-findings">
            {findings.length === 0
              ? 'No findings: every check passed.'
              : `No ${show === 'info' ? 'info findings' : `${show}s`}: press All to see the rest.`}
          </Text>
        ))}
      <SpcChartPanel snapshot={snapshot} active={active} />
    </div>
  );
}

/** "12 indicators · Jul 2017 · due 14 Aug 2017": what the disclosure holds, in one line. */
function detailsHeadline(snapshot: CheckSnapshot): string {
  const t = snapshot.result.timeline;
  const n = snapshot.result.indicators;
  return [
    `${n.toLocaleString('en-GB')} ${plural(n, 'indicator')}`,
    t.period ? formatPeriod(t.period) : null,
    t.deadline ? `due ${formatDate(t.deadline)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Period, dates and the column mapping: behind one disclosure so the findings get the height. */
function CheckDetails({ id, snapshot }: { id: string; snapshot: CheckSnapshot }): React.JSX.Element {
  const s = useStyles();
  const t = snapshot.result.timeline;
  return (
    <div
      id={id}
      className={s.details}
      role="region"
      aria-label="Period and column mapping"
      tabIndex={0}
      data-testid="details"
    >
      <dl className={s.facts}>
        <dt className={s.dt}>Indicators</dt>
        <dd className={s.dd} data-testid="count-indicators">
          {snapshot.result.indicators.toLocaleString('en-GB')} checked
        </dd>
        <dt className={s.dt}>Period</dt>
        <dd className={s.dd}>{t.period ? formatPeriod(t.period) : 'not known'}</dd>
        <dt className={s.dt}>As of</dt>
        <dd className={s.dd}>{formatDate(t.asOf)}</dd>
        <dt className={s.dt}>Deadline</dt>
        <dd className={s.dd}>{t.deadline ? formatDate(t.deadline) : 'not known'}</dd>
        <dt className={s.dt}>Checked</dt>
        <dd className={s.dd}>{formatDateTime(snapshot.at)}</dd>
      </dl>
      {snapshot.result.gridSummaries.map((g) => {
        const unknown = unrecognisedColumns(g);
        return (
          <div key={`${g.sheet}!${g.range}`} data-testid="mapping">
            <Caption1 className={s.gridTitle}>
              Columns of {g.sheet} {g.range}, header row {g.headerRow}
            </Caption1>
            <ul className={s.mapping}>
              {mappingLines(g).map((line) => (
                <li key={line.letter + line.label}>
                  <Caption1>
                    {line.letter}: {line.label}
                  </Caption1>
                </li>
              ))}
            </ul>
            {unknown.length > 0 && (
              <>
                <Caption1 className={s.gridTitle}>Not recognised, so not checked (map them in Settings)</Caption1>
                <ul className={s.mapping} data-testid="unrecognised">
                  {unknown.map((u) => (
                    <li key={u.letter}>
                      <Caption1>
                        {u.letter}: {u.header || '(no header)'}
                      </Caption1>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
