/**
 * A signature is made on the figures read at the moment of signing, never on those of an
 * earlier check. When a co-author's edit reached the workbook while the sign form was open,
 * the signer was shown figures that are no longer there: if what this signature covers
 * changed, it is refused, and the signer looks at the figures as they are before signing.
 */
import { compareIndicators, describeChanges, type Fingerprint } from '../signoff/fingerprint';
import type { Refusal } from './codes';

/** The figures the form showed the signer: the fingerprint of the check it was filled in against. */
export type ShownFigures = Pick<Fingerprint, 'hash' | 'indicators'>;

/**
 * The refusal when the figures read now differ from those shown where this signature
 * covers them (`covered`: per owner, the indicator keys of the signer's signature; null: the
 * whole return), or null when they do not.
 */
export function figuresChangedRefusal(
  shown: ShownFigures,
  now: Fingerprint,
  covered: readonly string[] | null,
): Refusal | null {
  if (shown.hash === now.hash) return null;
  // Per-indicator hashes are not kept for very large grids: then any change counts as the signer's.
  let detail = '';
  if (shown.indicators && now.indicators) {
    const all = compareIndicators(shown.indicators, now.indicators);
    const keep = (keys: string[]) => (covered ? keys.filter((k) => covered.includes(k)) : keys);
    const mine = { changed: keep(all.changed), added: keep(all.added), removed: keep(all.removed) };
    if (covered && !mine.changed.length && !mine.added.length && !mine.removed.length) return null;
    detail = describeChanges(mine);
  }
  return {
    code: 'figures-changed',
    message: `A co-author changed the figures while this form was open${detail ? ` (${detail.replace(/\.$/, '')})` : ''}, so nothing was signed. The check now shows the figures as they are: look at them and at any new findings, then sign again.`,
  };
}
