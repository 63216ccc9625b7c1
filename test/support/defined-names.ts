import JSZip from 'jszip';

/**
 * ExcelJS keeps only defined names that refer to ranges: a named constant (`VAT = 0.2`), a
 * named formula, or Outturn's own chain head (`OutturnTrailHead = "7:3f9a…"`, see
 * docs/STORAGE.md) is dropped when it re-writes a workbook. A marked copy must not lose
 * them, so they are copied from the input's xl/workbook.xml into the output's, as written.
 */
const DEFINED_NAME = /<definedName\b([^>]*)>([\s\S]*?)<\/definedName>|<definedName\b([^>]*)\/>/g;

function attr(attrs: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? m[1] : '';
}

/** Each defined-name element of a workbook.xml by name and scope (localSheetId). */
function definedNameElements(workbookXml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(DEFINED_NAME)) {
    const attrs = m[1] ?? m[3] ?? '';
    out.set(`${attr(attrs, 'name').toLowerCase()}|${attr(attrs, 'localSheetId')}`, m[0]);
  }
  return out;
}

/** The output's workbook.xml with every defined name of the input's that it lacks added to it. */
function mergeDefinedNames(inputXml: string, outputXml: string): string {
  const have = definedNameElements(outputXml);
  const missing = [...definedNameElements(inputXml)].filter(([key]) => !have.has(key)).map(([, el]) => el);
  if (missing.length === 0) return outputXml;
  const nodes = missing.join('');
  if (/<definedNames\s*\/>/.test(outputXml))
    return outputXml.replace(/<definedNames\s*\/>/, `<definedNames>${nodes}</definedNames>`);
  if (outputXml.includes('</definedNames>')) return outputXml.replace('</definedNames>', `${nodes}</definedNames>`);
  // definedNames follows sheets (and precedes calcPr) in the workbook schema's sequence.
  return outputXml.replace('</sheets>', `</sheets><definedNames>${nodes}</definedNames>`);
}

/** Copy the input workbook's defined names that ExcelJS dropped into the re-written bytes. */
export async function carryOverDefinedNames(inputBytes: Uint8Array, outputBytes: Uint8Array): Promise<Uint8Array> {
  const input = await JSZip.loadAsync(inputBytes);
  const inputXml = await input.file('xl/workbook.xml')?.async('string');
  if (!inputXml || !inputXml.includes('<definedName')) return outputBytes;
  const output = await JSZip.loadAsync(outputBytes);
  const file = output.file('xl/workbook.xml');
  if (!file) return outputBytes;
  const outputXml = await file.async('string');
  const merged = mergeDefinedNames(inputXml, outputXml);
  if (merged === outputXml) return outputBytes;
  output.file('xl/workbook.xml', merged);
  return output.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
