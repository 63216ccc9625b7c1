import { repairTrail, type RepairInput, type RepairOutcome } from '../../app/repair';
import type { Clock } from '../../app/ports';
import { trailStore } from './trail-client';

const systemClock: Clock = { now: () => new Date() };

/**
 * Repair a broken trail from the pane, through the same application call as `outturn repair`:
 * who may repair, what is refused and what the record keeps are decided there.
 */
export function repairFromPane(input: RepairInput, clock: Clock = systemClock): Promise<RepairOutcome> {
  return repairTrail(input, { trail: trailStore(), clock });
}
