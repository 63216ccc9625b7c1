/**
 * What a file is, told from its first and last bytes rather than its name: users rename
 * files, and Excel saves password-protected .xlsx files as OLE compound documents.
 */
export type FileKind =
  | 'xlsx' // a zip holding xl/workbook.xml
  | 'xlsb' // a binary Excel workbook (ExcelJS cannot read these)
  | 'zip-other' // a zip that is not a workbook (.docx renamed, say)
  | 'zip-damaged' // starts like a zip but has no end-of-archive record (truncated)
  | 'encrypted' // OLE compound document holding EncryptionInfo: a password-protected .xlsx
  | 'xls' // OLE compound document holding a BIFF workbook
  | 'pdf'
  | 'text' // anything else that decodes as text: CSV candidates
  | 'binary'
  | 'empty';

const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_EMPTY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

export function sniffFileKind(bytes: Buffer, extension = ''): FileKind {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY)) {
    // The end-of-central-directory record sits in the last 64 KiB + 22 bytes; a truncated download loses it.
    const tail = bytes.subarray(Math.max(0, bytes.length - 65_557));
    if (tail.lastIndexOf(ZIP_END) < 0) return 'zip-damaged';
    // Entry names are stored in plain bytes in the central directory.
    if (bytes.includes('xl/workbook.xml')) return 'xlsx';
    return bytes.includes('xl/workbook.bin') ? 'xlsb' : 'zip-other';
  }
  if (startsWith(bytes, CFB)) {
    // Stream names in the compound document's directory are UTF-16LE.
    if (bytes.includes(utf16('EncryptionInfo')) || bytes.includes(utf16('EncryptedPackage'))) return 'encrypted';
    if (bytes.includes(utf16('Workbook')) || bytes.includes(utf16('Book'))) return 'xls';
    return extension === '.xls' ? 'xls' : 'encrypted';
  }
  if (startsWith(bytes, Buffer.from('%PDF'))) return 'pdf';
  return looksLikeText(bytes) ? 'text' : 'binary';
}

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
}

/** Text if it has a UTF-16 BOM, or no NUL bytes and few control characters in its first 4 KiB. */
function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return true;
  const head = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control <= head.length / 100;
}
