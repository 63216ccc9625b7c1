import * as React from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Text, Tooltip, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../engine/model/finding';
import { type FindingRow, type GroupBy, findingPlace } from './findings-view';
import { type SeriesByRef, seriesKey } from './indicator-series';
import { Sparkline } from './Sparkline';

const useStyles = makeStyles({
  // The list takes whatever height the pane has left: it is the pane's only scroller on the Check tab.
  scroller: {
    overflowY: 'auto',
    flexGrow: 1,
    minHeight: '120px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  inner: { position: 'relative', width: '100%' },
  row: { position: 'absolute', top: 0, left: 0, width: '100%', boxSizing: 'border-box' },
  group: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    minHeight: '28px',
    padding: `2px ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    textAlign: 'left',
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  chevron: {
    width: '12px',
    flexShrink: 0,
    color: tokens.colorNeutralForeground2,
    transitionProperty: 'transform',
    transitionDuration: '0.1s',
  },
  chevronOpen: { transform: 'rotate(90deg)' },
  groupTitle: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  groupRef: { fontWeight: tokens.fontWeightSemibold },
  groupDetail: { color: tokens.colorNeutralForeground2 },
  finding: {
    display: 'flex',
    flexDirection: 'column',
    gap: '1px',
    width: '100%',
    padding: `2px ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    textAlign: 'left',
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  // Badge, cell and rule on one line; the sentence below, wrapped to as many lines as it needs.
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0, minHeight: '20px' },
  badge: { flexShrink: 0 },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  place: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  rule: {
    color: tokens.colorNeutralForeground2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
    flexGrow: 1,
  },
  // The whole sentence, wrapped: the fix ("should be AMBER") is at its end and must show without a click.
  message: { overflowWrap: 'anywhere', lineHeight: '18px' },
  messageFull: { overflowWrap: 'anywhere', lineHeight: '18px' },
  also: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

const SEVERITY_BADGE: Record<Severity, { color: 'danger' | 'warning' | 'informative'; label: string }> = {
  error: { color: 'danger', label: 'Error' },
  warning: { color: 'warning', label: 'Warning' },
  info: { color: 'informative', label: 'Info' },
};

/** Medium badges: the 'small' size's 10 px text is too small to read all day. */
export function SeverityBadge({ severity, className }: { severity: Severity; className?: string }): React.JSX.Element {
  const b = SEVERITY_BADGE[severity];
  return (
    <Badge appearance="filled" color={b.color} size="medium" shape="rounded" className={className}>
      {b.label}
    </Badge>
  );
}

interface Props {
  rows: FindingRow[];
  series: SeriesByRef;
  groupBy: GroupBy;
  /** More than one sheet was checked: name the sheet on each row. */
  multiSheet: boolean;
  ruleTitle: (rule: string) => string;
  active: Finding | null;
  onSelect: (f: Finding) => void;
  onToggleGroup: (key: string) => void;
  /** What can be done about a finding, shown under it (recording a restatement); null for none. */
  findingAction?: (f: Finding) => React.ReactNode;
}

/** The findings, virtualised: only the rows in view are in the DOM, so thousands stay smooth. */
export function FindingsList({
  rows,
  series,
  groupBy,
  multiSheet,
  ruleTitle,
  active,
  onSelect,
  onToggleGroup,
  findingAction,
}: Props): React.JSX.Element {
  const s = useStyles();
  const scrollRef = React.useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- useVirtualizer returns fresh functions by design.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i].kind === 'group' ? 29 : 44),
    overscan: 8,
    getItemKey: (i) => rows[i].key,
  });
  return (
    <div
      ref={scrollRef}
      className={s.scroller}
      role="region"
      aria-label="Findings"
      tabIndex={-1}
      data-testid="findings"
    >
      <div className={s.inner} style={{ height: virtualizer.getTotalSize() }} role="list">
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={s.row}
              style={{ transform: `translateY(${item.start}px)` }}
              role="listitem"
            >
              {row.kind === 'group' ? (
                <button
                  type="button"
                  className={s.group}
                  onClick={() => onToggleGroup(row.key)}
                  aria-expanded={!row.collapsed}
                  data-testid="finding-group"
                  data-group={row.key}
                >
                  <svg
                    className={mergeClasses(s.chevron, !row.collapsed && s.chevronOpen)}
                    viewBox="0 0 12 12"
                    aria-hidden="true"
                  >
                    <path d="M4 2l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.5" />
                  </svg>
                  <Text
                    className={s.groupTitle}
                    data-testid="group-title"
                    title={row.detail ? `${row.title}: ${row.detail}` : row.title}
                  >
                    <span className={s.groupRef}>{row.title}</span>
                    {row.detail && <span className={s.groupDetail}> {row.detail}</span>}
                  </Text>
                  {groupBy === 'indicator' && row.ref && row.sheet && (
                    <GroupSparkline series={series} sheet={row.sheet} refId={row.ref} />
                  )}
                  <Badge
                    appearance="tint"
                    color="informative"
                    size="medium"
                    className={s.badge}
                    aria-label={`${row.count} ${row.count === 1 ? 'finding' : 'findings'}`}
                  >
                    {row.count.toLocaleString('en-GB')}
                  </Badge>
                </button>
              ) : (
                <FindingButton
                  row={row}
                  groupBy={groupBy}
                  multiSheet={multiSheet}
                  ruleTitle={ruleTitle}
                  active={active !== null && (active === row.finding || row.also.includes(active))}
                  onSelect={onSelect}
                />
              )}
              {row.kind === 'finding' && findingAction?.(row.finding)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function FindingButton({
  row,
  groupBy,
  multiSheet,
  ruleTitle,
  active,
  onSelect,
}: {
  row: Extract<FindingRow, { kind: 'finding' }>;
  groupBy: GroupBy;
  multiSheet: boolean;
  ruleTitle: (rule: string) => string;
  active: boolean;
  onSelect: (f: Finding) => void;
}): React.JSX.Element {
  const s = useStyles();
  const f = row.finding;
  // Under a rule's heading the row names the indicator instead of repeating the rule.
  const title = groupBy === 'rule' ? (f.ref ?? '') : ruleTitle(f.rule);
  const extra = row.also.length;
  return (
    <button
      type="button"
      className={mergeClasses(s.finding, active && s.active)}
      onClick={() => onSelect(f)}
      aria-current={active ? 'true' : undefined}
      data-testid="finding"
      data-key={row.key}
      data-cell={f.cell ?? ''}
      data-rule={f.rule}
      data-severity={f.severity}
      data-count={1 + extra}
    >
      <span className={s.head}>
        <SeverityBadge severity={f.severity} className={s.badge} />
        <span className={f.cell ? s.cell : s.place} data-testid="finding-place">
          {findingPlace(f, multiSheet)}
        </span>
        {/* The rule's own words on the row; its id (what docs/RULES.md and the CLI print) on hover. */}
        <Tooltip content={`Rule: ${f.rule}`} relationship="description" positioning="below-start" withArrow>
          <Text size={200} className={s.rule} data-testid="finding-rule">
            {title}
          </Text>
        </Tooltip>
        {extra > 0 && (
          <Badge appearance="outline" color="informative" size="medium" className={s.badge} data-testid="finding-count">
            ×{(1 + extra).toLocaleString('en-GB')}
          </Badge>
        )}
      </span>
      <span className={active ? s.messageFull : s.message} data-testid="finding-message">
        {f.message}
      </span>
      {active && extra > 0 && (
        <Text size={200} className={s.also}>
          Also in {alsoCells(row.also, multiSheet)}
        </Text>
      )}
    </button>
  );
}

function alsoCells(also: readonly Finding[], multiSheet: boolean): string {
  const shown = also
    .slice(0, 12)
    .map((f) => findingPlace(f, multiSheet))
    .join(', ');
  return also.length > 12 ? `${shown} and ${(also.length - 12).toLocaleString('en-GB')} more cells.` : `${shown}.`;
}

/** The sparkline for the indicator a group heading names. */
function GroupSparkline({
  series,
  sheet,
  refId,
}: {
  series: SeriesByRef;
  sheet: string;
  refId: string;
}): React.JSX.Element | null {
  const points = series.get(seriesKey(sheet, refId));
  return points ? <Sparkline points={points} /> : null;
}
