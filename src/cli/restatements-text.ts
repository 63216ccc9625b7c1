/**
 * The restatements a trail records, as `outturn audit` lists them: every later signer and
 * the auditor see which reported figures changed, from what to what, and why.
 */
import { restatementsOf, type Restatement } from '../app/compare';
import { escapeControls } from '../signoff/text-safety';
import type { TrailRecord } from '../signoff/trail';

export function restatementsOfTrail(records: readonly TrailRecord[]): Restatement[] {
  return restatementsOf(records);
}

/** "Restatements:" and one line each; nothing when there are none. */
export function restatementLines(records: readonly TrailRecord[]): string[] {
  const list = restatementsOf(records);
  if (list.length === 0) return [];
  return [
    'Restatements:',
    ...list.map((r) =>
      escapeControls(
        `  ${r.indicator} ${r.period}: ${r.old ?? 'unknown'} → ${r.new ?? 'blank'}, by ${r.by ?? 'unknown'} at ${r.at}: "${r.reason}"`,
      ),
    ),
  ];
}
