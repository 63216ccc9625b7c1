import type { Cell } from '../model/cell';
import type { SheetModel } from '../model/sheet';
import { parseRangeA1 } from '../model/address';
import { readHeaderRow, type HeaderMap, type HeaderMeaning, type HeaderReader } from './header-row';

/** A group cell ('2016/17', 'Target', 'Performance') is a short label; a longer text above a header is a title. */
const MAX_GROUP_WORDS = 4;
/** Roles a group over them would not qualify: a group label spreads right only from a figure column. */
const IDENTITY_ROLES = new Set([
  'ref',
  'description',
  'serviceArea',
  'unit',
  'frequency',
  'keyIndicator',
  'cumulative',
  'compiler',
  'responsibleOfficer',
  'headOfService',
  'commentary',
  'dataSource',
  'dateSubmitted',
  'polarity',
]);

function textOf(cell: Cell | undefined): string {
  return cell && cell.kind === 'text' ? (cell.value as string).trim() : '';
}

function sameMeaning(a: HeaderMeaning, b: HeaderMeaning): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isIdentity(m: HeaderMeaning): boolean {
  return m !== null && 'role' in m && IDENTITY_ROLES.has(m.role);
}

/** For each column of the upper row (relative index), the relative column of the merged area's first cell covering it. */
function mergedAcross(sheet: SheetModel, upperRow: number): Map<number, number> {
  const map = new Map<number, number>();
  for (const range of sheet.merged ?? []) {
    const area = parseRangeA1(range);
    if (!area || area.top !== upperRow || area.right === area.left) continue;
    for (let c = area.left + 1; c <= area.right; c++) map.set(c - sheet.left, area.left - sheet.left);
  }
  return map;
}

export interface TwoRowHeader {
  header: HeaderMap;
  /** Columns whose meaning the group row changed ('Q1' under '2016/17' now has its year; 'Q1' under 'Target' is a target). */
  qualified: number;
}

/**
 * Read two rows as one header: each lower cell joined to the group cell above it (the
 * group cell itself, the merged area it lies in, or the last group label to its left, up
 * to the next one), where that changes what the column means; a column named only in the
 * upper row (a header merged down both rows) takes the upper text. Null when the joined
 * row does not read as a header.
 */
export function readTwoRowHeader(
  upper: readonly (Cell | undefined)[] | undefined,
  lower: readonly (Cell | undefined)[],
  sheet: SheetModel,
  upperRow: number,
  reader: HeaderReader,
  requireIdentity = true,
): TwoRowHeader | null {
  if (!upper) return null;
  const merged = mergedAcross(sheet, upperRow);
  const width = Math.max(upper.length, lower.length);
  const joined: (Cell | undefined)[] = new Array(width);
  let qualified = 0;
  let spread: string | null = null;
  for (let i = 0; i < width; i++) {
    const below = lower[i];
    if (below && below.kind !== 'text' && below.kind !== 'empty') {
      joined[i] = below; // a real date as a month header
      continue;
    }
    const u = textOf(upper[i]);
    const l = textOf(lower[i]);
    const lowerMeaning = l ? reader.meaningOfText(l) : null;
    let group = u;
    if (u) {
      spread = u.split(/\s+/).length <= MAX_GROUP_WORDS && !isIdentity(lowerMeaning) && l !== '' ? u : null;
    } else if (merged.has(i)) {
      group = textOf(upper[merged.get(i)!]);
    } else if (!l) {
      spread = null; // a column empty in both rows ends a group
    } else if (spread) {
      group = spread;
    }
    let text = l;
    if (!l)
      text = u; // named in the upper row only
    else if (group && group.split(/\s+/).length <= MAX_GROUP_WORDS) {
      const both = `${group} ${l}`;
      const bothMeaning = reader.meaningOfText(both);
      if (bothMeaning && !sameMeaning(bothMeaning, lowerMeaning)) {
        text = both;
        qualified++;
      } else if (!lowerMeaning && u && reader.meaningOfText(u)) text = u;
    }
    const source = l ? lower[i] : upper[i];
    joined[i] = text
      ? { kind: 'text', value: text, format: source?.format ?? 'General', formula: false }
      : (lower[i] ?? upper[i]);
  }
  const header = readHeaderRow(joined, sheet.left, reader, requireIdentity);
  return header ? { header, qualified } : null;
}
