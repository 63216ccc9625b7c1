import type { CheckSnapshot } from './contract';
import type { OutturnConfig } from '../../engine/model/config';
import { configDigest } from '../../signoff/fingerprint';
import { checkDraft } from '../../signoff/rules';
import { appendWithRetry } from '../../signoff/trail';
import { currentActor, snapshotFigures, trailChanged, trailStore } from './trail-client';

/**
 * Called by the Check tab after every check run: the run becomes a 'check' record in the
 * audit trail (counts, rule settings digest, fingerprint of the figures). A run that
 * found no grid checked nothing and is not recorded.
 */
export async function recordCheckRun(snapshot: CheckSnapshot): Promise<void> {
  if (snapshot.result.grids.length === 0) return;
  const figures = snapshotFigures(snapshot);
  const actor = await currentActor();
  await appendWithRetry(trailStore(), () => ({ drafts: [checkDraft(figures, actor, snapshot.at)] }));
  trailChanged();
}

/**
 * Called after the rule configuration was saved in the workbook: the change becomes a
 * 'config' record (the configuration itself and its digest), so an auditor can see which
 * rule settings later checks ran with.
 */
export async function recordConfigChange(config: OutturnConfig): Promise<void> {
  const actor = await currentActor();
  const payload = { configDigest: configDigest(config), config: JSON.parse(JSON.stringify(config)) as unknown };
  await appendWithRetry(trailStore(), () => ({ drafts: [{ type: 'config' as const, at: new Date().toISOString(), actor, payload }] }));
  trailChanged();
}
