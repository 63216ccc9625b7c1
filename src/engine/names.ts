/**
 * Matching the name a signer gives to the name the grid holds. Grids are typed by hand:
 * "Dr Dawn Garton", "D. Garton", "GARTON, Dawn", "dawn  garton" all mean the same officer.
 * The match is shown before signing, so a loose match is never silent.
 */

import { memoised } from './memo';

/** Honorifics and titles dropped before comparing names. */
const TITLES = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'cllr',
  'councillor',
  'prof',
  'professor',
  'sir',
  'dame',
  'rev',
  'revd',
  'lord',
  'lady',
]);

/**
 * 'Dr. Dawn  O’Garton-Smith' -> ['dawn', 'ogarton', 'smith']; 'Garton, Dawn' -> ['dawn', 'garton'].
 * Remembered (the same few officers are named on every row of a grid): the words come back
 * shared, so callers only read them.
 */
export const nameWords: (name: string) => readonly string[] = memoised((name) => {
  let text = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '');
  const comma = text.indexOf(',');
  if (comma >= 0) text = `${text.slice(comma + 1)} ${text.slice(0, comma)}`; // 'Surname, Forenames'
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  while (words.length > 1 && TITLES.has(words[0])) words.shift();
  return Object.freeze(words);
});

/** How a typed name matched a grid name: word for word, or by initials ('D Garton' for 'Dawn Garton'). */
export type NameMatchKind = 'exact' | 'initials';

/** Whether `typed` names the person the grid calls `gridName`, and how. */
export function matchName(typed: string, gridName: string): NameMatchKind | null {
  // Remembered by the pair: a grid names the same two officers side by side on row after row.
  return typed.includes('\u0000') ? matchWords(typed, gridName) : matchPair(`${typed}\u0000${gridName}`);
}

const matchPair = memoised((pair: string): NameMatchKind | null => {
  const cut = pair.indexOf('\u0000');
  return matchWords(pair.slice(0, cut), pair.slice(cut + 1));
});

function matchWords(typed: string, gridName: string): NameMatchKind | null {
  const a = nameWords(typed);
  const b = nameWords(gridName);
  if (!a.length || !b.length) return null;
  if (a.length === b.length && a.every((w, i) => w === b[i])) return 'exact';
  // Spacing typed away ('JoSmith', 'Ann-Marie' as 'Annmarie') still spells the same words.
  if (a.join('') === b.join('')) return 'exact';
  // Surnames must agree; forenames may be initials ('D', 'D E', 'DE') for the other's words.
  if (a[a.length - 1] !== b[b.length - 1] || a.length < 2 || b.length < 2) return null;
  const fa = expandInitials(a.slice(0, -1));
  const fb = expandInitials(b.slice(0, -1));
  const n = Math.min(fa.length, fb.length);
  for (let i = 0; i < n; i++) {
    const x = fa[i];
    const y = fb[i];
    if (x === y) continue;
    if ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y))) continue;
    return null;
  }
  return 'initials';
}

/** 'de' standing for two initials is read as ['d', 'e'] only when every other word is an initial too. */
function expandInitials(words: string[]): string[] {
  if (words.length === 1 && words[0].length === 2 && !/[aeiouy]/.test(words[0])) return words[0].split('');
  return words;
}

export interface OwnerMatch {
  /** The grid's spelling of the name matched (the signer's own, for indicators nobody is named to sign). */
  gridName: string;
  /** 'unassigned': the signer signs indicators that name nobody in the role (the whole-return route). */
  kind: NameMatchKind | 'unassigned';
}

export type OwnerLookup = { found: true; match: OwnerMatch } | { found: false; ambiguous: string[] };

/**
 * Which of `candidates` (names in the grid) `typed` names. An exact match wins; otherwise
 * one match by initials; two or more possible matches are ambiguous and match nobody.
 */
export function findOwner(typed: string, candidates: readonly string[]): OwnerLookup {
  const exact = candidates.filter((c) => matchName(typed, c) === 'exact');
  if (exact.length >= 1) return { found: true, match: { gridName: exact[0], kind: 'exact' } };
  const loose = candidates.filter((c) => matchName(typed, c) === 'initials');
  if (loose.length === 1) return { found: true, match: { gridName: loose[0], kind: 'initials' } };
  return { found: false, ambiguous: loose };
}

/**
 * Whether two names a signer typed name the same person: the one test used for owner
 * matching, segregation of duties (one person, two roles) and delegation (signing for
 * someone else), so a variant spelling can never pass one rule and fail another. Case,
 * spacing, full stops, commas, 'Surname, Forename', titles, accents, apostrophes and
 * hyphens are set aside ('J. Patel' = 'J Patel' = 'Dr J Patel' = 'PATEL, J').
 *
 * Initials: 'D. Garton' and 'Dawn Garton' are taken as one person, because a signer who
 * types an initial is claiming to be whoever the grid means by it; treating them as two
 * would let one officer sign twice by spelling their name two ways. The refusal this can
 * cause a real colleague who shares an initial and surname is avoided with `gridNames`
 * (every name the grid assigns): when the two names resolve to two different people the
 * grid names ('D. Garton' to Dawn Garton, 'David Garton' to David Garton), they are two
 * people. A name the grid cannot resolve (ambiguous initials) stays the same person: the
 * rule errs on the side of refusing, and the colleague signs with their full name.
 */
export function samePersonName(a: string, b: string, gridNames: readonly string[] = []): boolean {
  const kind = matchName(a, b);
  if (kind === 'exact') return true;
  if (kind === null) return false;
  const pa = findOwner(a, gridNames);
  const pb = findOwner(b, gridNames);
  return !(pa.found && pb.found && matchName(pa.match.gridName, pb.match.gridName) !== 'exact');
}

/**
 * Whether a typed name reads as the Office account's: 'dawn.garton@…' or 'dgarton@…' or
 * 'garton.d@…' for Dawn Garton. Only a hint (an account's name can be anything), so the
 * pane asks for confirmation when it does not fit, rather than refusing.
 */
export function nameFitsAccount(typed: string, upn: string): boolean {
  const words = nameWords(typed);
  if (words.length === 0) return false;
  const local = (upn.split('@')[0] ?? '').toLowerCase();
  const parts = local.split(/[._-]+/).filter(Boolean);
  const first = words[0];
  const last = words[words.length - 1];
  if (parts.length >= 2) {
    const account = parts.join(' ');
    return matchName(typed, account) !== null || matchName(typed, [...parts.slice(1), parts[0]].join(' ')) !== null;
  }
  return (
    local === `${first}${last}` ||
    local === `${first[0]}${last}` ||
    local === `${last}${first[0]}` ||
    local === `${first}.${last}`
  );
}
