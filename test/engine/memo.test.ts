/**
 * src/engine/memo.ts: a function of one text, remembered per distinct text and never holding
 * more than its limit; and the names it serves give the same answers remembered or not.
 */
import { memoised } from '../../src/engine/memo';
import { matchName, nameWords, samePersonName } from '../../src/engine/names';

describe('memoised', () => {
  it('works a text out once, and again only after its memory was cleared at the limit', () => {
    const seen: string[] = [];
    const upper = memoised((t: string) => {
      seen.push(t);
      return t.toUpperCase();
    }, 3);
    expect([upper('a'), upper('b'), upper('a'), upper('c'), upper('b')]).toEqual(['A', 'B', 'A', 'C', 'B']);
    expect(seen).toEqual(['a', 'b', 'c']);
    upper('d'); // the fourth distinct text: the memory is cleared first
    upper('a');
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('remembers an answer of undefined or null as an answer', () => {
    let calls = 0;
    const nothing = memoised((_t: string) => {
      calls++;
      return undefined;
    });
    nothing('x');
    nothing('x');
    expect(calls).toBe(1);
  });
});

describe('names, remembered', () => {
  it('give the same answers on every asking, whatever was asked between', () => {
    const pairs: [string, string][] = [
      ['Dr Dawn Garton', 'GARTON, Dawn'],
      ['D. Garton', 'Dawn Garton'],
      ['David Garton', 'Dawn Garton'],
      ['J Patel', 'j. patel'],
    ];
    const first = pairs.map(([a, b]) => matchName(a, b));
    expect(first).toEqual(['exact', 'initials', null, 'exact']);
    for (let i = 0; i < 3; i++) expect(pairs.map(([a, b]) => matchName(a, b))).toEqual(first);
    expect(nameWords('Dr. Dawn  O’Garton-Smith')).toEqual(['dawn', 'ogarton', 'smith']);
    expect(Object.isFrozen(nameWords('Dawn Garton'))).toBe(true); // shared: nobody may change them
  });

  it('a name holding the separator the pair memory uses is matched as it is', () => {
    expect(matchName('Dawn\u0000Garton', 'Dawn Garton')).toBe('exact');
    expect(samePersonName('Ann\u0000Lee', 'Dawn Garton')).toBe(false);
  });
});
