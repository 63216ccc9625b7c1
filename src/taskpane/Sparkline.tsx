import * as React from 'react';
import { tokens } from '@fluentui/react-components';
import type { SeriesPoint } from './indicator-series';

/** A tiny line of an indicator's period values; gaps where a period holds no number. */
export function Sparkline({
  points,
  width = 64,
  height = 18,
}: {
  points: SeriesPoint[];
  width?: number;
  height?: number;
}): React.JSX.Element | null {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = (width - 4) / Math.max(points.length - 1, 1);
  const y = (v: number) => 2 + (height - 4) * (1 - (v - min) / span);
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${(2 + i * step).toFixed(1)} ${y(p.value).toFixed(1)}`;
    pen = true;
  });
  const lastIndex = points.map((p) => p.value !== null).lastIndexOf(true);
  const last = points[lastIndex];
  const label = `Trend: ${points.map((p) => `${p.label} ${p.value === null ? 'no value' : formatPoint(p.value)}`).join(', ')}`;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="sparkline"
    >
      <title>{label}</title>
      <path d={d} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={1.5} strokeLinejoin="round" />
      {last && last.value !== null && (
        <circle cx={2 + lastIndex * step} cy={y(last.value)} r={2} fill={tokens.colorBrandForeground1} />
      )}
    </svg>
  );
}

function formatPoint(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
}
