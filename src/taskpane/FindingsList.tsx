import * as React from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../engine/model/finding';
import type { FindingRow } from './findings-view';
import { type SeriesByRef, seriesKey } from './indicator-series';
import { Sparkline } from './Sparkline';

const useStyles = makeStyles({
  scroller: {
    overflowY: 'auto',
    flexGrow: 1,
    minHeight: '160px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  inner: { position: 'relative', width: '100%' },
  row: { position: 'absolute', top: 0, left: 0, width: '100%', boxSizing: 'border-box' },
  group: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  groupTitle: { flexGrow: 1, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  finding: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    width: '100%',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
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
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  // Severity, cell and where it is on one line; the sentence below at full width (the pane is 320 px).
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  message: { overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
});

const SEVERITY_BADGE: Record<Severity, { color: 'danger' | 'warning' | 'informative'; label: string }> = {
  error: { color: 'danger', label: 'Error' },
  warning: { color: 'warning', label: 'Warning' },
  info: { color: 'informative', label: 'Info' },
};

export function SeverityBadge({ severity }: { severity: Severity }): React.JSX.Element {
  const b = SEVERITY_BADGE[severity];
  return <Badge appearance="filled" color={b.color} size="small" shape="rounded">{b.label}</Badge>;
}

interface Props {
  rows: FindingRow[];
  series: SeriesByRef;
  groupBy: 'dimension' | 'indicator';
  active: Finding | null;
  onSelect: (f: Finding) => void;
}

/** The findings, virtualised: only the rows in view are in the DOM, so thousands stay smooth. */
export function FindingsList({ rows, series, groupBy, active, onSelect }: Props): React.JSX.Element {
  const s = useStyles();
  const scrollRef = React.useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- useVirtualizer returns fresh functions by design.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i].kind === 'group' ? 36 : 64),
    overscan: 8,
    getItemKey: (i) => rows[i].key,
  });
  return (
    <div ref={scrollRef} className={s.scroller} role="region" aria-label="Findings" tabIndex={-1} data-testid="findings">
      <div className={s.inner} style={{ height: virtualizer.getTotalSize() }} role="list">
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className={s.row} style={{ transform: `translateY(${item.start}px)` }} role="listitem">
              {row.kind === 'group' ? (
                <div className={s.group} data-testid="finding-group">
                  <Text className={s.groupTitle} data-testid="group-title">{row.title}</Text>
                  {groupBy === 'indicator' && row.ref && <GroupSparkline series={series} row={row} rows={rows} index={item.index} />}
                  <Badge appearance="tint" color="subtle" size="small" aria-label={`${row.count} findings`}>{row.count}</Badge>
                </div>
              ) : (
                <button
                  type="button"
                  className={mergeClasses(s.finding, active === row.finding && s.active)}
                  onClick={() => onSelect(row.finding)}
                  data-testid="finding"
                  data-key={row.key}
                  data-cell={row.finding.cell ?? ''}
                  data-rule={row.finding.rule}
                >
                  <span className={s.head}>
                    <SeverityBadge severity={row.finding.severity} />
                    <span className={s.cell}>{row.finding.cell ?? '—'}</span>
                    <Text size={200} className={s.meta}>
                      {groupBy === 'dimension' ? `${row.finding.ref ?? 'Whole workbook'} · ` : ''}{row.finding.sheet} · {row.finding.rule}
                    </Text>
                  </span>
                  <span className={s.message}>{row.finding.message}</span>
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The sparkline for the indicator a group heading names (the sheet is its first finding's). */
function GroupSparkline({ series, row, rows, index }: { series: SeriesByRef; row: Extract<FindingRow, { kind: 'group' }>; rows: FindingRow[]; index: number }): React.JSX.Element | null {
  const next = rows[index + 1];
  if (!row.ref || !next || next.kind !== 'finding') return null;
  const points = series.get(seriesKey(next.finding.sheet, row.ref));
  return points ? <Sparkline points={points} /> : null;
}
