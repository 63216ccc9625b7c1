import * as React from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '../engine/model/finding';
import { labelIndicators, rowKey, findingPosition } from '../app/findings';
import { spcChartsFor, spcSummary } from '../app/spc-chart';
import { spcSvg } from '../app/spc-svg';
import type { CheckSnapshot } from './signoff/contract';

const useStyles = makeStyles({
  panel: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXS} 0`,
    backgroundColor: '#ffffff',
    color: '#323130',
  },
  title: {
    display: 'block',
    padding: `0 ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/**
 * The XmR chart of the indicator a selected special-cause finding is about, under the
 * findings: what the spc-* finding says, drawn (the same SVG as the HTML report), with the
 * signals in words for screen readers.
 */
export function SpcChartPanel({
  snapshot,
  active,
}: {
  snapshot: CheckSnapshot | null;
  active: Finding | null;
}): React.JSX.Element | null {
  const s = useStyles();
  const chart = React.useMemo(() => {
    if (!snapshot || !active || !active.rule.startsWith('spc-')) return null;
    const { sheets, result, config } = snapshot;
    const labels = labelIndicators(sheets, result.grids, [active]);
    const at = findingPosition(active);
    const label = at ? labels.get(rowKey(active.sheet, at.row)) : undefined;
    const title = [label?.ref ?? active.ref, label?.description].filter(Boolean).join(' — ') || (active.cell ?? '');
    return spcChartsFor(sheets, result.grids, [active], config.annotations, () => title)[0] ?? null;
  }, [snapshot, active]);
  if (!chart) return null;
  // The SVG text is built by spcSvg, which escapes every text from the workbook.
  return (
    <section className={s.panel} aria-label="Statistical process control chart" data-testid="spc-panel">
      <Text className={s.title}>{chart.title}</Text>
      <div dangerouslySetInnerHTML={{ __html: spcSvg(chart, 'spc-pane') }} />
      <p className={s.hidden}>{spcSummary(chart)}</p>
    </section>
  );
}
