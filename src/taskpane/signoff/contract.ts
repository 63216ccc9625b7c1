import type { SheetModel } from '../../engine/model/sheet';
import type { OutturnConfig } from '../../engine/model/config';
import type { CheckResult } from '../../engine/check';
import type { Finding } from '../../engine/model/finding';

/** Everything a check run in the pane produced: what the sign-off and trail tabs rely on. */
export interface CheckSnapshot {
  result: CheckResult;
  /** Engine findings plus Excel data-validation findings, as listed in the pane. */
  findings: Finding[];
  sheets: SheetModel[];
  config: OutturnConfig;
  /** ISO time (UTC) the check finished. */
  at: string;
}

/** Props the Check-tab shell (App) gives the Sign-off and Audit trail tabs. */
export interface SignOffTabProps {
  lastCheck: CheckSnapshot | null;
  /** Re-read the workbook and re-run the checks (marks updated); resolves to the new snapshot. */
  recheck: () => Promise<CheckSnapshot | null>;
  /** The workbook changed since the last check (Office's change events): signatures cannot be confirmed current. */
  changed?: boolean;
}
