import type { CheckSnapshot } from './contract';
import type { OutturnConfig } from '../../engine/model/config';
import { configDigest } from '../../signoff/fingerprint';
import { checkDraft } from '../../signoff/rules';
import { appendWithRetry, type LoadedTrail, type TrailRecord } from '../../signoff/trail';
import { samePerson, type Identity } from '../../signoff/roles';
import type { CheckedFigures } from '../../signoff/rules';
import { currentActor, snapshotFigures, trailChanged, trailStore } from './trail-client';

/**
 * A broken trail is never extended (a new record would re-anchor the chain head and hide
 * the break): the caller shows this sentence instead.
 */
export class TrailBrokenError extends Error {
  readonly code = 'trail-broken';
  readonly userMessage: string;
  constructor(reason: string) {
    super(
      `The audit trail is broken, so nothing more is written to it: ${reason} Restore the workbook from a copy saved before the break.`,
    );
    this.name = 'TrailBrokenError';
    this.userMessage = this.message;
  }
}

/**
 * Called by the Check tab after every check run: the run becomes a 'check' record in the
 * audit trail (counts, rule settings digest, fingerprint of the figures). A run that
 * found no grid checked nothing and is not recorded. `trail`: the trail as the run read
 * it (CheckRun.trail), so it is not read a second time.
 */
export async function recordCheckRun(snapshot: CheckSnapshot, trail?: LoadedTrail): Promise<void> {
  if (snapshot.result.grids.length === 0) return;
  const figures = snapshotFigures(snapshot);
  const actor = await currentActor();
  const out = await appendWithRetry<string | null>(
    trailStore(),
    (_t, v) => {
      if (!v.ok) return { refusal: v.reason };
      // The same person checking the same figures again adds nothing an auditor needs: the
      // latest check already says so. (Every Sign click re-checks; a refused one must leave no trace.)
      if (sameAsLatestCheck(v.records, figures, actor)) return { refusal: null };
      return { drafts: [checkDraft(figures, actor, snapshot.at)] };
    },
    3,
    trail,
  );
  if ('refusal' in out && out.refusal === null) return;
  trailChanged();
  if ('refusal' in out && out.refusal !== null) throw new TrailBrokenError(out.refusal);
}

/** The trail's latest check is for these figures, settings and counts, and was run by `actor`. */
export function sameAsLatestCheck(
  records: readonly TrailRecord[],
  figures: CheckedFigures,
  actor: Identity | null,
): boolean {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r.type !== 'check') continue;
    const sameActor =
      r.actor === null
        ? actor === null
        : actor !== null && samePerson(r.actor, actor) && r.actor.source === actor.source;
    return (
      sameActor &&
      r.payload.fingerprint === figures.fingerprint.hash &&
      r.payload.configDigest === figures.configDigest &&
      r.payload.counts.errors === figures.counts.errors &&
      r.payload.counts.warnings === figures.counts.warnings &&
      r.payload.counts.info === figures.counts.info
    );
  }
  return false;
}

/**
 * Called after the rule configuration was saved in the workbook: the change becomes a
 * 'config' record (the configuration itself and its digest), so an auditor can see which
 * rule settings later checks ran with.
 */
export async function recordConfigChange(config: OutturnConfig): Promise<void> {
  const actor = await currentActor();
  const payload = { configDigest: configDigest(config), config: JSON.parse(JSON.stringify(config)) as unknown };
  const out = await appendWithRetry<string>(trailStore(), (_t, v) =>
    v.ok
      ? { drafts: [{ type: 'config' as const, at: new Date().toISOString(), actor, payload }] }
      : { refusal: v.reason },
  );
  trailChanged();
  if ('refusal' in out) throw new TrailBrokenError(out.refusal);
}
