import type { CheckSnapshot } from './contract';
import { checkDraft } from '../../signoff/rules';
import { appendWithRetry } from '../../signoff/trail';
import { rememberedName } from '../../excel/identity';
import { identityFor, signedInAccount, snapshotFigures, trailChanged, trailStore } from './trail-client';

/**
 * Called by the Check tab after every check run: the run becomes a 'check' record in the
 * audit trail (counts, rule settings digest, fingerprint of the figures). A run that
 * found no grid checked nothing and is not recorded.
 */
export async function recordCheckRun(snapshot: CheckSnapshot): Promise<void> {
  if (snapshot.result.grids.length === 0) return;
  const figures = snapshotFigures(snapshot);
  const account = await signedInAccount();
  const name = rememberedName();
  const actor = account || name ? identityFor(name || account?.upn || '', account) : null;
  await appendWithRetry(trailStore(), () => ({ drafts: [checkDraft(figures, actor, new Date().toISOString())] }));
  trailChanged();
}
