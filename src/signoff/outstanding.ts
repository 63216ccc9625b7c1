/**
 * The sign-off state the engine's signoff-outstanding rule needs (CheckOptions.signoff),
 * from the audit trail as stored and the figures now in the workbook. Shared by
 * `outturn check`, the pane's Check tab and the ribbon's Check button.
 */
import { type SignoffState } from '../engine/check';
import { isOwnSheet } from '../engine/own-sheets';
import { discoverGrids } from '../engine/discovery/grids';
import type { OutturnConfig } from '../engine/model/config';
import type { Grid } from '../engine/model/grid';
import type { SheetModel } from '../engine/model/sheet';
import { ROLE_TITLES, SIGN_ROLES, type SignRole } from './roles';
import { outstandingParties, returnSignOff } from './return-state';
import type { WholeWorkbook } from './summary';
import { verifyTrail, type LoadedTrail } from './trail';

/** 'compiler', 'responsible officer', 'head of service': the words the finding's message lists. */
function roleWords(roles: readonly SignRole[]): string[] {
  return roles.map((r) => ROLE_TITLES[r].toLowerCase());
}

/** Every role outstanding: no trail, or one that cannot be trusted. */
export const NOTHING_SIGNED: SignoffState = { complete: false, outstandingRoles: roleWords(SIGN_ROLES) };

/**
 * A role is outstanding unless it holds a current signature (not stale, not withdrawn);
 * where the grid names owners, each owner is outstanding for their indicators without one
 * (the finding names them: 'Dawn Garton as responsible officer for 6 indicators').
 * `trail` null or empty: nobody signed. A broken trail counts as nobody signed: no
 * signature in it can be relied on, and `outturn audit` / the Audit tab say where it broke.
 *
 * Staleness is judged as `outturn audit` judges it: each signature against the grids now
 * on the sheets it covered. Grids are only discovered when some signature needs judging,
 * so an unsigned workbook costs nothing extra. A signature over a sheet not among `sheets`
 * (the pane read only the active sheet) cannot be judged stale here and counts as current.
 */
export function signoffForCheck(
  trail: LoadedTrail | null,
  sheets: readonly SheetModel[],
  config: Pick<OutturnConfig, 'columns' | 'owners'>,
  workbook?: WholeWorkbook,
): SignoffState {
  return signoffForGrids(
    trail,
    sheets,
    workbook,
    () => {
      const grids: Grid[] = [];
      for (const sheet of sheets) if (!isOwnSheet(sheet.name)) grids.push(...discoverGrids(sheet, config).grids);
      return grids;
    },
    config,
  );
}

/**
 * The same state over grids a check has already found (`grids`, asked for only when some
 * signature needs judging), so one check finds its grids once.
 */
export function signoffForGrids(
  trail: LoadedTrail | null,
  sheets: readonly SheetModel[],
  workbook: WholeWorkbook | undefined,
  grids: () => readonly Grid[],
  config?: Pick<OutturnConfig, 'owners'>,
): SignoffState {
  if (!trail || trail.entries.length === 0) return NOTHING_SIGNED;
  const verification = verifyTrail(trail.entries, trail.head);
  if (!verification.ok || !verification.records.some((r) => r.type === 'sign')) return NOTHING_SIGNED;
  // With the whole workbook known (the command line), a signed sheet gone or without a grid is stale, not unjudged.
  const state = returnSignOff(verification.records, grids(), sheets, workbook, config);
  return { complete: state.complete, outstandingRoles: outstandingParties(state) };
}
