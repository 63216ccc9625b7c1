/**
 * The sign-off of a return as a whole, whichever way it is signed: per owner (the grid
 * names its owners: a matrix of indicators × roles) or as a whole (it names none: three
 * signatures, today's sign-off). Shared by `outturn audit`, `outturn check`, the pane.
 */
import type { OutturnConfig } from '../engine/model/config';
import type { Grid } from '../engine/model/grid';
import type { SheetModel } from '../engine/model/sheet';
import { fingerprintGrids } from './fingerprint';
import { ownershipFromGrids, type Ownership } from './owners';
import { signOffProgress, type Progress } from './progress';
import { ROLE_TITLES, type SignRole } from './roles';
import { fullySigned, signOffState, type RoleState } from './state';
import { gridsResolver, type WholeWorkbook } from './summary';
import type { TrailRecord } from './trail';

export interface ReturnSignOff {
  ownership: Ownership;
  /** Per owner: the matrix. */
  progress: Progress | null;
  /** As a whole: one state per role. */
  roles: RoleState[] | null;
  complete: boolean;
}

/**
 * The sign-off of the return whose grids are `grids` (as found on `sheets` now), from the
 * trail's records. `workbook` (every sheet name, known to the command line) lets a signature
 * over a sheet that is gone, very hidden or without a grid be judged stale.
 */
export function returnSignOff(
  records: readonly TrailRecord[],
  grids: readonly Grid[],
  sheets: readonly SheetModel[],
  workbook?: WholeWorkbook,
  /** Owners the configuration gives to indicators the grid names nobody for. */
  config?: Pick<OutturnConfig, 'owners'>,
  /** The ownership of these grids, when the caller has already worked it out (it reads every figure). */
  known?: Ownership,
): ReturnSignOff {
  const ownership = known ?? ownershipFromGrids(grids, sheets, config);
  if (ownership.mode === 'per-owner') {
    // The figures' fingerprints only judge signatures: none to judge, nothing to hash.
    const fp = records.length ? fingerprintGrids(grids, sheets) : null;
    const progress = signOffProgress(records, ownership, fp?.indicators ?? null, fp?.hash);
    return { ownership, progress, roles: null, complete: progress.complete };
  }
  const roles = signOffState(records, grids.length || workbook ? gridsResolver(grids, sheets, workbook) : null);
  return { ownership, progress: null, roles, complete: fullySigned(roles) };
}

/**
 * Who still has to sign, as the signoff-outstanding finding lists them: per owner,
 * 'Dawn Garton as responsible officer for 6 indicators' ('… for CS05' for one); as a whole, the roles.
 */
export function outstandingParties(state: ReturnSignOff): string[] {
  if (state.progress) {
    return state.progress.outstanding.map((o) => {
      const title = ROLE_TITLES[o.role].toLowerCase();
      // The finding joins parties with ', ', so an indicator list would read ambiguously: one ref, else a count.
      const what = o.indicators.length === 1 ? o.indicators[0] : `${o.indicators.length} indicators`;
      return o.name ? `${o.name} as ${title} for ${what}` : `${title} for ${what} (no owner named in the grid)`;
    });
  }
  return (state.roles ?? [])
    .filter((s) => s.status !== 'signed')
    .map((s: RoleState) => ROLE_TITLES[s.role as SignRole].toLowerCase());
}
