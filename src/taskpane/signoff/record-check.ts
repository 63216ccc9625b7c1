import type { CheckSnapshot } from './contract';

/**
 * Called by the Check tab after every check run so the run can be written to the audit
 * trail. Placeholder until the sign-off issue lands.
 */
export async function recordCheckRun(_snapshot: CheckSnapshot): Promise<void> {
  // intentionally empty for now
}
