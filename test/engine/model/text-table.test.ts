/**
 * The sheet's own texts held in joined blocks (src/engine/model/text-table.ts): every text
 * comes back exactly as it went in, whatever its characters, length or position.
 */
import { TextTableBuilder } from '../../../src/engine/model/text-table';

describe('TextTable', () => {
  it('gives back texts exactly: byte-order marks, lone surrogates, wide characters, empty text', () => {
    const texts = [
      '\uFEFFRef', // a BOM a CSV kept at the start of its first field
      'PI 0000001',
      '\uD800 a lone high surrogate', // not well-formed UTF-16: kept, not replaced by U+FFFD
      'tail \uDFFF',
      'Spend per head (£k)',
      'Number of repairs – urgent', // an en dash: a two-byte character
      'Satisfaction 😀',
      '',
      'N/a',
      'Snapshot data',
    ];
    const b = new TextTableBuilder();
    const ids = texts.map((t) => b.add(t));
    expect(ids).toEqual(texts.map((_, i) => i));
    const table = b.build();
    expect(table.size).toBe(texts.length);
    texts.forEach((t, i) => expect(table.get(i)).toBe(t));
    expect(table.get(texts.length)).toBe(''); // never handed out
    expect(table.get(-1)).toBe('');
  });

  it('keeps texts across blocks of a million characters and past 65,536 texts, and a text longer than 65,535 whole', () => {
    const b = new TextTableBuilder();
    const long = 'x'.repeat(70_000) + '£';
    const expected: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      // 38-45 characters each: about 4 million in all, so four blocks; every 7th has a wide character.
      const t = i === 50_000 ? long : `Description of indicator ${i}${i % 7 === 0 ? ' – ' : ' - '}${'y'.repeat(i % 8)}`;
      expected.push(t);
      b.add(t);
    }
    const table = b.build();
    for (const i of [0, 1, 6, 7, 25_000, 49_999, 50_000, 50_001, 65_535, 65_536, 65_537, 99_999])
      expect(table.get(i)).toBe(expected[i]);
    expect(expected.every((t, i) => table.get(i) === t)).toBe(true);
    const chars = expected.reduce((n, t) => n + t.length, 0);
    // Six bytes a text besides its characters (two a character in the blocks of wide texts).
    expect(table.bytes).toBeLessThan(chars * 1.4 + 6 * expected.length + 2 * long.length);
    expect(table.bytes).toBeGreaterThan(chars);
  });
});
