/**
 * Record a restatement: a figure (or target) of an already-reported period changed on
 * purpose, with the reason the committee must be told. The record (who, when, old, new,
 * reason) goes into the trail; the reliability check then reports the change as restated
 * with its reason instead of as an error.
 */
import { checkWorkbook } from '../engine/check';
import { normaliseHeader } from '../engine/text';
import {
  refKey,
  sameFigure,
  snapshotReturn,
  type ComparedCell,
  type IndicatorSnapshot,
} from '../engine/rules/reliability';
import type { Identity } from '../signoff/roles';
import { appendWithRetry, type RestateRecord, type TrailRecord } from '../signoff/trail';
import type { ComparedReturn } from './compare';
import { trailReference } from './reference';
import type { Grid } from '../engine/model/grid';
import type { Finding } from '../engine/model/finding';
import { parseA1 } from '../engine/model/address';
import type { Clock, TrailStore, WorkbookSource } from './ports';

export interface RestateInput {
  identity: Identity;
  /** The indicator's ref, as the user typed it (case and spacing do not matter). */
  indicator: string;
  /** The period's label ('May', 'Q2 2019/20'), or a target's heading ('Target'). */
  period: string;
  reason: string;
  /** The return as it is now. */
  source: WorkbookSource;
  /** The previous return, when given: the old figure is read from it. */
  previous?: ComparedReturn;
  today: string;
}

export type RestateOutcome = { restated: true; record: RestateRecord } | { restated: false; reason: string };

type Found = { indicator: IndicatorSnapshot; label: string; at: ComparedCell };

function find(snapshots: readonly IndicatorSnapshot[], ref: string, period: string): Found | string {
  const indicator = snapshots.find((s) => s.ref && refKey(s.ref) === refKey(ref));
  if (!indicator) return `there is no indicator with the ref '${ref}' in the return`;
  const key = normaliseHeader(period);
  const hit = indicator.periods.get(key) ?? indicator.targets.get(key);
  if (!hit) {
    const known = [...indicator.periods.values(), ...indicator.targets.values()].map((p) => `'${p.label}'`);
    return `${indicator.ref} has no period or target called '${period}' (it has ${known.join(', ') || 'none'})`;
  }
  return { indicator, label: hit.label, at: hit.at };
}

/** The figure the last signature over this indicator recorded for the period, as text. */
function signedFigure(records: readonly TrailRecord[], ref: string, label: string): string | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r.type !== 'sign' || !r.payload.scope?.figures) continue;
    for (const [key, byHeader] of Object.entries(r.payload.scope.figures)) {
      if (refKey(key.slice(key.indexOf('|') + 1)) !== refKey(ref)) continue;
      for (const [header, text] of Object.entries(byHeader))
        // Canonical cell text is typed ('n:0.94', 't:N/a'): the figure is what follows the type.
        if (normaliseHeader(header) === normaliseHeader(label)) return text.replace(/^[a-z]:/, '');
    }
  }
  return null;
}

/** The figure as the last sign-off the trail holds shows it (src/app/reference.ts), or null. */
function referenceFigure(
  records: readonly TrailRecord[],
  source: WorkbookSource,
  grids: readonly Grid[],
  ref: string,
  label: string,
): string | null {
  const reference = trailReference(records, source.sheets, grids);
  const found = reference ? find(reference.snapshots, ref, label) : null;
  return found && typeof found !== 'string' && found.at.text !== '' ? found.at.shown : null;
}

export async function restateFigure(
  input: RestateInput,
  ports: { trail: TrailStore; clock: Clock },
): Promise<RestateOutcome> {
  const grids = checkWorkbook(input.source.sheets, input.source.config, { today: input.today }).grids;
  const now = find(snapshotReturn(input.source.sheets, grids), input.indicator, input.period);
  if (typeof now === 'string') return { restated: false, reason: now };
  let old: ComparedCell | null = null;
  if (input.previous) {
    const prevGrids =
      input.previous.grids ??
      checkWorkbook(input.previous.source.sheets, input.previous.source.config, { today: input.today }).grids;
    const before = find(snapshotReturn(input.previous.source.sheets, prevGrids), input.indicator, input.period);
    if (typeof before === 'string') return { restated: false, reason: `in the previous return, ${before}` };
    old = before.at;
    const words = now.indicator.percentWords || before.indicator.percentWords;
    if (old.text !== '' && sameFigure(old, now.at, words))
      return {
        restated: false,
        reason: `${now.indicator.ref} ${now.label} is ${now.at.shown} in both returns: there is nothing to restate`,
      };
  }
  const at = ports.clock.now().toISOString();
  const out = await appendWithRetry<string>(ports.trail, (_trail, verification) => {
    const oldText =
      old && old.text !== ''
        ? old.shown
        : (referenceFigure(verification.records, input.source, grids, now.indicator.ref!, now.label) ??
          signedFigure(verification.records, now.indicator.ref!, now.label));
    return {
      drafts: [
        {
          type: 'restate',
          at,
          actor: input.identity,
          payload: {
            indicator: now.indicator.ref!,
            period: now.label,
            old: oldText,
            new: now.at.text === '' ? null : now.at.shown,
            reason: input.reason.trim(),
            sheet: now.indicator.sheet,
          },
        },
      ],
    };
  });
  if ('refusal' in out) return { restated: false, reason: out.refusal };
  const record = out.written[0];
  if (record.type !== 'restate') throw new Error('the record written is not a restatement');
  return { restated: true, record };
}

/** The findings a restatement answers: a reported figure changed, or a target moved. */
const RESTATABLE = new Set(['restated-figure', 'target-changed']);

/**
 * The indicator and period (or target heading) a reliability finding is about, so the
 * pane can record its restatement from the finding itself; null for any other finding.
 */
export function restatementTarget(
  finding: Finding,
  grids: readonly Grid[],
): { indicator: string; period: string } | null {
  if (!RESTATABLE.has(finding.rule) || !finding.ref || !finding.cell) return null;
  const at = parseA1(finding.cell);
  if (!at) return null;
  const grid = grids.find(
    (g) => g.sheet === finding.sheet && at.row >= g.top && at.row <= g.bottom && at.col >= g.left && at.col <= g.right,
  );
  if (!grid) return null;
  const period = grid.periods.find((p) => p.col === at.col);
  if (period) return { indicator: finding.ref, period: period.label };
  const target = grid.columns.target === at.col || grid.periodTargets?.some((p) => p.col === at.col);
  return target ? { indicator: finding.ref, period: grid.headers[at.col] ?? 'Target' } : null;
}
